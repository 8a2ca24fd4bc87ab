package dev.winwin.report;

import static dev.winwin.schema.AccountRelationshipsSchema.AS_OF_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.FIRST_CLOSE_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.LAST_CLOSE_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.MARGIN_PCT_SLOPE;
import static dev.winwin.schema.AccountRelationshipsSchema.SATISFACTION_SLOPE;
import static dev.winwin.schema.AccountRelationshipsSchema.TRAJECTORY;
import static dev.winwin.schema.AccountRelationshipsSchema.WINDOW_START;
import static dev.winwin.schema.Columns.ACCOUNT_ID;
import static dev.winwin.schema.Columns.ACCOUNT_NAME;
import static dev.winwin.schema.Columns.CLOSE_DATE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.columnsOf;
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

import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.DealOutcomesSchema;
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
    Dataset<Row> outcomes = table(columnsOf(DealOutcomesSchema.SCHEMA, DEAL_ID, ACCOUNT_ID, ACCOUNT_NAME, CLOSE_MONTH, CLOSE_DATE,
            INVOICE_AMOUNT, COST_LINES, POCKET_REVENUE, POCKET_MARGIN, POCKET_MARGIN_PCT, SATISFACTION, OUTCOME, WINNING_PARTY),
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
        ACCOUNT_ID);
  }

  @Test
  void labelsEachTrajectoryBySlopeDirections() {
    assertRow(accounts, "EXT", MARGIN_PCT_SLOPE, dec("0.100000"), SATISFACTION_SLOPE, dec("-10.000"), TRAJECTORY, "extraction");
    assertRow(accounts, "CON", MARGIN_PCT_SLOPE, dec("0.100000"), SATISFACTION_SLOPE, dec("10.000"), TRAJECTORY, "converging");
    assertRow(accounts, "LOY", MARGIN_PCT_SLOPE, dec("-0.100000"), SATISFACTION_SLOPE, dec("10.000"), TRAJECTORY, "buying_loyalty");
    assertRow(accounts, "DEC", MARGIN_PCT_SLOPE, dec("-0.100000"), SATISFACTION_SLOPE, dec("-10.000"), TRAJECTORY, "mutual_decline");
  }

  @Test
  void isSteadyWithFewClassifiedDealsOrBothSlopesWithinTolerance() {
    assertRow(accounts, "FEW", CLASSIFIED_DEALS, 2L, MARGIN_PCT_SLOPE, dec("0.200000"), SATISFACTION_SLOPE, dec("40.000"),
        TRAJECTORY, "steady");
    assertRow(accounts, "FLAT", MARGIN_PCT_SLOPE, dec("0.002000"), SATISFACTION_SLOPE, dec("0.400"), TRAJECTORY, "steady");
    assertRow(accounts, "EDGE", MARGIN_PCT_SLOPE, dec("0.005000"), SATISFACTION_SLOPE, dec("0.500"), TRAJECTORY, "steady");
    assertRow(accounts, "ONE", MARGIN_PCT_SLOPE, dec("0.002000"), SATISFACTION_SLOPE, dec("-1.000"), TRAJECTORY, "extraction");
  }

  @Test
  void fitsTheSlopeOnMonthsWithGapsByLeastSquares() {
    // 1.9 / 14 = 0.1357142…; satisfaction is the same shape × 100.
    assertRow(accounts, "UNE", MARGIN_PCT_SLOPE, dec("0.135714"), SATISFACTION_SLOPE, dec("13.571"), TRAJECTORY, "converging",
        FIRST_CLOSE_MONTH, "2025-11", LAST_CLOSE_MONTH, "2026-02", ACCOUNT_NAME, "Account UNE3");
  }

  @Test
  void countsOnlyTheTrailingTwelveMonthsIntoDealsRevenueAndOutcomeMix() {
    assertEquals(List.of("CON", "DEC", "EDGE", "EXT", "FEW", "FLAT", "LOY", "ONE", "UNE"), List.copyOf(accounts.keySet()));
    // EXT0 (2025-10) is outside; margin % = (10 + 20 + 30) / 300.
    assertRow(accounts, "EXT", AS_OF_MONTH, "2026-10", WINDOW_START, "2025-11", FIRST_CLOSE_MONTH, "2026-08",
        DEALS, 3L, INVOICE_REVENUE, dec("300.000000"), POCKET_MARGIN_PCT, dec("0.200000"), MEAN_SATISFACTION, dec("40.000"),
        CLASSIFIED_DEALS, 3L, WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.000000"), OutcomeColumns.LOSE_LOSE.deals(), 1L,
        OutcomeColumns.WIN_LOSE_PROVIDER.deals(), 2L, OutcomeColumns.WIN_LOSE_PROVIDER.share(), dec("0.666667"), OutcomeColumns.WIN_WIN.deals(), 0L, RUN_ID, "run-1");
    assertRow(accounts, "FEW", DEALS, 3L, OutcomeColumns.UNCLASSIFIED.deals(), 1L, OutcomeColumns.UNCLASSIFIED.share(), dec("0.333333"),
        WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.500000"));
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
