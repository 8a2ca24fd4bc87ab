package dev.winwin.quality;

import static dev.winwin.quality.Validation.ACCEPTED;
import static dev.winwin.quality.Validation.REJECTED;
import static dev.winwin.quality.Validation.SUPERSEDED;
import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.DEAL_WON_MONTH;
import static dev.winwin.schema.Columns.FX_RATE;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.testing.RowAssert.assertRow;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.schema.Source;
import dev.winwin.testing.RawRows;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.StagedInput;

/**
 * Every rule of the catalogue: a row breaking it lands in {@code rejected} with exactly its reason
 * codes, its valid neighbours stay {@code accepted}, and per source read = accepted + superseded +
 * rejected. Rows are keyed by their row number; the defaults of {@link RawRows} are one valid row.
 */
class ValidationTest {
  private static final String BASE = "USD";
  private static final Set<String> STATUSES = Set.of(ACCEPTED, SUPERSEDED, REJECTED);

  // ---- presence and parse of single fields

  @Test
  void rejectsDealMissingARequiredField() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1"),
        deal(3, "deal_id", "D2", "segment", ""),
        deal(4, "deal_id", "D3", "offering_type", "", "rep_id", ""));

    assertAccepted(deals, "2");
    assertRejected(deals, "3", "missing_field:segment");
    // reasons are listed in field order
    assertRejected(deals, "4", "missing_field:rep_id", "missing_field:offering_type");
  }

  @Test
  void rejectsDealWithUnparsableAmount() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "list_amount", "1.000,50"),
        deal(3, "deal_id", "D2", "invoice_amount", "n/a"));

    assertRejected(deals, "2", "bad_number:list_amount");
    assertRejected(deals, "3", "bad_number:invoice_amount");
  }

  @Test
  void rejectsDealWithImpossibleDate() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "close_date", "2026-02-30"),
        deal(3, "deal_id", "D2", "created_date", "31/01/2026"));

    assertRejected(deals, "2", "bad_date:close_date");
    assertRejected(deals, "3", "bad_date:created_date");
  }

  @Test
  void rejectsDateThatIsNotAFullIsoDate() {
    // Spark's cast would read the first as 2026-03-01 and ignore the tail of the second
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "close_date", "2026-03"),
        deal(3, "deal_id", "D2", "close_date", "2026-03-15 or so"));

    assertRejected(deals, "2", "bad_date:close_date");
    assertRejected(deals, "3", "bad_date:close_date");
  }

  @Test
  void rejectsDealWithUnparsableTimestamp() {
    Map<String, Row> deals = judgeDeals(deal(2, "updated_at", "last tuesday"));

    assertRejected(deals, "2", "bad_timestamp:updated_at");
  }

  @Test
  void rejectsValueOutsideItsEnum() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1"),
        deal(3, "deal_id", "D2", "stage", "closed"),
        // enums are matched ignoring case and surrounding blanks
        deal(4, "deal_id", "D3", "offering_type", " Differentiated ")));
    input.put(Source.SURVEYS, List.of(
        RawRows.row(Source.SURVEYS, 2, "response_id", "S1", "respondent_role", "ceo")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertRejected(judged.get(Source.DEALS), "3", "unknown_enum:stage");
    assertAccepted(judged.get(Source.DEALS), "4");
    assertRejected(judged.get(Source.SURVEYS), "2", "unknown_enum:respondent_role");
  }

  @Test
  void rejectsLineSourceReaderMarkedMalformedWithThatReasonAlone() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1"),
        RawRows.malformed(Source.DEALS, 3, "D2,\"unclosed"));

    assertAccepted(deals, "2");
    assertRejected(deals, "3", "malformed_row");
  }

  // ---- deal ranges and stage conditions

  @Test
  void rejectsDealWithListAmountNotAboveZero() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "stage", "open", "close_date", "", "list_amount", "0",
            "invoice_amount", "", "at_risk_amount", ""),
        deal(3, "deal_id", "D2", "stage", "open", "close_date", "", "list_amount", "-1.00",
            "invoice_amount", "", "at_risk_amount", ""));

    assertRejected(deals, "2", "out_of_range:list_amount");
    assertRejected(deals, "3", "out_of_range:list_amount");
  }

  @Test
  void rejectsInvoiceAboveOneAndAHalfTimesList() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "list_amount", "1000.00", "invoice_amount", "1500.00"),
        deal(3, "deal_id", "D2", "list_amount", "1000.00", "invoice_amount", "1500.01"),
        deal(4, "deal_id", "D3", "invoice_amount", "-0.01", "at_risk_amount", ""));

    assertAccepted(deals, "2");
    assertRejected(deals, "3", "out_of_range:invoice_amount");
    assertRejected(deals, "4", "out_of_range:invoice_amount");
  }

  @Test
  void rejectsAtRiskAmountAboveInvoice() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "invoice_amount", "900.00", "at_risk_amount", "900.00"),
        deal(3, "deal_id", "D2", "invoice_amount", "900.00", "at_risk_amount", "900.01"),
        deal(4, "deal_id", "D3", "at_risk_amount", "-1"));

    assertAccepted(deals, "2");
    assertRejected(deals, "3", "out_of_range:at_risk_amount");
    assertRejected(deals, "4", "out_of_range:at_risk_amount");
  }

  @Test
  void requiresCloseDateForWonAndLostDealsOnly() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "stage", "won", "close_date", ""),
        deal(3, "deal_id", "D2", "stage", "lost", "close_date", "", "invoice_amount", "", "at_risk_amount", ""),
        deal(4, "deal_id", "D3", "stage", "open", "close_date", "", "invoice_amount", "", "at_risk_amount", ""));

    assertRejected(deals, "2", "missing_field:close_date");
    assertRejected(deals, "3", "missing_field:close_date");
    assertAccepted(deals, "4");
  }

  @Test
  void requiresInvoiceForWonDealsOnly() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "stage", "won", "invoice_amount", "", "at_risk_amount", ""),
        deal(3, "deal_id", "D2", "stage", "lost", "invoice_amount", "", "at_risk_amount", ""));

    assertRejected(deals, "2", "missing_field:invoice_amount");
    assertAccepted(deals, "3");
  }

  // ---- currencies and FX

  @Test
  void rejectsCurrencyNotShapedLikeAnIsoCode() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "currency", "U5D"),
        deal(3, "deal_id", "D2", "currency", "EURO"));

    assertRejected(deals, "2", "unknown_currency");
    assertRejected(deals, "3", "unknown_currency");
  }

  @Test
  void matchesCurrencyCodesIgnoringCaseAndWritesThemInUpperCase() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(deal(2, "deal_id", "D1", "currency", "usd"), deal(3, "deal_id", "D2", "currency", "eUr")));
    input.put(Source.FX_RATES, List.of(RawRows.row(Source.FX_RATES, 2, "currency", "eur")));
    Map<Source, Dataset<Row>> judged = StagedInput.judge(RawRows.sources(input), BASE);
    Map<String, Row> deals = RowAssert.byKey(judged.get(Source.DEALS), ROW_NUMBER);

    assertRow(deals, "2", STATUS, ACCEPTED, CURRENCY, "USD");
    assertRow(deals, "3", STATUS, ACCEPTED, CURRENCY, "EUR");
    assertRow(RowAssert.byKey(judged.get(Source.FX_RATES), ROW_NUMBER), "2", STATUS, ACCEPTED, CURRENCY, "EUR");
  }

  @Test
  void rejectsIsoCurrencyAbsentFromFxTable() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1", "currency", "EUR"),
        deal(3, "deal_id", "D2", "currency", "GBP")));
    input.put(Source.FX_RATES, List.of(RawRows.row(Source.FX_RATES, 2)));
    input.put(Source.COST_LINES, List.of(
        RawRows.row(Source.COST_LINES, 2, "cost_id", "C1", "currency", "EUR"),
        RawRows.row(Source.COST_LINES, 3, "cost_id", "C2", "currency", "JPY")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertAccepted(judged.get(Source.DEALS), "2");
    assertRejected(judged.get(Source.DEALS), "3", "unknown_currency");
    assertAccepted(judged.get(Source.COST_LINES), "2");
    assertRejected(judged.get(Source.COST_LINES), "3", "unknown_currency");
  }

  @Test
  void rejectsCurrencyWithoutRateForTheCloseMonth() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1", "currency", "EUR", "close_date", "2026-03-31"),
        deal(3, "deal_id", "D2", "currency", "EUR", "close_date", "2026-04-01"),
        // an open deal has no close month, so it needs no rate
        deal(4, "deal_id", "D3", "currency", "EUR", "stage", "open", "close_date", "", "invoice_amount", "",
            "at_risk_amount", "")));
    input.put(Source.FX_RATES, List.of(RawRows.row(Source.FX_RATES, 2, "month", "2026-03")));
    // a child is converted at its deal's close month: D2 closes in April, which has no EUR rate
    input.put(Source.PRICE_ADJUSTMENTS, List.of(
        RawRows.row(Source.PRICE_ADJUSTMENTS, 2, "adjustment_id", "P1", "deal_id", "D1", "currency", "EUR"),
        RawRows.row(Source.PRICE_ADJUSTMENTS, 3, "adjustment_id", "P2", "deal_id", "D2", "currency", "EUR")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertAccepted(judged.get(Source.DEALS), "2");
    assertRejected(judged.get(Source.DEALS), "3", "missing_fx_rate");
    assertAccepted(judged.get(Source.DEALS), "4");
    assertAccepted(judged.get(Source.PRICE_ADJUSTMENTS), "2");
    // P2's deal is rejected, so P2 is an orphan; its rate cannot be judged without a close month
    assertRejected(judged.get(Source.PRICE_ADJUSTMENTS), "3", "orphan:deal_id");
  }

  @Test
  void rejectsChildInForeignCurrencyWithoutRateForItsDealsCloseMonth() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1", "close_date", "2026-03-15"),
        deal(3, "deal_id", "D2", "close_date", "2026-05-15")));
    input.put(Source.FX_RATES, List.of(RawRows.row(Source.FX_RATES, 2, "month", "2026-03")));
    input.put(Source.COST_LINES, List.of(
        RawRows.row(Source.COST_LINES, 2, "cost_id", "C1", "deal_id", "D1", "currency", "EUR"),
        RawRows.row(Source.COST_LINES, 3, "cost_id", "C2", "deal_id", "D2", "currency", "EUR")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertAccepted(judged.get(Source.COST_LINES), "2");
    assertRejected(judged.get(Source.COST_LINES), "3", "missing_fx_rate");
  }

  @Test
  void attachesTheRateOfTheCloseMonthToDealsAndToChildRowsWithMoney() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.FX_RATES, List.of(
        RawRows.row(Source.FX_RATES, 2, "month", "2026-03", "rate_to_base", "1.10"),
        RawRows.row(Source.FX_RATES, 3, "month", "2026-04", "rate_to_base", "1.20")));
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1", "currency", "EUR", "close_date", "2026-03-15"),
        deal(3, "deal_id", "D2", "currency", "USD", "close_date", "2026-04-10"),
        deal(4, "deal_id", "D3", "currency", "EUR", "close_date", "2026-04-02"),
        // an open deal's money is never converted
        deal(5, "deal_id", "D4", "currency", "EUR", "stage", "open", "close_date", "", "invoice_amount", "", "at_risk_amount", "")));
    // a child is converted at its deal's close month, in its own currency
    input.put(Source.COST_LINES, List.of(
        RawRows.row(Source.COST_LINES, 2, "cost_id", "C1", "deal_id", "D3", "currency", "EUR"),
        RawRows.row(Source.COST_LINES, 3, "cost_id", "C2", "deal_id", "D1", "currency", "USD"),
        RawRows.row(Source.COST_LINES, 4, "cost_id", "C3", "deal_id", "D1", "currency", "EUR")));
    input.put(Source.SURVEYS, List.of(survey(2, "S1", "csat", "4")));
    Map<Source, Dataset<Row>> judged = StagedInput.judge(RawRows.sources(input), BASE);
    Map<String, Row> deals = RowAssert.byKey(judged.get(Source.DEALS), ROW_NUMBER);
    Map<String, Row> costs = RowAssert.byKey(judged.get(Source.COST_LINES), ROW_NUMBER);

    assertRate(deals, "2", "1.10");
    assertRate(deals, "3", "1");
    assertRate(deals, "4", "1.20");
    assertRate(deals, "5", null);
    assertRate(costs, "2", "1.20");
    assertRate(costs, "3", "1");
    assertRate(costs, "4", "1.10");
    // a survey carries no money, so no rate
    assertFalse(Arrays.asList(judged.get(Source.SURVEYS).columns()).contains(FX_RATE));
  }

  @Test
  void rejectsFxRateNotAboveZeroAndBadMonth() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.FX_RATES, List.of(
        RawRows.row(Source.FX_RATES, 2, "month", "2026-03", "rate_to_base", "1.10"),
        RawRows.row(Source.FX_RATES, 3, "month", "2026-04", "rate_to_base", "0"),
        RawRows.row(Source.FX_RATES, 4, "month", "2026-05", "rate_to_base", "-1.2"),
        RawRows.row(Source.FX_RATES, 5, "month", "2026-13")));
    Map<String, Row> fx = judge(input).get(Source.FX_RATES);

    assertAccepted(fx, "2");
    assertRejected(fx, "3", "out_of_range:rate_to_base");
    assertRejected(fx, "4", "out_of_range:rate_to_base");
    assertRejected(fx, "5", "bad_date:month");
  }

  // ---- child rows

  @Test
  void rejectsNegativePriceAdjustmentButKeepsNegativeCostLineAsCredit() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.PRICE_ADJUSTMENTS, List.of(
        RawRows.row(Source.PRICE_ADJUSTMENTS, 2, "adjustment_id", "P1", "amount", "0"),
        RawRows.row(Source.PRICE_ADJUSTMENTS, 3, "adjustment_id", "P2", "amount", "-5.00")));
    input.put(Source.COST_LINES, List.of(RawRows.row(Source.COST_LINES, 2, "amount", "-120.00")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertAccepted(judged.get(Source.PRICE_ADJUSTMENTS), "2");
    assertRejected(judged.get(Source.PRICE_ADJUSTMENTS), "3", "out_of_range:amount");
    assertAccepted(judged.get(Source.COST_LINES), "2");
  }

  @Test
  void quarantinesSurveyWithScoreOutOfScale() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.SURVEYS, List.of(
        survey(2, "S1", "csat", "5"),
        survey(3, "S2", "csat", "6"),
        survey(4, "S3", "csat", "0"),
        survey(5, "S4", "nps", "0"),
        survey(6, "S5", "nps", "10"),
        survey(7, "S6", "nps", "11"),
        survey(8, "S7", "nps", "seven")));
    Map<String, Row> surveys = judge(input).get(Source.SURVEYS);

    assertAccepted(surveys, "2");
    assertRejected(surveys, "3", "out_of_range:score");
    assertRejected(surveys, "4", "out_of_range:score");
    assertAccepted(surveys, "5");
    assertAccepted(surveys, "6");
    assertRejected(surveys, "7", "out_of_range:score");
    assertRejected(surveys, "8", "bad_number:score");
  }

  @Test
  void rejectsNegotiationEventGivingNegativeValue() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.NEGOTIATION_EVENTS, List.of(
        RawRows.row(Source.NEGOTIATION_EVENTS, 2, "event_id", "N1", "value_delta", "0"),
        RawRows.row(Source.NEGOTIATION_EVENTS, 3, "event_id", "N2", "value_delta", "-10")));
    Map<String, Row> events = judge(input).get(Source.NEGOTIATION_EVENTS);

    assertAccepted(events, "2");
    assertRejected(events, "3", "out_of_range:value_delta");
  }

  @Test
  void rejectsChildRowsOfYearMonthAndTimestampThatDoNotParse() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.COST_LINES, List.of(RawRows.row(Source.COST_LINES, 2, "period_month", "2026-3")));
    input.put(Source.SURVEYS, List.of(RawRows.row(Source.SURVEYS, 2, "responded_at", "soon")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertRejected(judged.get(Source.COST_LINES), "2", "bad_date:period_month");
    assertRejected(judged.get(Source.SURVEYS), "2", "bad_timestamp:responded_at");
  }

  @Test
  void rejectsChildOfUnknownDealAsOrphan() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.COST_LINES, List.of(
        RawRows.row(Source.COST_LINES, 2, "cost_id", "C1", "deal_id", "D1"),
        RawRows.row(Source.COST_LINES, 3, "cost_id", "C2", "deal_id", "D404")));
    input.put(Source.SURVEYS, List.of(RawRows.row(Source.SURVEYS, 2, "deal_id", "D404")));
    input.put(Source.NEGOTIATION_EVENTS, List.of(RawRows.row(Source.NEGOTIATION_EVENTS, 2, "deal_id", "D404")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertAccepted(judged.get(Source.COST_LINES), "2");
    assertRejected(judged.get(Source.COST_LINES), "3", "orphan:deal_id");
    assertRejected(judged.get(Source.SURVEYS), "2", "orphan:deal_id");
    assertRejected(judged.get(Source.NEGOTIATION_EVENTS), "2", "orphan:deal_id");
  }

  @Test
  void childRowsCarryTheCloseMonthOfTheirDealWhenItIsWon() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1"),
        deal(3, "deal_id", "D2", "stage", "lost", "invoice_amount", "", "at_risk_amount", ""),
        deal(4, "deal_id", "D3", "stage", "open", "close_date", "", "invoice_amount", "", "at_risk_amount", "")));
    input.put(Source.COST_LINES, List.of(
        RawRows.row(Source.COST_LINES, 2, "cost_id", "C1", "deal_id", "D1"),
        RawRows.row(Source.COST_LINES, 3, "cost_id", "C2", "deal_id", "D2"),
        RawRows.row(Source.COST_LINES, 4, "cost_id", "C3", "deal_id", "D3"),
        RawRows.row(Source.COST_LINES, 5, "cost_id", "C4", "deal_id", "D404")));
    Map<Source, Dataset<Row>> judged = StagedInput.judge(RawRows.sources(input), BASE);
    Map<String, Row> costs = RowAssert.byKey(judged.get(Source.COST_LINES), ROW_NUMBER);

    // D1 is won and closed on 2026-03-15; lost, open and unknown deals give no month
    assertRow(costs, "2", STATUS, ACCEPTED, DEAL_WON_MONTH, "2026-03");
    assertRow(costs, "3", STATUS, ACCEPTED, DEAL_WON_MONTH, null);
    assertRow(costs, "4", STATUS, ACCEPTED, DEAL_WON_MONTH, null);
    assertRow(costs, "5", STATUS, REJECTED, DEAL_WON_MONTH, null);
  }

  // ---- duplicates and versions

  @Test
  void keepsFirstRowOfADuplicatedIdByFileAndRow() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.COST_LINES, List.of(
        RawRows.row(Source.COST_LINES, "cost_lines/b.csv", 2, Map.of("cost_id", "C1")),
        RawRows.row(Source.COST_LINES, "cost_lines/a.csv", 9, Map.of("cost_id", "C1")),
        RawRows.row(Source.COST_LINES, "cost_lines/a.csv", 3, Map.of("cost_id", "C1"))));
    Map<Source, Dataset<Row>> judged = StagedInput.judge(RawRows.sources(input), BASE);
    assertReconciles(judged, input);
    // keyed by file id, which follows path order here: the deals' file is 0, a.csv 1, b.csv 2
    Map<String, Row> rows = RowAssert.byKey(judged.get(Source.COST_LINES), FILE_ID, ROW_NUMBER);

    assertRow(rows, "1/3", STATUS, ACCEPTED, REASONS, List.of());
    assertRow(rows, "1/9", STATUS, REJECTED, REASONS, List.of("duplicate_id"));
    assertRow(rows, "2/2", STATUS, REJECTED, REASONS, List.of("duplicate_id"));
  }

  @Test
  void rejectsSecondDealRowWithSameIdAndVersionTime() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1"),
        deal(3, "deal_id", "D1"));

    assertAccepted(deals, "2");
    assertRejected(deals, "3", "duplicate_id");
  }

  @Test
  void keepsLatestAcceptedDealVersionAndSupersedesOlderOnes() {
    Map<String, Row> deals = judgeDeals(
        deal(2, "deal_id", "D1", "updated_at", "2026-03-01T00:00:00Z", "stage", "open", "close_date", "",
            "invoice_amount", "", "at_risk_amount", ""),
        deal(3, "deal_id", "D1", "updated_at", "2026-03-20T00:00:00Z"),
        deal(4, "deal_id", "D1", "updated_at", "2026-03-10T00:00:00Z", "stage", "open", "close_date", "",
            "invoice_amount", "", "at_risk_amount", ""));

    assertRow(deals, "2", STATUS, SUPERSEDED, REASONS, List.of());
    assertRow(deals, "3", STATUS, ACCEPTED, REASONS, List.of());
    assertRow(deals, "4", STATUS, SUPERSEDED, REASONS, List.of());
  }

  @Test
  void rejectedLatestVersionLeavesTheDealOutInsteadOfReviving() {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(
        deal(2, "deal_id", "D1", "updated_at", "2026-03-20T00:00:00Z"),
        deal(3, "deal_id", "D1", "updated_at", "2026-03-25T00:00:00Z", "list_amount", "lots")));
    // the deal's latest version is rejected, so its child has no deal to hang off
    input.put(Source.COST_LINES, List.of(RawRows.row(Source.COST_LINES, 2, "deal_id", "D1")));
    Map<Source, Map<String, Row>> judged = judge(input);

    assertRow(judged.get(Source.DEALS), "2", STATUS, SUPERSEDED, REASONS, List.of());
    assertRejected(judged.get(Source.DEALS), "3", "bad_number:list_amount");
    assertRejected(judged.get(Source.COST_LINES), "2", "orphan:deal_id");
  }

  // ---- helpers

  private static Row deal(long rowNumber, String... fieldsAndTexts) {
    return RawRows.row(Source.DEALS, rowNumber, fieldsAndTexts);
  }

  private static Row survey(long rowNumber, String responseId, String instrument, String score) {
    return RawRows.row(Source.SURVEYS, rowNumber, "response_id", responseId, "instrument", instrument, "score", score);
  }

  private static Map<String, Row> judgeDeals(Row... deals) {
    Map<Source, List<Row>> input = new EnumMap<>(Source.class);
    input.put(Source.DEALS, List.of(deals));
    return judge(input).get(Source.DEALS);
  }

  /**
   * Validates the input and checks that no row was lost: per source, the statuses add up to the
   * rows given. Returns, per source named in the input, its rows keyed by row number. Two actions:
   * the reconciliation counts and the rows of the named sources.
   */
  private static Map<Source, Map<String, Row>> judge(Map<Source, List<Row>> input) {
    Map<Source, Dataset<Row>> judged = StagedInput.judge(RawRows.sources(input), BASE);
    assertReconciles(judged, input);
    List<Row> collected = input.keySet().stream()
        .map(source -> judged.get(source).select(col(SOURCE), col(FILE_ID), col(ROW_NUMBER), col(STATUS), col(REASONS)))
        .reduce(Dataset::union)
        .orElseThrow()
        .collectAsList();
    Map<Source, Map<String, Row>> rows = new EnumMap<>(Source.class);
    for (Source source : input.keySet()) {
      rows.put(source, RowAssert.byKey(
          collected.stream().filter(row -> row.<String>getAs(SOURCE).equals(source.folder())).toList(), ROW_NUMBER));
    }
    return rows;
  }

  private static void assertReconciles(Map<Source, Dataset<Row>> judged, Map<Source, List<Row>> input) {
    Map<Source, Long> counted = new EnumMap<>(Source.class);
    for (Row row : Reconciliation.byStatusAndReasons(judged).collectAsList()) {
      assertTrue(STATUSES.contains(row.<String>getAs(STATUS)), () -> "unexpected status in " + row);
      counted.merge(Source.valueOf(row.<String>getAs(SOURCE).toUpperCase(Locale.ROOT)), row.<Long>getAs(Reconciliation.ROWS), Long::sum);
    }
    for (Source source : Source.values()) {
      // RawRows adds the valid deal D1 when the input names no deals
      long read = input.containsKey(source) ? input.get(source).size() : source == Source.DEALS ? 1 : 0;
      assertEquals(read, counted.getOrDefault(source, 0L), "accepted + superseded + rejected of " + source.folder());
    }
  }

  /** Compares the rate by value: its scale is the FX table's. */
  private static void assertRate(Map<String, Row> rows, String rowNumber, String expected) {
    Row row = rows.get(rowNumber);
    assertEquals(ACCEPTED, row.getAs(STATUS), () -> "status of row " + rowNumber);
    BigDecimal rate = row.getAs(FX_RATE);
    assertEquals(expected == null ? null : new BigDecimal(expected).stripTrailingZeros(), rate == null ? null : rate.stripTrailingZeros(),
        () -> "fx_rate of row " + rowNumber);
  }

  private static void assertAccepted(Map<String, Row> rows, String rowNumber) {
    assertRow(rows, rowNumber, STATUS, ACCEPTED, REASONS, List.of());
  }

  private static void assertRejected(Map<String, Row> rows, String rowNumber, String... reasons) {
    assertRow(rows, rowNumber, STATUS, REJECTED, REASONS, List.of(reasons));
  }
}
