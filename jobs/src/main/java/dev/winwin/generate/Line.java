package dev.winwin.generate;

/**
 * One line of a generated source file: a row of values in the source's column order ({@code null}
 * for an empty value), or raw text written verbatim, which is how malformed rows are made.
 *
 * <p>Lines are compared by identity: an injected duplicate is equal in content to its original but
 * must be placed after that very line.
 */
final class Line {
  private final String file;
  private final String[] values;
  private final String raw;

  private Line(String file, String[] values, String raw) {
    this.file = file;
    this.values = values;
    this.raw = raw;
  }

  static Line row(String file, String... values) {
    return new Line(file, values.clone(), null);
  }

  static Line raw(String file, String text) {
    return new Line(file, null, text);
  }

  /** The file name inside the source folder without its extension, e.g. {@code deals_2025}. */
  String file() {
    return file;
  }

  boolean isRaw() {
    return raw != null;
  }

  String rawText() {
    return raw;
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
    return new Line(file, copy, null);
  }

  /** An exact copy of a row that is a different line, for duplicates. */
  Line copy() {
    return new Line(file, values.clone(), null);
  }
}
