package dev.winwin.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;
import dev.winwin.schema.Source;
import dev.winwin.testing.RawRows;

/**
 * The row rules on one record at a time, without Spark: every rule of the catalogue that runs on a
 * record alone has a case here (checked by {@link #everyRowRuleOfTheCatalogueHasACase()}), each
 * with its expected reasons worked out from DOMAIN §2 and in the order the catalogue lists them.
 */
class RowJudgeTest {
  /** A record of {@code source}: the valid texts of {@link RawRows} with the changes, and the reasons it must get. */
  private record Case(Source source, String[] changes, List<String> reasons) {}

  private static final List<Case> CASES = cases();

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Source source : Source.values()) {
      // every required field left empty, every typed field with text that is not of its kind
      for (Field field : source.fields()) {
        if (field.required()) {
          cases.add(new Case(source, new String[] {field.name(), ""}, List.of(Reason.missingField(field.name()))));
        }
        if (field.kind().canFailToParse()) {
          cases.add(new Case(source, new String[] {field.name(), notOfKind(field.kind())}, List.of(field.kind().parseFailure(field.name()))));
        }
        if (field.kind() == FieldKind.MONEY) {
          cases.add(new Case(source, new String[] {field.name(), "1000000000000"}, List.of(Reason.outOfRange(field.name()))));
          cases.add(new Case(source, new String[] {field.name(), "12.0000001"}, List.of(Reason.outOfRange(field.name()))));
        }
      }
    }
    // the value rules of DOMAIN §2
    cases.add(new Case(Source.DEALS, new String[] {"close_date", ""}, List.of("missing_field:close_date")));
    cases.add(new Case(Source.DEALS, new String[] {"stage", "lost", "close_date", ""}, List.of("missing_field:close_date")));
    cases.add(new Case(Source.DEALS, new String[] {"stage", "open", "close_date", "", "invoice_amount", ""}, List.of()));
    cases.add(new Case(Source.DEALS, new String[] {"invoice_amount", ""}, List.of("missing_field:invoice_amount")));
    cases.add(new Case(Source.DEALS, new String[] {"stage", "lost", "invoice_amount", ""}, List.of()));
    cases.add(new Case(Source.DEALS, new String[] {"list_amount", "0", "invoice_amount", "0", "at_risk_amount", "0"},
        List.of("out_of_range:list_amount")));
    cases.add(new Case(Source.DEALS, new String[] {"invoice_amount", "1500.000001"}, List.of("out_of_range:invoice_amount")));
    cases.add(new Case(Source.DEALS, new String[] {"invoice_amount", "1500", "at_risk_amount", "1500"}, List.of()));
    cases.add(new Case(Source.DEALS, new String[] {"invoice_amount", "-1", "at_risk_amount", ""}, List.of("out_of_range:invoice_amount")));
    cases.add(new Case(Source.DEALS, new String[] {"at_risk_amount", "900.01"}, List.of("out_of_range:at_risk_amount")));
    cases.add(new Case(Source.DEALS, new String[] {"at_risk_amount", "-0.01"}, List.of("out_of_range:at_risk_amount")));
    // an invoice out of its bounds has no value, so the at-risk amount cannot be judged against it
    cases.add(new Case(Source.DEALS, new String[] {"invoice_amount", "4e18", "at_risk_amount", "5"}, List.of("out_of_range:invoice_amount")));
    cases.add(new Case(Source.DEALS, new String[] {"currency", "US"}, List.of("unknown_currency")));
    cases.add(new Case(Source.DEALS, new String[] {"currency", "usd"}, List.of()));
    cases.add(new Case(Source.PRICE_ADJUSTMENTS, new String[] {"amount", "-0.5"}, List.of("out_of_range:amount")));
    cases.add(new Case(Source.PRICE_ADJUSTMENTS, new String[] {"currency", "€"}, List.of("unknown_currency")));
    cases.add(new Case(Source.COST_LINES, new String[] {"amount", "-400", "currency", "EURO"}, List.of("unknown_currency")));
    cases.add(new Case(Source.SURVEYS, new String[] {"score", "0"}, List.of("out_of_range:score")));
    cases.add(new Case(Source.SURVEYS, new String[] {"score", "6"}, List.of("out_of_range:score")));
    cases.add(new Case(Source.SURVEYS, new String[] {"instrument", "nps", "score", "0"}, List.of()));
    cases.add(new Case(Source.SURVEYS, new String[] {"instrument", "NPS", "score", "10.0"}, List.of()));
    cases.add(new Case(Source.SURVEYS, new String[] {"instrument", "nps", "score", "11"}, List.of("out_of_range:score")));
    cases.add(new Case(Source.NEGOTIATION_EVENTS, new String[] {"seq", "-1"}, List.of("out_of_range:seq")));
    cases.add(new Case(Source.NEGOTIATION_EVENTS, new String[] {"value_delta", "-0.01"}, List.of("out_of_range:value_delta")));
    cases.add(new Case(Source.FX_RATES, new String[] {"rate_to_base", "0"}, List.of("out_of_range:rate_to_base")));
    cases.add(new Case(Source.FX_RATES, new String[] {"rate_to_base", "0.00000000001"}, List.of("out_of_range:rate_to_base")));
    cases.add(new Case(Source.FX_RATES, new String[] {"rate_to_base", "100000000"}, List.of("out_of_range:rate_to_base")));
    cases.add(new Case(Source.FX_RATES, new String[] {"currency", "E1R"}, List.of("unknown_currency")));
    // several reasons: fields in source order, then the value rules
    cases.add(new Case(Source.DEALS, new String[] {"rep_id", "", "offering_type", ""}, List.of("missing_field:rep_id", "missing_field:offering_type")));
    cases.add(new Case(Source.DEALS, new String[] {"currency", "XX", "list_amount", "-5", "updated_at", "2026-03-20"},
        List.of("bad_timestamp:updated_at", "out_of_range:list_amount", "out_of_range:invoice_amount", "unknown_currency")));
    return cases;
  }

  /** Text that is not of {@code kind}, but could be mistaken for it. */
  private static String notOfKind(FieldKind kind) {
    return switch (kind) {
      case MONEY, RATE -> "1.000,50";
      case INTEGER -> "4.5";
      case DATE -> "2026-02-30";
      case YEAR_MONTH -> "2026-13";
      case TIMESTAMP -> "2026-03-20T10:00:00";
      case ENUM -> "none_of_these";
      case TEXT, CURRENCY -> throw new IllegalArgumentException(kind + " never fails to parse");
    };
  }

  @Test
  void judgesEveryCaseWithExactlyItsReasonsInCatalogueOrder() {
    for (Case c : CASES) {
      TypedRecord record = judge(c.source(), c.changes());
      List<String> reasons = record.reasons() == null ? List.of() : List.of(record.reasons().split(Reason.SEPARATOR));
      assertEquals(c.reasons(), reasons, () -> c.source() + " with " + Arrays.toString(c.changes()));
    }
  }

  @Test
  void givesAMalformedRecordThatReasonAlone() {
    TypedRecord record = new TypedRecord(Source.COST_LINES);
    RowJudge.of(Source.COST_LINES).judge(null, record);

    assertEquals("malformed_row", record.reasons());
    for (int i = 0; i < Source.COST_LINES.fields().size(); i++) {
      assertFalse(record.has(i));
    }
  }

  @Test
  void everyRowRuleOfTheCatalogueHasACase() {
    Set<String> covered = new HashSet<>();
    CASES.forEach(c -> c.reasons().forEach(reason -> covered.add(c.source() + " " + reason)));
    Arrays.stream(Source.values()).forEach(source -> covered.add(source + " " + Reason.MALFORMED_ROW));
    for (RuleCatalogue.Rule rule : RuleCatalogue.all()) {
      if (rule.stage() == RuleCatalogue.Stage.ROW || rule.stage() == RuleCatalogue.Stage.READ) {
        assertTrue(covered.contains(rule.source() + " " + rule.code()), () -> "no case breaks " + rule);
      }
    }
  }

  @Test
  void writesTypedValuesInTheirCanonicalForm() {
    int stage = Source.DEALS.fieldNames().indexOf("stage");
    int currency = Source.DEALS.fieldNames().indexOf("currency");
    int list = Source.DEALS.fieldNames().indexOf("list_amount");
    int updatedAt = Source.DEALS.fieldNames().indexOf("updated_at");
    int closeDate = Source.DEALS.fieldNames().indexOf("close_date");
    int accountName = Source.DEALS.fieldNames().indexOf("account_name");
    TypedRecord deal = judge(Source.DEALS, "stage", "WON", "currency", "usd", "list_amount", "+1000.5",
        "updated_at", "2026-03-20T10:00:00.1234567+02:00", "close_date", "2026-03-15", "account_name", "");

    assertTrue(deal.isClean());
    assertEquals("won", deal.text(stage));
    assertEquals("USD", deal.text(currency));
    assertEquals(1_000_500_000L, deal.number(list));
    assertEquals(Instant.parse("2026-03-20T08:00:00.123456Z").toEpochMilli() * 1000 + 456, deal.number(updatedAt));
    assertEquals(LocalDate.of(2026, 3, 15).toEpochDay(), deal.number(closeDate));
    assertFalse(deal.has(accountName));
    assertNull(deal.text(accountName));
  }

  @Test
  void readsMoneyInEveryFormANumberIsWrittenAndBoundsIt() {
    long[] slot = new long[1];
    String[][] parsed = {
        {"0", "0"}, {"-0.000001", "-1"}, {".5", "500000"}, {"5.", "5000000"}, {"1e3", "1000000000"}, {"1E+3", "1000000000"},
        {"4.50000000", "4500000"}, {"999999999999.999999", "999999999999999999"}, {"-999999999999.999999", "-999999999999999999"},
        {"000000000000000000000001.5", "1500000"}};
    for (String[] c : parsed) {
      assertEquals(FieldParsers.PARSED, FieldParsers.decimal(c[0], 6, 12, slot, 0), c[0]);
      assertEquals(Long.parseLong(c[1]), slot[0], c[0]);
    }
    for (String outOfRange : new String[] {"1000000000000", "-1000000000000", "1e12", "1e308", "0.0000001", "1.5e-6",
        "1234567890123456789012345678901234567890", "0." + "0".repeat(30) + "1"}) {
      assertEquals(FieldParsers.OUT_OF_RANGE, FieldParsers.decimal(outOfRange, 6, 12, slot, 0), outOfRange);
    }
    for (String notANumber : new String[] {"NaN", "Infinity", "-Infinity", "1,000", "-", "+", ".", "1.2.3", "0x10", "12 5",
        "1e" + "0".repeat(200)}) {
      assertEquals(FieldParsers.NOT_PARSED, FieldParsers.decimal(notANumber, 6, 12, slot, 0), notANumber);
    }
  }

  private static TypedRecord judge(Source source, String... changes) {
    TypedRecord record = new TypedRecord(source);
    RowJudge.of(source).judge(RawRows.texts(source, changes), record);
    return record;
  }
}
