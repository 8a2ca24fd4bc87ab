package dev.winwin.report;

import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestReportSettings;

/**
 * Accounts as of 2026-10 (trailing window 2025-11 to 2026-10), each deal invoiced at 100 with pocket
 * revenue 100, so its pocket margin is 100 × its margin %. Tolerances are the defaults: 0.005 per
 * month for margin %, 0.5 points per month for satisfaction. Rows are keyed by account.
 */
class AccountRelationshipsReportTest {
  private static Map<String, Row> accounts;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(
        "deal_id STRING, account_id STRING, account_name STRING, close_month STRING, close_date DATE, invoice_amount DECIMAL(24,6), "
            + "cost_lines BIGINT, pocket_revenue DECIMAL(24,6), pocket_margin DECIMAL(24,6), pocket_margin_pct DECIMAL(12,6), "
            + "satisfaction DECIMAL(7,3), outcome STRING, winning_party STRING",
        // x = 9, 10, 11; margin +0.1 a month, satisfaction -10 a month; a deal before the window is ignored.
        deal("EXT0", "EXT", "2025-10", "0.900", "90", "win-win"),
        deal("EXT1", "EXT", "2026-08", "0.10", "50", "lose-lose"),
        deal("EXT2", "EXT", "2026-09", "0.20", "40", "win-lose/provider"),
        deal("EXT3", "EXT", "2026-10", "0.30", "30", "win-lose/provider"),
        deal("CON1", "CON", "2026-08", "0.10", "30", "win-win"),
        deal("CON2", "CON", "2026-09", "0.20", "40", "win-win"),
        deal("CON3", "CON", "2026-10", "0.30", "50", "lose-lose"),
        deal("LOY1", "LOY", "2026-08", "0.30", "30", "win-win"),
        deal("LOY2", "LOY", "2026-09", "0.20", "40", "win-lose/client"),
        deal("LOY3", "LOY", "2026-10", "0.10", "50", "win-lose/client"),
        deal("DEC1", "DEC", "2026-08", "0.30", "50", "win-win"),
        deal("DEC2", "DEC", "2026-09", "0.20", "40", "lose-lose"),
        deal("DEC3", "DEC", "2026-10", "0.10", "30", "lose-lose"),
        // Only two classified deals: steady however steep.
        deal("FEW1", "FEW", "2026-08", "0.10", "20", "lose-lose"),
        deal("FEW2", "FEW", "2026-09", "0.30", "60", "win-win"),
        deal("FEW3", "FEW", "2026-10", "0.50", null, "unclassified"),
        // Slopes 0.002 and 0.4: both within tolerance.
        deal("FLAT1", "FLAT", "2026-08", "0.300", "50.0", "win-win"),
        deal("FLAT2", "FLAT", "2026-09", "0.302", "50.4", "win-win"),
        deal("FLAT3", "FLAT", "2026-10", "0.304", "50.8", "win-win"),
        // Slopes exactly 0.005 and 0.5: a slope on the tolerance is still flat.
        deal("EDGE1", "EDGE", "2026-08", "0.300", "50.0", "win-win"),
        deal("EDGE2", "EDGE", "2026-09", "0.305", "50.5", "win-win"),
        deal("EDGE3", "EDGE", "2026-10", "0.310", "51.0", "win-win"),
        // Margin flat (0.002) but satisfaction beyond tolerance (-1): not steady, labelled by the signs.
        deal("ONE1", "ONE", "2026-08", "0.300", "52", "win-win"),
        deal("ONE2", "ONE", "2026-09", "0.302", "51", "win-win"),
        deal("ONE3", "ONE", "2026-10", "0.304", "50", "win-win"),
        // x = 0, 1, 3: n 3, Σx 4, Σx² 10; margin Σy 0.8, Σxy 1.7 → (3·1.7 − 4·0.8) / (3·10 − 16) = 1.9 / 14.
        deal("UNE1", "UNE", "2025-11", "0.10", "10", "win-win"),
        deal("UNE2", "UNE", "2025-12", "0.20", "20", "lose-lose"),
        deal("UNE3", "UNE", "2026-02", "0.50", "50", "win-win"));
    accounts = RowAssert.byKey(AccountRelationshipsReport.build(outcomes, YearMonth.of(2026, 10), TestReportSettings.defaults(), "run-1"),
        "account_id");
  }

  @Test
  void labelsEachTrajectoryBySlopeDirections() {
    assertRow(accounts, "EXT", "margin_pct_slope", dec("0.100000"), "satisfaction_slope", dec("-10.000"), "trajectory", "extraction");
    assertRow(accounts, "CON", "margin_pct_slope", dec("0.100000"), "satisfaction_slope", dec("10.000"), "trajectory", "converging");
    assertRow(accounts, "LOY", "margin_pct_slope", dec("-0.100000"), "satisfaction_slope", dec("10.000"), "trajectory", "buying_loyalty");
    assertRow(accounts, "DEC", "margin_pct_slope", dec("-0.100000"), "satisfaction_slope", dec("-10.000"), "trajectory", "mutual_decline");
  }

  @Test
  void isSteadyWithFewClassifiedDealsOrBothSlopesWithinTolerance() {
    assertRow(accounts, "FEW", "classified_deals", 2L, "margin_pct_slope", dec("0.200000"), "satisfaction_slope", dec("40.000"),
        "trajectory", "steady");
    assertRow(accounts, "FLAT", "margin_pct_slope", dec("0.002000"), "satisfaction_slope", dec("0.400"), "trajectory", "steady");
    assertRow(accounts, "EDGE", "margin_pct_slope", dec("0.005000"), "satisfaction_slope", dec("0.500"), "trajectory", "steady");
    assertRow(accounts, "ONE", "margin_pct_slope", dec("0.002000"), "satisfaction_slope", dec("-1.000"), "trajectory", "extraction");
  }

  @Test
  void fitsTheSlopeOnMonthsWithGapsByLeastSquares() {
    // 1.9 / 14 = 0.1357142…; satisfaction is the same shape × 100.
    assertRow(accounts, "UNE", "margin_pct_slope", dec("0.135714"), "satisfaction_slope", dec("13.571"), "trajectory", "converging",
        "first_close_month", "2025-11", "last_close_month", "2026-02", "account_name", "Account UNE3");
  }

  @Test
  void countsOnlyTheTrailingTwelveMonthsIntoDealsRevenueAndOutcomeMix() {
    assertEquals(List.of("CON", "DEC", "EDGE", "EXT", "FEW", "FLAT", "LOY", "ONE", "UNE"), List.copyOf(accounts.keySet()));
    // EXT0 (2025-10) is outside; margin % = (10 + 20 + 30) / 300.
    assertRow(accounts, "EXT", "as_of_month", "2026-10", "window_start", "2025-11", "first_close_month", "2026-08",
        "deals", 3L, "invoice_revenue", dec("300.000000"), "pocket_margin_pct", dec("0.200000"), "mean_satisfaction", dec("40.000"),
        "classified_deals", 3L, "win_win_share_of_classified", dec("0.000000"), "lose_lose_deals", 1L,
        "win_lose_provider_deals", 2L, "win_lose_provider_share", dec("0.666667"), "win_win_deals", 0L, "run_id", "run-1");
    assertRow(accounts, "FEW", "deals", 3L, "unclassified_deals", 1L, "unclassified_share", dec("0.333333"),
        "win_win_share_of_classified", dec("0.500000"));
  }

  /** A deal of {@code account} with invoice and pocket revenue 100; outcome "win-lose/provider" sets the winning party. */
  private static Object[] deal(String id, String account, String month, String marginPct, String satisfaction, String outcome) {
    String[] parts = outcome.split("/");
    String party = switch (parts[0]) {
      case "win-win" -> "both";
      case "lose-lose" -> "none";
      case "win-lose" -> parts[1];
      default -> null;
    };
    BigDecimal pct = new BigDecimal(marginPct);
    return new Object[] {id, account, "Account " + id, month, java.sql.Date.valueOf(month + "-15"), dec("100"), 1L, dec("100"),
        pct.multiply(new BigDecimal("100")), pct, satisfaction == null ? null : new BigDecimal(satisfaction), parts[0], party};
  }
}
