package dev.winwin.report;

import static dev.winwin.schema.Columns.SEGMENT;
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
 * Monthly summary over March 2026, EMEA, differentiated: enterprise has three won deals and a lost
 * one, mid-market two won deals, public sector only a lost deal. Rows are keyed by segment.
 */
class MonthlySummaryReportTest {
  private static Map<String, Row> summary;

  @BeforeAll
  static void build() {
    Dataset<Row> outcomes = table(
        "deal_id STRING, close_month STRING, segment STRING, region STRING, offering_type STRING, invoice_amount DECIMAL(24,6), "
            + "cost_lines BIGINT, pocket_revenue DECIMAL(24,6), pocket_margin DECIMAL(24,6), satisfaction DECIMAL(7,3), "
            + "outcome STRING, winning_party STRING",
        row("E1", "2026-03", "enterprise", "emea", "differentiated", dec("1000"), 1L, dec("900"), dec("300"), dec("80"), "win-win", "both"),
        row("E2", "2026-03", "enterprise", "emea", "differentiated", dec("500"), 1L, dec("500"), dec("200"), dec("40"), "win-lose", "provider"),
        row("E3", "2026-03", "enterprise", "emea", "differentiated", dec("500"), 0L, dec("450"), null, dec("70"), "unclassified", null),
        row("M1", "2026-03", "mid-market", "emea", "differentiated", dec("2000"), 2L, dec("1800"), dec("100"), dec("20"), "lose-lose", "none"),
        row("M2", "2026-03", "mid-market", "emea", "differentiated", dec("1000"), 1L, dec("1000"), dec("-100"), dec("90"), "win-lose", "client"));
    Dataset<Row> lost = table("close_month STRING, segment STRING, region STRING, offering_type STRING",
        row("2026-03", "enterprise", "emea", "differentiated"),
        row("2026-03", "public-sector", "emea", "differentiated"));
    summary = RowAssert.byKey(MonthlySummaryReport.build(outcomes, lost, "run-1"), SEGMENT);
  }

  @Test
  void hasOneRowPerMonthSegmentRegionAndOfferingType() {
    assertEquals(List.of("enterprise", "mid-market", "public-sector"), List.copyOf(summary.keySet()));
    assertRow(summary, "enterprise", "close_month", "2026-03", "region", "emea", "offering_type", "differentiated",
        "run_id", "run-1");
  }

  @Test
  void countsWonAndLostDealsIntoTheWinRate() {
    assertRow(summary, "enterprise", "deals_won", 3L, "deals_lost", 1L, "win_rate", dec("0.750000"));
    assertRow(summary, "mid-market", "deals_won", 2L, "deals_lost", 0L, "win_rate", dec("1.000000"));
    assertRow(summary, "public-sector", "deals_won", 0L, "deals_lost", 1L, "win_rate", dec("0.000000"),
        "invoice_revenue", dec("0.000000"), "win_win_share", null, "win_win_revenue_share", null);
  }

  @Test
  void sumsRevenueAndMarginOverCostedDealsOnly() {
    // margin % over E1 and E2 only (E3 has no cost line): 500 / (900 + 500) = 0.3571428…
    assertRow(summary, "enterprise", "invoice_revenue", dec("2000.000000"), "pocket_revenue", dec("1850.000000"),
        "pocket_margin", dec("500.000000"), "pocket_margin_pct", dec("0.357143"), "mean_satisfaction", dec("63.333"));
    assertRow(summary, "mid-market", "invoice_revenue", dec("3000.000000"), "pocket_margin", dec("0.000000"),
        "pocket_margin_pct", dec("0.000000"), "mean_satisfaction", dec("55.000"));
  }

  @Test
  void countsEachOutcomeWithItsShareOfDealsAndRevenue() {
    assertRow(summary, "enterprise",
        "win_win_deals", 1L, "win_win_share", dec("0.333333"), "win_win_revenue_share", dec("0.500000"),
        "win_lose_provider_deals", 1L, "win_lose_provider_share", dec("0.333333"), "win_lose_provider_revenue_share", dec("0.250000"),
        "win_lose_client_deals", 0L, "win_lose_client_share", dec("0.000000"), "win_lose_client_revenue_share", dec("0.000000"),
        "lose_lose_deals", 0L, "unclassified_deals", 1L, "unclassified_share", dec("0.333333"),
        "unclassified_revenue_share", dec("0.250000"));
    assertRow(summary, "mid-market",
        "win_win_deals", 0L, "lose_lose_deals", 1L, "lose_lose_share", dec("0.500000"), "lose_lose_revenue_share", dec("0.666667"),
        "win_lose_client_deals", 1L, "win_lose_client_share", dec("0.500000"), "win_lose_client_revenue_share", dec("0.333333"));
  }
}
