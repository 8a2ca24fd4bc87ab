package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.ON_INVOICE_DISCOUNT_PCT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.REP_ID;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.RepScorecardSchema.MEAN_ON_INVOICE_DISCOUNT_PCT;
import static dev.winwin.schema.RepScorecardSchema.WIN_WIN_RANK;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_HIGH;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_LOW;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.columnsOf;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.strings;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestReportSettings;

/**
 * Seven reps in March 2026 (R1 and R2 tie on win-win share, R4 has no classified deal, R5 only a lost
 * one, R6 a perfect but small record, R7 a larger one), R1 again alone in April, and a provisional
 * May. Rows are keyed by {@code close_month/rep_id}.
 */
class RepScorecardReportTest {
  private static final String WIN_WIN_DEALS = OutcomeColumns.WIN_WIN.deals();
  private static Map<String, Row> reps;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(columnsOf(DealOutcomesSchema.SCHEMA, DEAL_ID, CLOSE_MONTH, REP_ID, INVOICE_AMOUNT,
            ON_INVOICE_DISCOUNT_PCT, COST_LINES, POCKET_REVENUE, POCKET_MARGIN, SATISFACTION, OUTCOME),
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
        row("E1", "2026-04", "R1", dec("100"), dec("0.000000"), 1L, dec("100"), dec("5"), dec("90"), "win-lose"),
        // R6: 2 win-win of 2; R7: 8 win-win of 10
        deal("F1", "2026-03", "R6", "win-win"), deal("F2", "2026-03", "R6", "win-win"),
        deal("G1", "2026-03", "R7", "win-win"), deal("G2", "2026-03", "R7", "win-win"), deal("G3", "2026-03", "R7", "win-win"),
        deal("G4", "2026-03", "R7", "win-win"), deal("G5", "2026-03", "R7", "win-win"), deal("G6", "2026-03", "R7", "win-win"),
        deal("G7", "2026-03", "R7", "win-win"), deal("G8", "2026-03", "R7", "win-win"), deal("G9", "2026-03", "R7", "lose-lose"),
        deal("G10", "2026-03", "R7", "lose-lose"),
        // May: 1 of 2 won deals classified, under the default 0.6
        deal("H1", "2026-05", "R1", "win-win"), deal("H2", "2026-05", "R1", "unclassified"));
    Dataset<Row> lost = table(strings(CLOSE_MONTH, REP_ID),
        row("2026-03", "R1"), row("2026-03", "R4"), row("2026-03", "R5"));
    reps = RowAssert.byKey(RepScorecardReport.build(outcomes, lost, TestReportSettings.defaults(), "run-1"), CLOSE_MONTH, REP_ID);
  }

  private static Object[] deal(String id, String month, String rep, String outcome) {
    return row(id, month, rep, dec("100"), dec("0.000000"), 1L, dec("100"), dec("40"), dec("50"), outcome);
  }

  @Test
  void hasOneRowPerMonthAndRepWithWonOrLostDeals() {
    assertEquals(List.of("2026-03/R1", "2026-03/R2", "2026-03/R3", "2026-03/R4", "2026-03/R5", "2026-03/R6", "2026-03/R7", "2026-04/R1",
        "2026-05/R1"), List.copyOf(reps.keySet()));
  }

  @Test
  void measuresWinRateWinWinShareDiscountMarginAndSatisfaction() {
    // R1: 4 won, 1 lost; 2 win-win of 3 classified; margin % over costed deals (600 / 2400); satisfaction (80+70+30+10)/4.
    assertRow(reps, "2026-03/R1", DEALS_WON, 4L, DEALS_LOST, 1L, WIN_RATE, dec("0.800000"), CLASSIFIED_DEALS, 3L,
        WIN_WIN_DEALS, 2L, WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.666667"), MEAN_ON_INVOICE_DISCOUNT_PCT, dec("0.150000"),
        INVOICE_REVENUE, dec("3000.000000"), POCKET_MARGIN_PCT, dec("0.250000"), MEAN_SATISFACTION, dec("47.500"),
        RUN_ID, "run-1");
    assertRow(reps, "2026-03/R5", DEALS_WON, 0L, DEALS_LOST, 1L, WIN_RATE, dec("0.000000"), CLASSIFIED_DEALS, 0L,
        WIN_WIN_SHARE_OF_CLASSIFIED, null, INVOICE_REVENUE, dec("0.000000"), MEAN_SATISFACTION, null);
  }

  @Test
  void givesTheWinWinShareItsWilsonInterval() {
    // 2 of 3, z = 1.959964, z² = 3.841459: (2 + 1.920729 ∓ z·√(2·1/3 + 0.960365)) / (3 + 3.841459) = (3.920729 ∓ 2.500035) / 6.841459
    assertRow(reps, "2026-03/R1", CLASSIFIED_DEALS, 3L, WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.666667"),
        WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.207660"), WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("0.938508"));
    // 2 of 2: √(0 + z²/4) = z/2, so the bounds are 2 / 5.841459 and 1
    assertRow(reps, "2026-03/R6", WIN_WIN_SHARE_OF_CLASSIFIED, dec("1.000000"),
        WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.342380"), WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("1.000000"));
    // 0 of 1: the lower bound is 0
    assertRow(reps, "2026-04/R1", WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.000000"), WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("0.793451"));
    assertRow(reps, "2026-03/R4", WIN_WIN_SHARE_OF_CLASSIFIED_LOW, null, WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, null);
  }

  @Test
  void ranksRepsOnTheIntervalsLowerBoundSoThatASmallSampleCannotTopIt() {
    // R7, 8 of 10 (0.8, lower bound 0.490162), ranks above R6, 2 of 2 (1.0, lower bound 0.342380)
    assertRow(reps, "2026-03/R7", WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.800000"), WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.490162"),
        WIN_WIN_RANK, 1);
    assertRow(reps, "2026-03/R6", WIN_WIN_RANK, 2);
    // R1 and R2 tie (2 of 3 each) and share rank 3; R3 (1 of 2, lower bound 0.094531) comes fifth
    assertRow(reps, "2026-03/R1", WIN_WIN_RANK, 3);
    assertRow(reps, "2026-03/R2", WIN_WIN_RANK, 3);
    assertRow(reps, "2026-03/R3", WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.500000"), WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.094531"),
        WIN_WIN_RANK, 5);
    assertRow(reps, "2026-04/R1", WIN_WIN_RANK, 1);
  }

  @Test
  void marksTheRowsOfAMonthWithTooFewClassifiedDealsProvisional() {
    // March: 20 of 22 won deals classified; April 1 of 1; May 1 of 2 = 0.5 < 0.6
    assertRow(reps, "2026-03/R1", PROVISIONAL, false);
    assertRow(reps, "2026-03/R5", PROVISIONAL, false);
    assertRow(reps, "2026-04/R1", PROVISIONAL, false);
    assertRow(reps, "2026-05/R1", PROVISIONAL, true);
  }

  @Test
  void leavesRepsWithoutClassifiedDealsUnranked() {
    assertRow(reps, "2026-03/R4", DEALS_WON, 1L, WIN_RATE, dec("0.500000"), WIN_WIN_SHARE_OF_CLASSIFIED, null, WIN_WIN_RANK, null);
    assertRow(reps, "2026-03/R5", WIN_WIN_RANK, null);
  }
}
