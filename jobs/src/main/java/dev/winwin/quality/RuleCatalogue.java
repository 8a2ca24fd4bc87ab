package dev.winwin.quality;

import static dev.winwin.schema.Columns.AMOUNT;
import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.CLOSE_DATE;
import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.LIST_AMOUNT;
import static dev.winwin.schema.Columns.RATE_TO_BASE;
import static dev.winwin.schema.Columns.SCORE;
import static dev.winwin.schema.Columns.SEQ;
import static dev.winwin.schema.Columns.VALUE_DELTA;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;
import dev.winwin.schema.Source;

/**
 * Every data-quality rule of DOMAIN §2–§3 as data: its reason code, the source and column it
 * judges, when it runs, and what it checks. {@link RowJudge} implements the {@link Stage#ROW}
 * rules, {@link CrossRowRules} the {@link Stage#CROSS_ROW} ones, the readers the
 * {@link Stage#READ} one, and each {@link Stage#RUN} rule carries its own check ({@link #runRules()});
 * the README's reasons table is checked against this list.
 */
public final class RuleCatalogue {
  /** When a rule runs. */
  public enum Stage {
    /** While a record is split into fields. */
    READ,
    /** On one record alone. */
    ROW,
    /** Against other rows: the FX table, the deal, the other versions or copies. */
    CROSS_ROW,
    /** On the whole input before anything is written: the run stops instead of rejecting a row. */
    RUN
  }

  /**
   * One rule.
   *
   * @param code the reason code a row breaking it gets (for a {@link Stage#RUN} rule, its name)
   * @param source the source it judges
   * @param column the column it judges; empty for rules on the whole record
   * @param stage when it runs
   * @param checks what it checks, in words
   */
  public record Rule(String code, Source source, Optional<String> column, Stage stage, String checks) {}

  /** The run rule: fx_rates is required as soon as a currency besides the base currency appears. */
  public static final String FX_RATES_REQUIRED = "fx_rates_required";

  /** The {@link Stage#RUN} rules with their checks. */
  private static final List<RunRule> RUN_RULES = List.of(new FxRatesRequired());
  private static final List<Rule> ALL = build();

  private RuleCatalogue() {}

  /** Every rule, per source in the order a row's reasons are listed. */
  public static List<Rule> all() {
    return ALL;
  }

  /** The rules a run checks on its whole judged input before it writes anything, each with its check. */
  public static List<RunRule> runRules() {
    return RUN_RULES;
  }

  /** The rules of one source. */
  public static List<Rule> of(Source source) {
    return ALL.stream().filter(rule -> rule.source() == source).toList();
  }

  private static List<Rule> build() {
    List<Rule> rules = new ArrayList<>();
    for (Source source : Source.values()) {
      rules.add(new Rule(Reason.MALFORMED_ROW, source, Optional.empty(), Stage.READ,
          "a CSV record that does not split into exactly the header's number of fields (its first line alone), "
              + "or a JSON Lines line that is not one object"));
      // per (code) so that a field's own bound and a value rule on it make one rule with one code
      Map<String, Rule> rowRules = new LinkedHashMap<>();
      for (Field field : source.fields()) {
        if (field.required()) {
          put(rowRules, source, Reason.missingField(field.name()), field.name(), "the value is empty");
        }
        if (field.kind().canFailToParse()) {
          put(rowRules, source, field.kind().parseFailure(field.name()), field.name(), notOfKind(field));
        }
        if (field.kind() == FieldKind.MONEY) {
          put(rowRules, source, Reason.outOfRange(field.name()), field.name(),
              "more than 6 decimal places, or not strictly between -10^12 and 10^12");
        } else if (field.kind() == FieldKind.RATE) {
          put(rowRules, source, Reason.outOfRange(field.name()), field.name(), "more than 10 decimal places, or 10^8 or more");
        }
      }
      valueRules(source, rowRules);
      rules.addAll(rowRules.values());
      crossRowRules(source, rules);
    }
    RUN_RULES.forEach(rule -> rules.add(rule.rule()));
    return List.copyOf(rules);
  }

  private static void valueRules(Source source, Map<String, Rule> rules) {
    switch (source) {
      case DEALS -> {
        put(rules, source, Reason.missingField(CLOSE_DATE), CLOSE_DATE, "a won or lost deal has no close date");
        put(rules, source, Reason.missingField(INVOICE_AMOUNT), INVOICE_AMOUNT, "a won deal has no invoice amount");
        put(rules, source, Reason.outOfRange(LIST_AMOUNT), LIST_AMOUNT, "0 or less");
        put(rules, source, Reason.outOfRange(INVOICE_AMOUNT), INVOICE_AMOUNT, "below 0 or above 1.5 x list_amount");
        put(rules, source, Reason.outOfRange(AT_RISK_AMOUNT), AT_RISK_AMOUNT, "below 0 or above invoice_amount");
        currencyShape(source, rules);
      }
      case PRICE_ADJUSTMENTS -> {
        put(rules, source, Reason.outOfRange(AMOUNT), AMOUNT, "below 0");
        currencyShape(source, rules);
      }
      case COST_LINES -> currencyShape(source, rules);
      case SURVEYS -> put(rules, source, Reason.outOfRange(SCORE), SCORE, "off its instrument's scale (csat 1-5, nps 0-10)");
      case NEGOTIATION_EVENTS -> {
        put(rules, source, Reason.outOfRange(SEQ), SEQ, "below 0");
        put(rules, source, Reason.outOfRange(VALUE_DELTA), VALUE_DELTA, "below 0");
      }
      case FX_RATES -> {
        put(rules, source, Reason.outOfRange(RATE_TO_BASE), RATE_TO_BASE, "0 or less");
        currencyShape(source, rules);
      }
    }
  }

  private static void currencyShape(Source source, Map<String, Rule> rules) {
    put(rules, source, Reason.UNKNOWN_CURRENCY, CURRENCY, "not three letters (case is ignored)");
  }

  private static void crossRowRules(Source source, List<Rule> rules) {
    String id = switch (source) {
      case DEALS -> "deal_id and updated_at";
      case FX_RATES -> "month and currency";
      default -> source.idColumn().orElseThrow();
    };
    rules.add(new Rule(Reason.DUPLICATE_ID, source, Optional.empty(), Stage.CROSS_ROW,
        id + " seen in an earlier row (by file and row number) among those without other reasons; that row is kept"));
    if (source.isDealChild()) {
      rules.add(new Rule(Reason.ORPHAN_DEAL, source, Optional.of(DEAL_ID), Stage.CROSS_ROW,
          "no accepted latest deal version has this deal_id"));
    }
    boolean convertsMoney = source == Source.DEALS || source.fieldNames().contains(CURRENCY) && source != Source.FX_RATES;
    if (convertsMoney) {
      rules.add(new Rule(Reason.UNKNOWN_CURRENCY, source, Optional.of(CURRENCY), Stage.CROSS_ROW,
          "a three-letter code that is neither the base currency nor in fx_rates"));
      rules.add(new Rule(Reason.MISSING_FX_RATE, source, Optional.of(CURRENCY), Stage.CROSS_ROW,
          "the currency is in fx_rates, but without a rate for the close month of the won deal"));
    }
  }

  private static String notOfKind(Field field) {
    return switch (field.kind()) {
      case MONEY, RATE -> "not a number";
      case INTEGER -> "not a whole number of up to nine digits (4 and 4.0 are whole)";
      case DATE -> "not a date yyyy-MM-dd";
      case YEAR_MONTH -> "not a month yyyy-MM";
      case TIMESTAMP -> "not an ISO-8601 timestamp with seconds and an offset or Z";
      case ENUM -> "not one of " + String.join(", ", field.allowed()) + " (case is ignored)";
      case TEXT, CURRENCY -> throw new IllegalStateException(field.name() + " cannot fail to parse");
    };
  }

  private static void put(Map<String, Rule> rules, Source source, String code, String column, String checks) {
    rules.merge(code, new Rule(code, source, Optional.of(column), Stage.ROW, checks),
        (earlier, later) -> new Rule(code, source, earlier.column(), Stage.ROW, earlier.checks() + "; or " + later.checks()));
  }
}
