package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND_INDEX;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND_LOWER;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND_UPPER;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND_INDEX;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND_LOWER;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND_UPPER;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.columnsOf;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestReportSettings;

/**
 * Deals placed exactly on and just below the default band edges (margin 0, 10%, 40%; satisfaction
 * 20, 80, 100). Rows are keyed by {@code close_month/margin_band_index/satisfaction_band_index}.
 */
class MarginSatisfactionMatrixReportTest {
  private static Map<String, Row> matrix;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(columnsOf(DealOutcomesSchema.SCHEMA, DEAL_ID, CLOSE_MONTH, INVOICE_AMOUNT, POCKET_REVENUE,
            POCKET_MARGIN, POCKET_MARGIN_PCT, SATISFACTION, OUTCOME),
        row("A", "2026-03", dec("100"), dec("100"), dec("-0.0001"), dec("-0.000001"), dec("19.999"), "win-win"),
        row("B", "2026-03", dec("200"), dec("200"), dec("0"), dec("0.000000"), dec("0.000"), "win-win"),
        row("C", "2026-03", dec("300"), dec("300"), dec("29.9997"), dec("0.099999"), dec("20.000"), "win-win"),
        row("D", "2026-03", dec("400"), dec("400"), dec("40"), dec("0.100000"), dec("20.000"), "win-win"),
        row("E", "2026-03", dec("500"), dec("450"), dec("180"), dec("0.400000"), dec("100.000"), "win-win"),
        row("F", "2026-03", dec("600"), dec("600"), dec("270"), dec("0.450000"), dec("80.000"), "win-win"),
        row("G", "2026-03", dec("700"), dec("700"), null, null, dec("50.000"), "unclassified"),
        row("H", "2026-03", dec("800"), dec("800"), dec("160"), dec("0.200000"), null, "unclassified"),
        row("I", "2026-04", dec("900"), dec("900"), dec("180"), dec("0.200000"), dec("50.000"), "lose-lose"),
        // not in the map (no margin), but one of April's two won deals: April is provisional
        row("J", "2026-04", dec("900"), dec("900"), null, null, null, "unclassified"));
    matrix = RowAssert.byKey(MarginSatisfactionMatrixReport.build(outcomes, TestReportSettings.defaults(), "run-1"),
        CLOSE_MONTH, MARGIN_BAND_INDEX, SATISFACTION_BAND_INDEX);
  }

  @Test
  void leavesOutDealsWithoutMarginOrSatisfaction() {
    assertEquals(List.of("2026-03/0/0", "2026-03/1/0", "2026-03/1/1", "2026-03/2/1", "2026-03/5/4", "2026-04/3/2"),
        List.copyOf(matrix.keySet()));
  }

  @Test
  void putsAValueOnAnEdgeInTheBandAboveIt() {
    assertRow(matrix, "2026-03/0/0", MARGIN_BAND, "<0%", MARGIN_BAND_LOWER, null, MARGIN_BAND_UPPER, dec("0.000000"),
        SATISFACTION_BAND, "[0, 20)", SATISFACTION_BAND_LOWER, dec("0.000"), SATISFACTION_BAND_UPPER, dec("20.000"),
        DEALS, 1L);
    assertRow(matrix, "2026-03/1/0", MARGIN_BAND, "[0%, 10%)", DEALS, 1L);
    // C at 9.9999% stays below the 10% edge, D at exactly 10% moves up; both at satisfaction 20 exactly.
    assertRow(matrix, "2026-03/1/1", SATISFACTION_BAND, "[20, 40)", DEALS, 1L, INVOICE_REVENUE, dec("300.000000"));
    assertRow(matrix, "2026-03/2/1", MARGIN_BAND, "[10%, 20%)", MARGIN_BAND_LOWER, dec("0.100000"),
        MARGIN_BAND_UPPER, dec("0.200000"), DEALS, 1L);
  }

  @Test
  void closesTheTopBandsAndSumsTheirDeals() {
    // E: margin 40%, satisfaction 100; F: 45%, 80.
    assertRow(matrix, "2026-03/5/4", MARGIN_BAND, ">=40%", MARGIN_BAND_LOWER, dec("0.400000"), MARGIN_BAND_UPPER, null,
        SATISFACTION_BAND, "[80, 100]", SATISFACTION_BAND_LOWER, dec("80.000"), SATISFACTION_BAND_UPPER, dec("100.000"),
        DEALS, 2L, INVOICE_REVENUE, dec("1100.000000"), POCKET_REVENUE, dec("1050.000000"),
        POCKET_MARGIN, dec("450.000000"), RUN_ID, "run-1");
  }

  @Test
  void marksAMonthProvisionalOnAllItsWonDealsNotOnlyThoseInTheMap() {
    // March: 6 of 8 won deals classified; April: 1 of 2 (J has no margin and is not in the map)
    assertRow(matrix, "2026-03/5/4", PROVISIONAL, false);
    assertRow(matrix, "2026-04/3/2", PROVISIONAL, true, DEALS, 1L);
  }

  @Test
  void labelsConfiguredEdgesInIntervalNotation() {
    assertEquals(List.of("<-10%", "[-10%, 15%)", ">=15%"),
        MarginSatisfactionMatrixReport.marginLabels(List.of(new BigDecimal("-0.1"), new BigDecimal("0.15"))));
    assertEquals(List.of("[0, 50)", "[50, 100]"), MarginSatisfactionMatrixReport.satisfactionLabels(List.of(new BigDecimal("50"))));
  }
}
