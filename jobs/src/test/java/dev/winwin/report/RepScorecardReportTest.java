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
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
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

/**
 * Five reps in March 2026 (R1 and R2 tie on win-win share, R4 has no classified deal, R5 only a lost
 * one) and R1 again alone in April. Rows are keyed by {@code close_month/rep_id}.
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
        row("E1", "2026-04", "R1", dec("100"), dec("0.000000"), 1L, dec("100"), dec("5"), dec("90"), "win-lose"));
    Dataset<Row> lost = table(strings(CLOSE_MONTH, REP_ID),
        row("2026-03", "R1"), row("2026-03", "R4"), row("2026-03", "R5"));
    reps = RowAssert.byKey(RepScorecardReport.build(outcomes, lost, "run-1"), CLOSE_MONTH, REP_ID);
  }

  @Test
  void hasOneRowPerMonthAndRepWithWonOrLostDeals() {
    assertEquals(List.of("2026-03/R1", "2026-03/R2", "2026-03/R3", "2026-03/R4", "2026-03/R5", "2026-04/R1"), List.copyOf(reps.keySet()));
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
  void ranksRepsOnWinWinShareWithTiesSharingARankAndTheNextSkipped() {
    assertRow(reps, "2026-03/R1", WIN_WIN_RANK, 1);
    assertRow(reps, "2026-03/R2", WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.666667"), WIN_WIN_RANK, 1);
    assertRow(reps, "2026-03/R3", WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.500000"), WIN_WIN_RANK, 3);
    assertRow(reps, "2026-04/R1", WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.000000"), WIN_WIN_RANK, 1);
  }

  @Test
  void leavesRepsWithoutClassifiedDealsUnranked() {
    assertRow(reps, "2026-03/R4", DEALS_WON, 1L, WIN_RATE, dec("0.500000"), WIN_WIN_SHARE_OF_CLASSIFIED, null, WIN_WIN_RANK, null);
    assertRow(reps, "2026-03/R5", WIN_WIN_RANK, null);
  }
}
