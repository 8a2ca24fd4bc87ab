package dev.winwin.quality;

import java.util.Arrays;

import dev.winwin.schema.Source;

/**
 * One input record after the row rules: each field's typed value, and the reason codes the record
 * broke. Reused from record to record, so that judging a file allocates no object per field.
 *
 * <p>A field's value is in {@link #text} for text, enums (lower case), currencies (upper case) and
 * months, and in {@link #number} for money and rates (unscaled at their scale), whole numbers,
 * dates (days since 1970-01-01) and timestamps (microseconds since the epoch). {@link #present}
 * says whether it has one: a field that is absent, or whose text did not parse, has none.
 */
public final class TypedRecord {
  final String[] text;
  final long[] number;
  final boolean[] present;
  private final StringBuilder reasons = new StringBuilder();

  public TypedRecord(Source source) {
    int fields = source.fields().size();
    this.text = new String[fields];
    this.number = new long[fields];
    this.present = new boolean[fields];
  }

  void clear() {
    Arrays.fill(text, null);
    Arrays.fill(present, false);
    reasons.setLength(0);
  }

  void reject(String reasonCode) {
    if (reasons.length() > 0) {
      reasons.append(Reason.SEPARATOR);
    }
    reasons.append(reasonCode);
  }

  /** Whether field {@code field} (its position in {@link Source#fields()}) has a value. */
  public boolean has(int field) {
    return present[field];
  }

  /** The value of a text, enum, currency or month field. */
  public String text(int field) {
    return text[field];
  }

  /** The value of a money, rate, whole-number, date or timestamp field (see the class comment). */
  public long number(int field) {
    return number[field];
  }

  /** Whether the record broke no row rule. */
  public boolean isClean() {
    return reasons.length() == 0;
  }

  /** The reason codes in the order the rules are listed, joined by {@link Reason#SEPARATOR}; null when clean. */
  public String reasons() {
    return reasons.length() == 0 ? null : reasons.toString();
  }
}
