package dev.winwin.schema;

/**
 * How a source field's text is parsed and typed; each kind that can fail to parse has the reason
 * code its failure gives.
 */
public enum FieldKind {
  /** Free text, kept as written (trimmed). */
  TEXT(null),
  /**
   * Money in the row's currency (DOMAIN §2): at most 6 decimal places, strictly between −10^12 and
   * 10^12; a {@code DECIMAL(18,6)}, which Spark and Parquet hold as a long.
   */
  MONEY("bad_number"),
  /** An FX rate: at most 10 decimal places, below 10^8; a {@code DECIMAL(18,10)} (a long). */
  RATE("bad_number"),
  /** A whole number of up to nine digits, also written as {@code 4.0}. */
  INTEGER("bad_number"),
  /** {@code yyyy-MM-dd}. */
  DATE("bad_date"),
  /** {@code yyyy-MM}, kept as text. */
  YEAR_MONTH("bad_date"),
  /** ISO-8601 with seconds and an offset or {@code Z}. */
  TIMESTAMP("bad_timestamp"),
  /** One of the field's allowed values, matched ignoring case and written in lower case. */
  ENUM("unknown_enum"),
  /**
   * An ISO-4217 code, matched ignoring case and written in upper case. Its shape is checked by a
   * value rule ({@code unknown_currency}), after the fields' own reasons.
   */
  CURRENCY(null);

  private final String parseFailure;

  FieldKind(String parseFailure) {
    this.parseFailure = parseFailure;
  }

  /** Whether text can fail to parse as this kind at the field's own position in the reasons. */
  public boolean canFailToParse() {
    return parseFailure != null;
  }

  /** Whether the value is text: free text, an enum, a currency code or a month. */
  public boolean isText() {
    return this == TEXT || this == ENUM || this == CURRENCY || this == YEAR_MONTH;
  }

  /** Whether the value is a number (JSON writers leave it unquoted). */
  public boolean isNumber() {
    return this == MONEY || this == RATE || this == INTEGER;
  }

  /** The reason code for text that does not parse as this kind, e.g. {@code bad_date:close_date}. */
  public String parseFailure(String column) {
    if (parseFailure == null) {
      throw new IllegalStateException(this + " text never fails to parse at its field");
    }
    return parseFailure + ":" + column;
  }
}
