package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.REGION;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
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

import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestReportSettings;

/**
 * Monthly summary over March 2026, EMEA, differentiated: enterprise has three won deals and a lost
 * one, mid-market two won deals, public sector only a lost deal. Rows are keyed by segment.
 */
class MonthlySummaryReportTest {
  private static Map<String, Row> summary;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(columnsOf(DealOutcomesSchema.SCHEMA, DEAL_ID, CLOSE_MONTH, SEGMENT, REGION, OFFERING_TYPE,
            INVOICE_AMOUNT, COST_LINES, POCKET_REVENUE, POCKET_MARGIN, SATISFACTION, OUTCOME, WINNING_PARTY),
        row("E1", "2026-03", "enterprise", "emea", "differentiated", dec("1000"), 1L, dec("900"), dec("300"), dec("80"), "win-win", "both"),
        row("E2", "2026-03", "enterprise", "emea", "differentiated", dec("500"), 1L, dec("500"), dec("200"), dec("40"), "win-lose", "provider"),
        row("E3", "2026-03", "enterprise", "emea", "differentiated", dec("500"), 0L, dec("450"), null, dec("70"), "unclassified", null),
        row("M1", "2026-03", "mid-market", "emea", "differentiated", dec("2000"), 2L, dec("1800"), dec("100"), dec("20"), "lose-lose", "none"),
        row("M2", "2026-03", "mid-market", "emea", "differentiated", dec("1000"), 1L, dec("1000"), dec("-100"), dec("90"), "win-lose", "client"));
    Dataset<Row> lost = table(strings(CLOSE_MONTH, SEGMENT, REGION, OFFERING_TYPE),
        row("2026-03", "enterprise", "emea", "differentiated"),
        row("2026-03", "public-sector", "emea", "differentiated"));
    summary = RowAssert.byKey(MonthlySummaryReport.build(outcomes, lost, TestReportSettings.defaults(), "run-1"), SEGMENT);
  }

  @Test
  void hasOneRowPerMonthSegmentRegionAndOfferingType() {
    assertEquals(List.of("enterprise", "mid-market", "public-sector"), List.copyOf(summary.keySet()));
    assertRow(summary, "enterprise", CLOSE_MONTH, "2026-03", REGION, "emea", OFFERING_TYPE, "differentiated",
        RUN_ID, "run-1");
  }

  @Test
  void countsWonAndLostDealsIntoTheWinRate() {
    assertRow(summary, "enterprise", DEALS_WON, 3L, DEALS_LOST, 1L, WIN_RATE, dec("0.750000"));
    assertRow(summary, "mid-market", DEALS_WON, 2L, DEALS_LOST, 0L, WIN_RATE, dec("1.000000"));
    assertRow(summary, "public-sector", DEALS_WON, 0L, DEALS_LOST, 1L, WIN_RATE, dec("0.000000"),
        INVOICE_REVENUE, dec("0.000000"), OutcomeColumns.WIN_WIN.share(), null, OutcomeColumns.WIN_WIN.revenueShare(), null);
  }

  @Test
  void sumsRevenueAndMarginOverCostedDealsOnly() {
    // margin % over E1 and E2 only (E3 has no cost line): 500 / (900 + 500) = 0.3571428…
    assertRow(summary, "enterprise", INVOICE_REVENUE, dec("2000.000000"), POCKET_REVENUE, dec("1850.000000"),
        POCKET_MARGIN, dec("500.000000"), POCKET_MARGIN_PCT, dec("0.357143"), MEAN_SATISFACTION, dec("63.333"));
    assertRow(summary, "mid-market", INVOICE_REVENUE, dec("3000.000000"), POCKET_MARGIN, dec("0.000000"),
        POCKET_MARGIN_PCT, dec("0.000000"), MEAN_SATISFACTION, dec("55.000"));
  }

  @Test
  void givesTheWinWinShareOfClassifiedDealsWithItsWilsonInterval() {
    // enterprise: 1 win-win of 2 classified (E3 is not): (1 + 1.920729 ∓ z·√(0.5 + 0.960365)) / 5.841459 = (2.920729 ∓ 2.368529) / 5.841459
    assertRow(summary, "enterprise", CLASSIFIED_DEALS, 2L, WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.500000"),
        WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.094531"), WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("0.905469"), PROVISIONAL, false);
    assertRow(summary, "mid-market", CLASSIFIED_DEALS, 2L, WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.000000"),
        WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.000000"), WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("0.657620"));
    assertRow(summary, "public-sector", CLASSIFIED_DEALS, 0L, WIN_WIN_SHARE_OF_CLASSIFIED, null,
        WIN_WIN_SHARE_OF_CLASSIFIED_LOW, null, WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, null, PROVISIONAL, false);
  }

  @Test
  void countsEachOutcomeWithItsShareOfDealsAndRevenue() {
    assertRow(summary, "enterprise",
        OutcomeColumns.WIN_WIN.deals(), 1L, OutcomeColumns.WIN_WIN.share(), dec("0.333333"), OutcomeColumns.WIN_WIN.revenueShare(), dec("0.500000"),
        OutcomeColumns.WIN_LOSE_PROVIDER.deals(), 1L, OutcomeColumns.WIN_LOSE_PROVIDER.share(), dec("0.333333"), OutcomeColumns.WIN_LOSE_PROVIDER.revenueShare(), dec("0.250000"),
        OutcomeColumns.WIN_LOSE_CLIENT.deals(), 0L, OutcomeColumns.WIN_LOSE_CLIENT.share(), dec("0.000000"), OutcomeColumns.WIN_LOSE_CLIENT.revenueShare(), dec("0.000000"),
        OutcomeColumns.LOSE_LOSE.deals(), 0L, OutcomeColumns.UNCLASSIFIED.deals(), 1L, OutcomeColumns.UNCLASSIFIED.share(), dec("0.333333"),
        OutcomeColumns.UNCLASSIFIED.revenueShare(), dec("0.250000"));
    assertRow(summary, "mid-market",
        OutcomeColumns.WIN_WIN.deals(), 0L, OutcomeColumns.LOSE_LOSE.deals(), 1L, OutcomeColumns.LOSE_LOSE.share(), dec("0.500000"), OutcomeColumns.LOSE_LOSE.revenueShare(), dec("0.666667"),
        OutcomeColumns.WIN_LOSE_CLIENT.deals(), 1L, OutcomeColumns.WIN_LOSE_CLIENT.share(), dec("0.500000"), OutcomeColumns.WIN_LOSE_CLIENT.revenueShare(), dec("0.333333"));
  }
}
