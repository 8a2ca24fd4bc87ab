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

import java.io.Serializable;
import java.util.List;

import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;
import dev.winwin.schema.Source;

/**
 * The row rules of one source (the {@link RuleCatalogue}'s {@code ROW} rules) applied to one record
 * in one pass: every field's text is checked and parsed straight into its typed value, then the
 * source's value rules run over the typed values. No Spark expression, no regular expression.
 *
 * <p>Reasons come in the order of the catalogue: per field in the source's order its
 * {@code missing_field} and parse failure ({@code bad_*}, {@code unknown_enum}, or
 * {@code out_of_range} for a number beyond its bounds), then the value rules. A malformed record
 * gets {@code malformed_row} alone. A value rule whose inputs are missing does not apply (as SQL's
 * null: an invoice cannot be judged against a list amount that is unknown).
 */
public final class RowJudge implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Source source;
  private final FieldKind[] kinds;
  private final boolean[] required;
  private final String[][] allowed;
  private final String[] missingCode;
  private final String[] parseCode;
  private final String[] outOfRangeCode;
  private final int currency;
  private final int stage;
  private final int closeDate;
  private final int listAmount;
  private final int invoiceAmount;
  private final int atRiskAmount;
  private final int amount;
  private final int instrument;
  private final int score;
  private final int seq;
  private final int valueDelta;
  private final int rateToBase;

  private RowJudge(Source source) {
    this.source = source;
    List<Field> fields = source.fields();
    int n = fields.size();
    kinds = new FieldKind[n];
    required = new boolean[n];
    allowed = new String[n][];
    missingCode = new String[n];
    parseCode = new String[n];
    outOfRangeCode = new String[n];
    for (int i = 0; i < n; i++) {
      Field field = fields.get(i);
      kinds[i] = field.kind();
      required[i] = field.required();
      allowed[i] = field.allowed().toArray(String[]::new);
      missingCode[i] = Reason.missingField(field.name());
      parseCode[i] = field.kind().canFailToParse() ? field.kind().parseFailure(field.name()) : null;
      outOfRangeCode[i] = Reason.outOfRange(field.name());
    }
    List<String> names = source.fieldNames();
    currency = names.indexOf(CURRENCY);
    stage = names.indexOf(STAGE);
    closeDate = names.indexOf(CLOSE_DATE);
    listAmount = names.indexOf(LIST_AMOUNT);
    invoiceAmount = names.indexOf(INVOICE_AMOUNT);
    atRiskAmount = names.indexOf(AT_RISK_AMOUNT);
    amount = names.indexOf(AMOUNT);
    instrument = names.indexOf(INSTRUMENT);
    score = names.indexOf(SCORE);
    seq = names.indexOf(SEQ);
    valueDelta = names.indexOf(VALUE_DELTA);
    rateToBase = names.indexOf(RATE_TO_BASE);
  }

  /** The row rules of {@code source}. */
  public static RowJudge of(Source source) {
    return new RowJudge(source);
  }

  public Source source() {
    return source;
  }

  /**
   * Judges one record into {@code into}.
   *
   * @param texts the field texts in {@link Source#fieldNames()} order, trimmed, null when absent
   *     or blank; null when the record could not be split into fields (a malformed line)
   */
  public void judge(String[] texts, TypedRecord into) {
    into.clear();
    if (texts == null) {
      into.reject(Reason.MALFORMED_ROW);
      return;
    }
    for (int i = 0; i < kinds.length; i++) {
      String text = texts[i];
      if (text == null) {
        if (required[i]) {
          into.reject(missingCode[i]);
        }
        continue;
      }
      int result = parse(i, text, into);
      if (result == FieldParsers.NOT_PARSED) {
        into.reject(parseCode[i]);
      } else if (result == FieldParsers.OUT_OF_RANGE) {
        into.reject(outOfRangeCode[i]);
      }
    }
    valueRules(texts, into);
  }

  /**
   * Parses field {@code i}'s text into {@code into}: {@link FieldParsers#PARSED} and a value, or the
   * failure. A currency of the wrong shape has no value but no failure here: its reason,
   * {@code unknown_currency}, is a value rule's.
   */
  private int parse(int i, String text, TypedRecord into) {
    int result = switch (kinds[i]) {
      case TEXT -> textValue(i, text, into);
      case CURRENCY -> {
        textValue(i, FieldParsers.currencyCode(text), into);
        yield FieldParsers.PARSED;
      }
      case ENUM -> textValue(i, FieldParsers.enumValue(text, allowed[i]), into);
      case YEAR_MONTH -> textValue(i, FieldParsers.yearMonth(text) ? text : null, into);
      case MONEY -> FieldParsers.decimal(text, FieldParsers.MONEY_SCALE, FieldParsers.MONEY_INTEGER_DIGITS, into.number, i);
      case RATE -> FieldParsers.decimal(text, FieldParsers.RATE_SCALE, FieldParsers.RATE_INTEGER_DIGITS, into.number, i);
      case INTEGER -> FieldParsers.integer(text, into.number, i);
      case DATE -> FieldParsers.date(text, into.number, i);
      case TIMESTAMP -> FieldParsers.timestamp(text, into.number, i);
    };
    if (result == FieldParsers.PARSED && !kinds[i].isText()) {
      into.present[i] = true;
    }
    return result;
  }

  /** Sets a text-valued field to {@code value}, its canonical text or null when the text is not of the kind. */
  private static int textValue(int i, String value, TypedRecord into) {
    into.text[i] = value;
    into.present[i] = value != null;
    return value != null ? FieldParsers.PARSED : FieldParsers.NOT_PARSED;
  }

  /** The conditions of DOMAIN §2 between fields, in the catalogue's order. */
  private void valueRules(String[] texts, TypedRecord into) {
    switch (source) {
      case DEALS -> {
        int list = listAmount;
        int invoice = invoiceAmount;
        int atRisk = atRiskAmount;
        String stageValue = into.text[stage];
        boolean closed = "won".equals(stageValue) || "lost".equals(stageValue);
        if (closed && texts[closeDate] == null) {
          into.reject(Reason.missingField(CLOSE_DATE));
        }
        if ("won".equals(stageValue) && texts[invoice] == null) {
          into.reject(Reason.missingField(INVOICE_AMOUNT));
        }
        if (into.present[list] && into.number[list] <= 0) {
          into.reject(outOfRangeCode[list]);
        }
        // invoice > 1.5 × list, exactly: 2 × invoice > 3 × list (both below 10^18 unscaled, so no overflow)
        if (into.present[invoice] && (into.number[invoice] < 0
            || (into.present[list] && 2 * into.number[invoice] > 3 * into.number[list]))) {
          into.reject(outOfRangeCode[invoice]);
        }
        if (into.present[atRisk] && (into.number[atRisk] < 0
            || (into.present[invoice] && into.number[atRisk] > into.number[invoice]))) {
          into.reject(outOfRangeCode[atRisk]);
        }
        currencyShape(texts, into);
      }
      case PRICE_ADJUSTMENTS -> {
        rejectBelowZero(amount, into);
        currencyShape(texts, into);
      }
      case COST_LINES -> currencyShape(texts, into);
      case SURVEYS -> {
        String scale = into.text[instrument];
        if (into.present[score] && scale != null) {
          long value = into.number[score];
          boolean onScale = "csat".equals(scale) ? value >= 1 && value <= 5 : value >= 0 && value <= 10;
          if (!onScale) {
            into.reject(outOfRangeCode[score]);
          }
        }
      }
      case NEGOTIATION_EVENTS -> {
        rejectBelowZero(seq, into);
        rejectBelowZero(valueDelta, into);
      }
      case FX_RATES -> {
        if (into.present[rateToBase] && into.number[rateToBase] <= 0) {
          into.reject(outOfRangeCode[rateToBase]);
        }
        currencyShape(texts, into);
      }
    }
  }

  private void rejectBelowZero(int field, TypedRecord into) {
    if (into.present[field] && into.number[field] < 0) {
      into.reject(outOfRangeCode[field]);
    }
  }

  /** A currency given but not even shaped like an ISO-4217 code. */
  private void currencyShape(String[] texts, TypedRecord into) {
    if (texts[currency] != null && into.text[currency] == null) {
      into.reject(Reason.UNKNOWN_CURRENCY);
    }
  }
}
