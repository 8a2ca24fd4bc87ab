package dev.winwin.report;

import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.AT_RISK_SHARE;
import static dev.winwin.schema.Columns.BUYER_ROLE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.PRICING_MODEL;
import static dev.winwin.schema.Columns.PROVIDER_MOVES_AFTER_COMMIT;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.SOURCING;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.NegotiationPatternsSchema.KEPT_SELLING_AFTER_COMMIT;
import static dev.winwin.schema.NegotiationPatternsSchema.MEAN_CONCESSION_ASYMMETRY;
import static dev.winwin.schema.NegotiationPatternsSchema.MEAN_POCKET_MARGIN_PCT;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_HIGH;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_LOW;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.columnsOf;
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

import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestReportSettings;

/**
 * Enterprise deals of March 2026 in four negotiation groups, one without a buyer role, two that
 * differ only in whether the provider kept selling after commitment. Rows are keyed by
 * {@code buyer_role/sourcing/pricing_model/kept_selling_after_commit}.
 */
class NegotiationPatternsReportTest {
  private static Map<String, Row> groups;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(columnsOf(DealOutcomesSchema.SCHEMA, DEAL_ID, CLOSE_MONTH, SEGMENT, BUYER_ROLE, SOURCING,
            PRICING_MODEL, INVOICE_AMOUNT, AT_RISK_AMOUNT, POCKET_MARGIN_PCT, SATISFACTION, CONCESSION_ASYMMETRY, OUTCOME, WINNING_PARTY,
            PROVIDER_MOVES_AFTER_COMMIT),
        row("P1", "2026-03", "enterprise", "procurement", "rfp", "fixed", dec("1000"), null, dec("0.100000"), dec("20"), dec("0.800000"),
            "lose-lose", "none", null),
        row("P2", "2026-03", "enterprise", "procurement", "rfp", "fixed", dec("500"), dec("100"), null, null, dec("0.600000"),
            "unclassified", null, null),
        row("P3", "2026-03", "enterprise", "procurement", "rfp", "fixed", dec("500"), dec("0"), dec("0.250000"), dec("35"), null,
            "win-lose", "provider", null),
        // X1's provider went on selling after commitment, X2's did not: the same group splits in two
        row("X1", "2026-03", "enterprise", "executive", "direct", "gainshare", dec("2000"), dec("1000"), dec("0.400000"), dec("90"),
            dec("0.300000"), "win-win", "both", 2L),
        row("X2", "2026-03", "enterprise", "executive", "direct", "gainshare", dec("1000"), dec("0"), dec("0.100000"), dec("30"),
            dec("0.500000"), "lose-lose", "none", 0L),
        row("N1", "2026-03", "enterprise", null, "direct", "fee_at_risk", dec("1000"), dec("300"), dec("0.350000"), dec("85"), null,
            "win-win", "both", null));
    groups = RowAssert.byKey(NegotiationPatternsReport.build(outcomes, TestReportSettings.defaults(), "run-1"), BUYER_ROLE, SOURCING, PRICING_MODEL,
        KEPT_SELLING_AFTER_COMMIT);
  }

  @Test
  void groupsByMonthSegmentBuyerRoleSourcingPricingModelAndSellingAfterCommitment() {
    assertEquals(List.of("executive/direct/gainshare/false", "executive/direct/gainshare/true", "null/direct/fee_at_risk/null",
        "procurement/rfp/fixed/null"), List.copyOf(groups.keySet()));
    assertRow(groups, "null/direct/fee_at_risk/null", CLOSE_MONTH, "2026-03", SEGMENT, "enterprise", DEALS, 1L, RUN_ID, "run-1");
  }

  @Test
  void setsTheOutcomeMixAndSatisfactionOfDealsSoldAfterCommitmentAgainstTheOthers() {
    assertRow(groups, "executive/direct/gainshare/true", DEALS, 1L, OutcomeColumns.WIN_WIN.deals(), 1L, MEAN_SATISFACTION, dec("90.000"));
    assertRow(groups, "executive/direct/gainshare/false", DEALS, 1L, OutcomeColumns.LOSE_LOSE.deals(), 1L, MEAN_SATISFACTION, dec("30.000"));
  }

  @Test
  void givesTheOutcomeMixAndTheMeansOverDealsWithAValue() {
    // Means: margin (0.10 + 0.25) / 2, satisfaction (20 + 35) / 2, asymmetry (0.8 + 0.6) / 2 (P3 had no events).
    assertRow(groups, "procurement/rfp/fixed/null", DEALS, 3L, CLASSIFIED_DEALS, 2L, WIN_WIN_SHARE_OF_CLASSIFIED, dec("0.000000"),
        OutcomeColumns.LOSE_LOSE.deals(), 1L, OutcomeColumns.LOSE_LOSE.share(), dec("0.333333"), OutcomeColumns.WIN_LOSE_PROVIDER.deals(), 1L, OutcomeColumns.UNCLASSIFIED.deals(), 1L,
        MEAN_POCKET_MARGIN_PCT, dec("0.175000"), MEAN_SATISFACTION, dec("27.500"), MEAN_CONCESSION_ASYMMETRY, dec("0.700000"));
    assertRow(groups, "executive/direct/gainshare/true", OutcomeColumns.WIN_WIN.deals(), 1L, OutcomeColumns.WIN_WIN.share(), dec("1.000000"),
        WIN_WIN_SHARE_OF_CLASSIFIED, dec("1.000000"));
  }

  @Test
  void givesTheWinWinShareItsWilsonIntervalAndTheMonthItsProvisionalMark() {
    // 0 of 2 classified: the bounds are 0 and (1.920729 + 1.920729) / 5.841459; 1 of 1: 1 / 4.841459 and 1
    assertRow(groups, "procurement/rfp/fixed/null", WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.000000"),
        WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("0.657620"));
    assertRow(groups, "executive/direct/gainshare/true", WIN_WIN_SHARE_OF_CLASSIFIED_LOW, dec("0.206549"),
        WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, dec("1.000000"));
    // March: 5 of 6 won deals classified
    assertRow(groups, "null/direct/fee_at_risk/null", PROVISIONAL, false);
  }

  @Test
  void sharesFeesAtRiskOverInvoiceCountingUnknownAsZero() {
    // P1 has no at-risk amount: 100 / (1000 + 500 + 500).
    assertRow(groups, "procurement/rfp/fixed/null", INVOICE_REVENUE, dec("2000.000000"), AT_RISK_AMOUNT, dec("100.000000"),
        AT_RISK_SHARE, dec("0.050000"));
    assertRow(groups, "executive/direct/gainshare/true", AT_RISK_SHARE, dec("0.500000"), MEAN_CONCESSION_ASYMMETRY, dec("0.300000"));
    assertRow(groups, "null/direct/fee_at_risk/null", AT_RISK_SHARE, dec("0.300000"), MEAN_CONCESSION_ASYMMETRY, null);
  }
}
