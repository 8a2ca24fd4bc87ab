package dev.winwin.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Dates and UTC instants as ISO-8601 text, character for character as {@link LocalDate#toString}
 * and {@link DateTimeFormatter#ISO_INSTANT} write them ({@code 2026-03-31}, {@code
 * 2026-03-31T17:05:00Z}). The generator writes tens of millions of them, and the formatter's
 * general machinery cost more than the simulation around it; years outside 1000–9999 and instants
 * with a fraction of a second, which the generator never makes, still go through the JDK.
 */
final class IsoText {
  private static final int SECONDS_PER_DAY = 86_400;

  private IsoText() {}

  static String date(LocalDate date) {
    if (!hasFourDigitYear(date)) {
      return date.toString();
    }
    return appendDate(new StringBuilder(10), date).toString();
  }

  static String instant(Instant at) {
    long day = Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    if (at.getNano() != 0 || !hasFourDigitYear(date)) {
      return DateTimeFormatter.ISO_INSTANT.format(at);
    }
    int second = (int) (at.getEpochSecond() - day * SECONDS_PER_DAY);
    StringBuilder text = appendDate(new StringBuilder(20), date).append('T');
    appendTwoDigits(text, second / 3600).append(':');
    appendTwoDigits(text, second / 60 % 60).append(':');
    return appendTwoDigits(text, second % 60).append('Z').toString();
  }

  private static boolean hasFourDigitYear(LocalDate date) {
    return date.getYear() >= 1000 && date.getYear() <= 9999;
  }

  private static StringBuilder appendDate(StringBuilder text, LocalDate date) {
    text.append(date.getYear()).append('-');
    appendTwoDigits(text, date.getMonthValue()).append('-');
    return appendTwoDigits(text, date.getDayOfMonth());
  }

  private static StringBuilder appendTwoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
