package dev.winwin.generate;

/**
 * One line of a generated source file: a row of values in the source's column order ({@code null}
 * for an empty value), or raw text written verbatim, which is how malformed rows are made. Every
 * line knows the month it is exported in, which names its file, and, when it is an injected bad
 * row, the reason code validation must give it.
 *
 * <p>Lines are compared by identity: an injected duplicate is equal in content to its original but
 * must be placed after that very line.
 */
final class Line {
  private final String month;
  private final String[] values;
  private final String raw;
  private final String reason;

  private Line(String month, String[] values, String raw, String reason) {
    this.month = month;
    this.values = values;
    this.raw = raw;
    this.reason = reason;
  }

  /** A clean row exported in {@code month} ({@code yyyy-MM}). */
  static Line row(String month, String... values) {
    return new Line(month, values.clone(), null, null);
  }

  /** The export month, {@code yyyy-MM}: the file of {@code deals_2026-10} holds the deal lines of 2026-10. */
  String month() {
    return month;
  }

  boolean isRaw() {
    return raw != null;
  }

  String rawText() {
    return raw;
  }

  /** The reason code validation gives this injected row, or {@code null} for a clean row. */
  String reason() {
    return reason;
  }

  String value(int column) {
    return values[column];
  }

  String[] values() {
    return values.clone();
  }

  /** A copy with one value replaced; the receiver is left as it was. */
  Line with(int column, String value) {
    String[] copy = values.clone();
    copy[column] = value;
    return new Line(month, copy, null, reason);
  }

  /** An exact copy of a row that is a different line, for duplicates. */
  Line copy() {
    return new Line(month, values.clone(), null, reason);
  }

  /** Raw text in place of this row, exported with it. */
  Line asRaw(String text) {
    return new Line(month, null, text, reason);
  }

  /** This line as an injected bad row that validation rejects with {@code reasonCode}. */
  Line rejectedFor(String reasonCode) {
    return new Line(month, values, raw, reasonCode);
  }
}
