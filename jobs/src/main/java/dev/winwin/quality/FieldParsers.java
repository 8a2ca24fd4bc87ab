package dev.winwin.quality;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Small parsers for the text of one field, each a single pass over the characters: no regular
 * expression, no exception on the common path. They accept exactly what DOMAIN §2 and the
 * README's validation section allow, and read a value the way Spark's own cast reads the same text,
 * so that a run sees the same values whichever path parsed them.
 *
 * <p>Results go into a {@code long[]} slot; the return value says whether the text parsed.
 */
final class FieldParsers {
  /** The text parsed and the value is in the slot. */
  static final int PARSED = 0;
  /** The text is not of the kind (a reason {@code bad_*}). */
  static final int NOT_PARSED = 1;
  /** The text is a value of the kind, outside its bounds (a reason {@code out_of_range:*}). */
  static final int OUT_OF_RANGE = 2;

  /** Decimal places of money (DOMAIN §2) and of its {@code DECIMAL(18,6)}. */
  static final int MONEY_SCALE = 6;
  /** Money lies strictly between −10^12 and 10^12 (DOMAIN §2). */
  static final int MONEY_INTEGER_DIGITS = 12;
  /** Decimal places of an FX rate (DOMAIN §2) and of its {@code DECIMAL(18,10)}. */
  static final int RATE_SCALE = 10;
  /** An FX rate lies below 10^8, so that it fits {@code DECIMAL(18,10)}. */
  static final int RATE_INTEGER_DIGITS = 8;
  /**
   * Longest number in a form other than plain digits (an exponent, other digit scripts) that is
   * parsed at all: {@link BigDecimal} parses such text in time that grows faster than its length.
   */
  private static final int LONGEST_OTHER_NUMBER = 100;

  private FieldParsers() {}

  /**
   * A decimal with at most {@code scale} decimal places (trailing zeros beyond them are allowed:
   * {@code 4.50000000} is 4.5) and fewer than {@code integerDigits} digits before the point, as its
   * unscaled long at {@code scale}. Plain {@code [+-]digits[.digits]} is read directly; any other
   * text that {@link BigDecimal} reads as a number (an exponent such as {@code 1e3}) is read through
   * it, and is out of range rather than unparsed when too large or too precise.
   */
  static int decimal(String text, int scale, int integerDigits, long[] slot, int index) {
    int n = text.length();
    boolean negative = text.startsWith("-");
    int i = negative || text.startsWith("+") ? 1 : 0;
    long unscaled = 0;
    int significantIntegerDigits = 0;
    int digits = 0;
    boolean tooLarge = false;
    while (i < n && isAsciiDigit(text.charAt(i))) {
      int digit = text.charAt(i++) - '0';
      digits++;
      if (significantIntegerDigits > 0 || digit != 0) {
        significantIntegerDigits++;
      }
      if (significantIntegerDigits > integerDigits) {
        tooLarge = true;
      } else {
        unscaled = unscaled * 10 + digit;
      }
    }
    int fractionDigits = 0;
    boolean tooPrecise = false;
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isAsciiDigit(text.charAt(i))) {
        int digit = text.charAt(i++) - '0';
        digits++;
        if (fractionDigits < scale) {
          unscaled = unscaled * 10 + digit;
          fractionDigits++;
        } else if (digit != 0) {
          tooPrecise = true;
        }
      }
    }
    if (i == n && digits > 0) {
      if (tooLarge || tooPrecise) {
        return OUT_OF_RANGE;
      }
      for (; fractionDigits < scale; fractionDigits++) {
        unscaled *= 10;
      }
      slot[index] = negative ? -unscaled : unscaled;
      return PARSED;
    }
    return otherNumber(text, scale, integerDigits, slot, index);
  }

  private static int otherNumber(String text, int scale, int integerDigits, long[] slot, int index) {
    if (text.length() > LONGEST_OTHER_NUMBER) {
      return NOT_PARSED;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return NOT_PARSED;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    boolean tooLarge = stripped.signum() != 0 && stripped.precision() - stripped.scale() > integerDigits;
    if (tooLarge || stripped.scale() > scale) {
      return OUT_OF_RANGE;
    }
    slot[index] = stripped.setScale(scale).unscaledValue().longValueExact();
    return PARSED;
  }

  /** A whole number of one to nine digits with an optional sign, also written {@code 4.0}. */
  static int integer(String text, long[] slot, int index) {
    int n = text.length();
    boolean negative = text.startsWith("-");
    int i = negative || text.startsWith("+") ? 1 : 0;
    int start = i;
    long value = 0;
    while (i < n && isAsciiDigit(text.charAt(i))) {
      value = value * 10 + (text.charAt(i++) - '0');
    }
    int digits = i - start;
    if (digits < 1 || digits > 9) {
      return NOT_PARSED;
    }
    if (i < n) {
      if (text.charAt(i) != '.' || i + 1 == n) {
        return NOT_PARSED;
      }
      for (i++; i < n; i++) {
        if (text.charAt(i) != '0') {
          return NOT_PARSED;
        }
      }
    }
    slot[index] = negative ? -value : value;
    return PARSED;
  }

  /** A calendar date {@code yyyy-MM-dd}, as days since 1970-01-01 (what Spark's DATE holds). */
  static int date(String text, long[] slot, int index) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return NOT_PARSED;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return NOT_PARSED;
    }
    try {
      slot[index] = LocalDate.of(year, month, day).toEpochDay();
      return PARSED;
    } catch (DateTimeException e) {
      return NOT_PARSED;
    }
  }

  /** A month {@code yyyy-MM} (01 to 12); its value is the text itself. */
  static boolean yearMonth(String text) {
    if (text.length() != 7 || text.charAt(4) != '-' || digits(text, 0, 4) < 0) {
      return false;
    }
    int month = digits(text, 5, 2);
    return month >= 1 && month <= 12;
  }

  /**
   * An ISO-8601 timestamp {@code yyyy-MM-dd'T'HH:mm:ss[.fraction](Z|±HH:mm|±HHmm)} (a space may
   * stand for the {@code T}), as microseconds since the epoch; fraction digits beyond the sixth are
   * dropped, as Spark's cast drops them. Seconds and the offset are required: without an offset the
   * time is ambiguous (DOMAIN §2), and Spark's cast reads no offset after minutes alone.
   */
  static int timestamp(String text, long[] slot, int index) {
    int n = text.length();
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return NOT_PARSED;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return NOT_PARSED;
    }
    int i = 19;
    int micros = 0;
    if (text.charAt(i) == '.') {
      int fractionDigits = 0;
      for (i++; i < n && isAsciiDigit(text.charAt(i)); i++, fractionDigits++) {
        if (fractionDigits < 6) {
          micros = micros * 10 + (text.charAt(i) - '0');
        }
      }
      if (fractionDigits < 1 || fractionDigits > 9) {
        return NOT_PARSED;
      }
      for (; fractionDigits < 6; fractionDigits++) {
        micros *= 10;
      }
    }
    ZoneOffset offset = offset(text, i);
    if (offset == null) {
      return NOT_PARSED;
    }
    try {
      long seconds = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(offset);
      slot[index] = seconds * 1_000_000L + micros;
      return PARSED;
    } catch (DateTimeException e) {
      return NOT_PARSED;
    }
  }

  /** The offset that ends a timestamp at {@code start}: {@code Z}, {@code ±HH:mm} or {@code ±HHmm}; null otherwise. */
  private static ZoneOffset offset(String text, int start) {
    int rest = text.length() - start;
    if (rest == 1 && text.charAt(start) == 'Z') {
      return ZoneOffset.UTC;
    }
    if ((rest != 6 && rest != 5) || (text.charAt(start) != '+' && text.charAt(start) != '-')) {
      return null;
    }
    if (rest == 6 && text.charAt(start + 3) != ':') {
      return null;
    }
    int hours = digits(text, start + 1, 2);
    int minutes = digits(text, start + rest - 2, 2);
    if (hours < 0 || minutes < 0) {
      return null;
    }
    int sign = text.charAt(start) == '-' ? -1 : 1;
    try {
      return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The value among {@code allowed} (lower case) that {@code text} names ignoring case; null when none. */
  static String enumValue(String text, String[] allowed) {
    for (String value : allowed) {
      if (value.equalsIgnoreCase(text)) {
        return value;
      }
    }
    return null;
  }

  /** Three ASCII letters in upper case, the canonical form of an ISO-4217 code; null for other text. */
  static String currencyCode(String text) {
    if (text.length() != 3) {
      return null;
    }
    for (int i = 0; i < 3; i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return null;
      }
    }
    return text.toUpperCase(Locale.ROOT);
  }

  /** The value of {@code count} ASCII digits at {@code start}, or −1 when any is not a digit. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (!isAsciiDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
