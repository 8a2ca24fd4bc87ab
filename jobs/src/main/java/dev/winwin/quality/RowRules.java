package dev.winwin.quality;

import static dev.winwin.schema.Columns.AMOUNT;
import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.CLOSE_DATE;
import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.INSTRUMENT;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.LIST_AMOUNT;
import static dev.winwin.schema.Columns.RATE_TO_BASE;
import static dev.winwin.schema.Columns.SCORE;
import static dev.winwin.schema.Columns.SEQ;
import static dev.winwin.schema.Columns.STAGE;
import static dev.winwin.schema.Columns.VALUE_DELTA;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;
import dev.winwin.schema.Source;
import dev.winwin.schema.Types;

/**
 * The catalogue of rules that judge one row on its own: presence and parse of every field, then the
 * ranges and conditions of DOMAIN §2. Rules that compare rows (duplicates, orphans, currencies
 * against the FX table, versions) live in {@link CrossRowRules}.
 *
 * <p>While these rules run, a field's text is in {@code <field>__text} and its parsed value in
 * {@code <field>}.
 */
public final class RowRules {
  static final String TEXT_SUFFIX = "__text";
  static final String ISO_CURRENCY = "^[A-Z]{3}$";
  private static final String YEAR_MONTH = "^[0-9]{4}-(0[1-9]|1[0-2])$";
  // Spark's cast alone reads "2026-03" as 2026-03-01 and ignores text after the day.
  private static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  // ISO-8601 with an offset or Z (DOMAIN §2); Spark's cast alone takes "2026" or "T10:00" too.
  private static final String ISO_TIMESTAMP =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})$";
  // Whole numbers, also as exports write them from floating-point columns (4.0).
  private static final String INTEGRAL = "^[+-]?[0-9]{1,9}(\\.0+)?$";

  private RowRules() {}

  /** The parsed value of a field's text; null when the text is absent or does not parse. */
  static Column parsed(Field field) {
    Column text = col(field.name() + TEXT_SUFFIX);
    return switch (field.kind()) {
      case TEXT -> text;
      case DECIMAL -> text.try_cast(Types.INPUT_DECIMAL);
      case INTEGER -> when(text.rlike(INTEGRAL), text.try_cast(Types.INPUT_DECIMAL).cast(DataTypes.IntegerType));
      case DATE -> when(text.rlike(ISO_DATE), text.try_cast(DataTypes.DateType));
      case YEAR_MONTH -> when(text.rlike(YEAR_MONTH), text);
      case TIMESTAMP -> when(text.rlike(ISO_TIMESTAMP), text.try_cast(DataTypes.TimestampType));
      case ENUM -> when(lower(trim(text)).isin(field.allowed().toArray()), lower(trim(text)));
    };
  }

  /** Every row rule of {@code source}, in the order their reasons are listed. */
  static List<Rule> of(Source source) {
    List<Rule> rules = new ArrayList<>();
    for (Field field : source.fields()) {
      Column text = col(field.name() + TEXT_SUFFIX);
      if (field.required()) {
        rules.add(new Rule(Reason.missingField(field.name()), text.isNull()));
      }
      if (field.kind() != FieldKind.TEXT) {
        rules.add(new Rule(field.kind().parseFailure(field.name()), text.isNotNull().and(col(field.name()).isNull())));
      }
    }
    rules.addAll(valueRules(source));
    return rules;
  }

  private static List<Rule> valueRules(Source source) {
    return switch (source) {
      case DEALS -> List.of(
          new Rule(Reason.missingField(CLOSE_DATE), col(STAGE).isin("won", "lost").and(col(CLOSE_DATE + TEXT_SUFFIX).isNull())),
          new Rule(Reason.missingField(INVOICE_AMOUNT), col(STAGE).equalTo("won").and(col(INVOICE_AMOUNT + TEXT_SUFFIX).isNull())),
          new Rule(Reason.outOfRange(LIST_AMOUNT), col(LIST_AMOUNT).leq(0)),
          new Rule(Reason.outOfRange(INVOICE_AMOUNT),
              col(INVOICE_AMOUNT).lt(0).or(col(INVOICE_AMOUNT).gt(col(LIST_AMOUNT).multiply(lit(new BigDecimal("1.5")))))),
          new Rule(Reason.outOfRange(AT_RISK_AMOUNT), col(AT_RISK_AMOUNT).lt(0).or(col(AT_RISK_AMOUNT).gt(col(INVOICE_AMOUNT)))),
          currencyCode());
      case PRICE_ADJUSTMENTS -> List.of(new Rule(Reason.outOfRange(AMOUNT), col(AMOUNT).lt(0)), currencyCode());
      case COST_LINES -> List.of(currencyCode());
      case SURVEYS -> List.of(new Rule(Reason.outOfRange(SCORE),
          when(col(INSTRUMENT).equalTo("csat"), not(col(SCORE).between(1, 5)))
              .when(col(INSTRUMENT).equalTo("nps"), not(col(SCORE).between(0, 10)))));
      case NEGOTIATION_EVENTS -> List.of(
          new Rule(Reason.outOfRange(SEQ), col(SEQ).lt(0)),
          new Rule(Reason.outOfRange(VALUE_DELTA), col(VALUE_DELTA).lt(0)));
      case FX_RATES -> List.of(new Rule(Reason.outOfRange(RATE_TO_BASE), col(RATE_TO_BASE).leq(0)), currencyCode());
    };
  }

  /** A currency that is not even shaped like an ISO-4217 code. */
  private static Rule currencyCode() {
    return new Rule(Reason.UNKNOWN_CURRENCY, col(CURRENCY).isNotNull().and(not(col(CURRENCY).rlike(ISO_CURRENCY))));
  }
}
