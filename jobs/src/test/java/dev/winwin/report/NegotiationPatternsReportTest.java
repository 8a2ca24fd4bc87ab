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
 * Enterprise deals of March 2026 in three negotiation groups, one without a buyer role. Rows are
 * keyed by {@code buyer_role/sourcing/pricing_model}.
 */
class NegotiationPatternsReportTest {
  private static Map<String, Row> groups;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(
        "deal_id STRING, close_month STRING, segment STRING, buyer_role STRING, sourcing STRING, pricing_model STRING, "
            + "invoice_amount DECIMAL(24,6), at_risk_amount DECIMAL(24,6), pocket_margin_pct DECIMAL(12,6), satisfaction DECIMAL(7,3), "
            + "concession_asymmetry DECIMAL(12,6), outcome STRING, winning_party STRING",
        row("P1", "2026-03", "enterprise", "procurement", "rfp", "fixed", dec("1000"), null, dec("0.100000"), dec("20"), dec("0.800000"),
            "lose-lose", "none"),
        row("P2", "2026-03", "enterprise", "procurement", "rfp", "fixed", dec("500"), dec("100"), null, null, dec("0.600000"),
            "unclassified", null),
        row("P3", "2026-03", "enterprise", "procurement", "rfp", "fixed", dec("500"), dec("0"), dec("0.250000"), dec("35"), null,
            "win-lose", "provider"),
        row("X1", "2026-03", "enterprise", "executive", "direct", "gainshare", dec("2000"), dec("1000"), dec("0.400000"), dec("90"),
            dec("0.300000"), "win-win", "both"),
        row("N1", "2026-03", "enterprise", null, "direct", "fee_at_risk", dec("1000"), dec("300"), dec("0.350000"), dec("85"), null,
            "win-win", "both"));
    groups = RowAssert.byKey(NegotiationPatternsReport.build(outcomes, "run-1"), "buyer_role", "sourcing", "pricing_model");
  }

  @Test
  void groupsByMonthSegmentBuyerRoleSourcingAndPricingModel() {
    assertEquals(List.of("executive/direct/gainshare", "null/direct/fee_at_risk", "procurement/rfp/fixed"), List.copyOf(groups.keySet()));
    assertRow(groups, "null/direct/fee_at_risk", "close_month", "2026-03", "segment", "enterprise", "deals", 1L, "run_id", "run-1");
  }

  @Test
  void givesTheOutcomeMixAndTheMeansOverDealsWithAValue() {
    // Means: margin (0.10 + 0.25) / 2, satisfaction (20 + 35) / 2, asymmetry (0.8 + 0.6) / 2 (P3 had no events).
    assertRow(groups, "procurement/rfp/fixed", "deals", 3L, "classified_deals", 2L, "win_win_share_of_classified", dec("0.000000"),
        "lose_lose_deals", 1L, "lose_lose_share", dec("0.333333"), "win_lose_provider_deals", 1L, "unclassified_deals", 1L,
        "mean_pocket_margin_pct", dec("0.175000"), "mean_satisfaction", dec("27.500"), "mean_concession_asymmetry", dec("0.700000"));
    assertRow(groups, "executive/direct/gainshare", "win_win_deals", 1L, "win_win_share", dec("1.000000"),
        "win_win_share_of_classified", dec("1.000000"));
  }

  @Test
  void sharesFeesAtRiskOverInvoiceCountingUnknownAsZero() {
    // P1 has no at-risk amount: 100 / (1000 + 500 + 500).
    assertRow(groups, "procurement/rfp/fixed", "invoice_revenue", dec("2000.000000"), "at_risk_amount", dec("100.000000"),
        "at_risk_share", dec("0.050000"));
    assertRow(groups, "executive/direct/gainshare", "at_risk_share", dec("0.500000"), "mean_concession_asymmetry", dec("0.300000"));
    assertRow(groups, "null/direct/fee_at_risk", "at_risk_share", dec("0.300000"), "mean_concession_asymmetry", null);
  }
}
