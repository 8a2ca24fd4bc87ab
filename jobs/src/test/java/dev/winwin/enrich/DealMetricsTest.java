package dev.winwin.enrich;

import static dev.winwin.schema.Columns.*;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.pipeline.Pipeline;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestSettings;

/**
 * The metrics of DOMAIN §4, composed as the pipeline does (child totals, satisfaction, negotiation),
 * on three won deals whose every number is worked out in the comments. Base USD; the rows carry the
 * rate validation attached ({@code fx_rate}: EUR's 1.10 of March, 1 for USD).
 */
class DealMetricsTest {
  private static Map<String, Row> metrics;

  @BeforeAll
  static void buildMetrics() {
    Dataset<Row> won = table(
        "deal_id STRING, close_month STRING, commit_date DATE, currency STRING, list_amount DECIMAL(24,8), invoice_amount DECIMAL(24,8), "
            + "at_risk_amount DECIMAL(24,8), fx_rate DECIMAL(24,8)",
        row("D1", "2026-03", Date.valueOf("2026-03-05"), "EUR", dec("1000.00"), dec("800.00"), dec("200.00"), dec("1.10")),
        row("D2", "2026-03", null, "USD", dec("1000.00"), dec("100.00"), null, dec("1")),
        row("D3", "2026-04", Date.valueOf("2026-04-01"), "USD", dec("600.00"), dec("500.00"), dec("0"), dec("1")));
    // Child rows as validation leaves them: the close month of their won deal (and the month their
    // judged rows are stored by), the rate of their currency for it, and a status.
    String children = "deal_id STRING, amount DECIMAL(24,8), currency STRING, fx_rate DECIMAL(24,8), deal_won_month STRING, "
        + "group_month STRING, status STRING";
    Dataset<Row> adjustments = table(children,
        row("D1", dec("50.00"), "EUR", dec("1.10"), "2026-03", "2026-03", "accepted"),
        row("D1", dec("10.00"), "USD", dec("1"), "2026-03", "2026-03", "accepted"),
        row("D2", dec("150.00"), "USD", dec("1"), "2026-03", "2026-03", "accepted"),
        // a rejected row counts for nothing
        row("D2", dec("1000.00"), "USD", dec("1"), "2026-03", "2026-03", "rejected"));
    Dataset<Row> costs = table(children,
        row("D1", dec("500.00"), "USD", dec("1"), "2026-03", "2026-03", "accepted"),
        row("D1", dec("-60.00"), "EUR", dec("1.10"), "2026-03", "2026-03", "accepted"),
        row("D2", dec("20.00"), "USD", dec("1"), "2026-03", "2026-03", "accepted"),
        // a cost line rejected for its amount: D1 is judged without it, and says so
        row("D1", null, "USD", dec("1"), "2026-03", "2026-03", "rejected"));
    Dataset<Row> surveys = table(
        "deal_id STRING, respondent_role STRING, instrument STRING, score INT, deal_won_month STRING, group_month STRING, status STRING",
        row("D1", "decision_maker", "csat", 5, "2026-03", "2026-03", "accepted"),
        row("D1", "end_user", "nps", 6, "2026-03", "2026-03", "accepted"));
    Dataset<Row> events = table(
        "deal_id STRING, party STRING, kind STRING, at TIMESTAMP, value_delta DECIMAL(24,8), deal_won_month STRING, group_month STRING, status STRING",
        row("D1", "provider", "offer", Timestamp.valueOf("2026-03-01 10:00:00"), dec("200"), "2026-03", "2026-03", "accepted"),
        row("D1", "client", "counter", Timestamp.valueOf("2026-03-03 10:00:00"), dec("100"), "2026-03", "2026-03", "accepted"),
        // after D1's commitment on 5 March
        row("D1", "provider", "concession", Timestamp.valueOf("2026-03-20 10:00:00"), dec("100"), "2026-03", "2026-03", "accepted"));
    Object[] months = {"2026-03", "2026-04"};

    metrics = RowAssert.byKey(DealMetrics.build(
        won,
        DealTotals.perDeal(Pipeline.ofWonDeals(adjustments, months), PRICE_ADJUSTMENTS, "adjustment_lines"),
        DealTotals.perDeal(Pipeline.ofWonDeals(costs, months), DELIVERY_COST, COST_LINES),
        Satisfaction.perDeal(Pipeline.ofWonDeals(surveys, months), TestSettings.classification()),
        Negotiation.perDeal(Pipeline.ofWonDeals(events, months)),
        RejectedInputRows.perDeal(List.of(adjustments, costs, surveys, events))), DEAL_ID);
  }

  @Test
  void convertsMoneyAtTheCloseMonthsRate() {
    // D1: EUR at March's 1.10: 1000 → 1100, 800 → 880, 200 → 220
    assertRow(metrics, "D1", FX_RATE, dec("1.10000000"),
        LIST_AMOUNT, dec("1100.000000"), INVOICE_AMOUNT, dec("880.000000"), AT_RISK_AMOUNT, dec("220.000000"));
    // the base currency converts at 1
    assertRow(metrics, "D3", LIST_AMOUNT, dec("600.000000"), INVOICE_AMOUNT, dec("500.000000"));
  }

  @Test
  void subtractsPriceAdjustmentsInBaseCurrencyFromInvoice() {
    // D1: 50 EUR × 1.10 + 10 USD = 65; 880 − 65 = 815
    assertRow(metrics, "D1", PRICE_ADJUSTMENTS, dec("65.000000"), POCKET_REVENUE, dec("815.000000"));
    // D3 has no adjustment: pocket revenue is the invoice
    assertRow(metrics, "D3", PRICE_ADJUSTMENTS, dec("0.000000"), POCKET_REVENUE, dec("500.000000"));
  }

  @Test
  void creditCostLineReducesDeliveryCost() {
    // D1: 500 USD + (−60 EUR × 1.10 = −66) = 434; margin 815 − 434 = 381; 381 / 815 = 0.4674846…
    assertRow(metrics, "D1", DELIVERY_COST, dec("434.000000"), COST_LINES, 2L,
        POCKET_MARGIN, dec("381.000000"), POCKET_MARGIN_PCT, dec("0.467485"));
  }

  @Test
  void computesDiscountRealisationAndAtRiskShareRatios() {
    // D1: 1 − 800/1000; 815/1100 = 0.7409090…; 200/800
    assertRow(metrics, "D1", ON_INVOICE_DISCOUNT_PCT, dec("0.200000"), PRICE_REALISATION, dec("0.740909"),
        AT_RISK_SHARE, dec("0.250000"));
    // D2: at-risk amount unknown
    assertRow(metrics, "D2", ON_INVOICE_DISCOUNT_PCT, dec("0.900000"), AT_RISK_SHARE, null);
    assertRow(metrics, "D3", ON_INVOICE_DISCOUNT_PCT, dec("0.166667"), AT_RISK_SHARE, dec("0.000000"));
  }

  @Test
  void leavesMarginPercentNullWhenPocketRevenueIsNotPositive() {
    // D2: 100 − 150 = −50; margin −50 − 20 = −70; realisation −50/1000
    assertRow(metrics, "D2", POCKET_REVENUE, dec("-50.000000"), DELIVERY_COST, dec("20.000000"),
        POCKET_MARGIN, dec("-70.000000"), POCKET_MARGIN_PCT, null, PRICE_REALISATION, dec("-0.050000"));
  }

  @Test
  void leavesCostAndMarginNullWithoutCostLines() {
    assertRow(metrics, "D3", COST_LINES, 0L, DELIVERY_COST, null, POCKET_MARGIN, null, POCKET_MARGIN_PCT, null);
  }

  @Test
  void weighsSatisfactionByRoleMixingInstruments() {
    // decision maker CSAT 5 → 100 (weight 3), end user NPS 6 → 60 (weight 1): (300 + 60) / 4 = 90;
    // satisfied: CSAT 5 yes (3), NPS 6 no (1): 3 / 4
    assertRow(metrics, "D1", SATISFACTION, dec("90.000"), SATISFIED_SHARE, dec("0.750000"),
        RESPONSES, 2L, CSAT_RESPONSES, 1L, NPS_RESPONSES, 1L);
    assertRow(metrics, "D2", SATISFACTION, null, SATISFIED_SHARE, null, RESPONSES, 0L);
  }

  @Test
  void countsTheProvidersMovesAfterTheCommitmentWithTheirValueInBaseCurrency() {
    // D1: the concession of EUR 100 on 20 March, at March's 1.10; D2 has no commit date, D3 no events
    assertRow(metrics, "D1", PROVIDER_MOVES_AFTER_COMMIT, 1L, VALUE_GIVEN_AFTER_COMMIT, dec("110.000000"));
    assertRow(metrics, "D2", PROVIDER_MOVES_AFTER_COMMIT, null, VALUE_GIVEN_AFTER_COMMIT, null);
    assertRow(metrics, "D3", PROVIDER_MOVES_AFTER_COMMIT, null, VALUE_GIVEN_AFTER_COMMIT, null);
  }

  @Test
  void countsEachDealsRejectedChildRowsAndZeroWithoutAny() {
    // D1: the rejected cost line; D2: the rejected adjustment; D3: none
    assertRow(metrics, "D1", REJECTED_INPUT_ROWS, 1L, COST_LINES, 2L);
    assertRow(metrics, "D2", REJECTED_INPUT_ROWS, 1L, PRICE_ADJUSTMENTS, dec("150.000000"));
    assertRow(metrics, "D3", REJECTED_INPUT_ROWS, 0L);
  }

  @Test
  void measuresConcessionAsymmetryFromNegotiationEvents() {
    // provider gave 200 + 100, client 100: 300 / 400
    assertRow(metrics, "D1", CONCESSION_ASYMMETRY, dec("0.750000"));
    assertRow(metrics, "D2", CONCESSION_ASYMMETRY, null);
  }
}
