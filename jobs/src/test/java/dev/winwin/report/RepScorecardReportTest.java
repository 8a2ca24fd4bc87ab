package dev.winwin.report;

import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;

/**
 * Five reps in March 2026 (R1 and R2 tie on win-win share, R4 has no classified deal, R5 only a lost
 * one) and R1 again alone in April. Rows are keyed by {@code close_month/rep_id}.
 */
class RepScorecardReportTest {
  private static Map<String, Row> reps;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(
        "deal_id STRING, close_month STRING, rep_id STRING, invoice_amount DECIMAL(24,6), on_invoice_discount_pct DECIMAL(12,6), "
            + "cost_lines BIGINT, pocket_revenue DECIMAL(24,6), pocket_margin DECIMAL(24,6), satisfaction DECIMAL(7,3), outcome STRING",
        row("A1", "2026-03", "R1", dec("1000"), dec("0.100000"), 1L, dec("1000"), dec("400"), dec("80"), "win-win"),
        row("A2", "2026-03", "R1", dec("1000"), dec("0.200000"), 1L, dec("900"), dec("300"), dec("70"), "win-win"),
        row("A3", "2026-03", "R1", dec("500"), dec("0.300000"), 0L, dec("500"), null, dec("30"), "unclassified"),
        row("A4", "2026-03", "R1", dec("500"), dec("0.000000"), 1L, dec("500"), dec("-100"), dec("10"), "lose-lose"),
        row("B1", "2026-03", "R2", dec("100"), dec("0.050000"), 1L, dec("100"), dec("40"), dec("90"), "win-win"),
        row("B2", "2026-03", "R2", dec("100"), dec("0.050000"), 1L, dec("100"), dec("40"), dec("90"), "win-win"),
        row("B3", "2026-03", "R2", dec("100"), dec("0.050000"), 1L, dec("100"), dec("40"), dec("20"), "win-lose"),
        row("C1", "2026-03", "R3", dec("100"), dec("0.000000"), 1L, dec("100"), dec("40"), dec("90"), "win-win"),
        row("C2", "2026-03", "R3", dec("100"), dec("0.000000"), 1L, dec("100"), dec("0"), dec("10"), "lose-lose"),
        row("D1", "2026-03", "R4", dec("100"), dec("0.000000"), 0L, dec("100"), null, null, "unclassified"),
        row("E1", "2026-04", "R1", dec("100"), dec("0.000000"), 1L, dec("100"), dec("5"), dec("90"), "win-lose"));
    Dataset<Row> lost = table("close_month STRING, rep_id STRING",
        row("2026-03", "R1"), row("2026-03", "R4"), row("2026-03", "R5"));
    reps = RowAssert.byKey(RepScorecardReport.build(outcomes, lost, "run-1"), "close_month", "rep_id");
  }

  @Test
  void hasOneRowPerMonthAndRepWithWonOrLostDeals() {
    assertEquals(List.of("2026-03/R1", "2026-03/R2", "2026-03/R3", "2026-03/R4", "2026-03/R5", "2026-04/R1"), List.copyOf(reps.keySet()));
  }

  @Test
  void measuresWinRateWinWinShareDiscountMarginAndSatisfaction() {
    // R1: 4 won, 1 lost; 2 win-win of 3 classified; margin % over costed deals (600 / 2400); satisfaction (80+70+30+10)/4.
    assertRow(reps, "2026-03/R1", "deals_won", 4L, "deals_lost", 1L, "win_rate", dec("0.800000"), "classified_deals", 3L,
        "win_win_deals", 2L, "win_win_share_of_classified", dec("0.666667"), "mean_on_invoice_discount_pct", dec("0.150000"),
        "invoice_revenue", dec("3000.000000"), "pocket_margin_pct", dec("0.250000"), "mean_satisfaction", dec("47.500"),
        "run_id", "run-1");
    assertRow(reps, "2026-03/R5", "deals_won", 0L, "deals_lost", 1L, "win_rate", dec("0.000000"), "classified_deals", 0L,
        "win_win_share_of_classified", null, "invoice_revenue", dec("0.000000"), "mean_satisfaction", null);
  }

  @Test
  void ranksRepsOnWinWinShareWithTiesSharingARankAndTheNextSkipped() {
    assertRow(reps, "2026-03/R1", "win_win_rank", 1);
    assertRow(reps, "2026-03/R2", "win_win_share_of_classified", dec("0.666667"), "win_win_rank", 1);
    assertRow(reps, "2026-03/R3", "win_win_share_of_classified", dec("0.500000"), "win_win_rank", 3);
    assertRow(reps, "2026-04/R1", "win_win_share_of_classified", dec("0.000000"), "win_win_rank", 1);
  }

  @Test
  void leavesRepsWithoutClassifiedDealsUnranked() {
    assertRow(reps, "2026-03/R4", "deals_won", 1L, "win_rate", dec("0.500000"), "win_win_share_of_classified", null, "win_win_rank", null);
    assertRow(reps, "2026-03/R5", "win_win_rank", null);
  }
}
