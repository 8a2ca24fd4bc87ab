package dev.winwin.schema;

/** How a source field's text is parsed; each kind has the reason code its parse failure gives. */
public enum FieldKind {
  TEXT(null),
  DECIMAL("bad_number"),
  INTEGER("bad_number"),
  DATE("bad_date"),
  YEAR_MONTH("bad_date"),
  TIMESTAMP("bad_timestamp"),
  ENUM("unknown_enum");

  private final String parseFailure;

  FieldKind(String parseFailure) {
    this.parseFailure = parseFailure;
  }

  /** The reason code for text that does not parse as this kind, e.g. {@code bad_date:close_date}. */
  public String parseFailure(String column) {
    return parseFailure + ":" + column;
  }
}
