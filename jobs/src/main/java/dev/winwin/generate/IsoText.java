package dev.winwin.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Dates and UTC instants as ISO-8601 text, character for character as {@link LocalDate#toString}
 * and {@link DateTimeFormatter#ISO_INSTANT} write them ({@code 2026-03-31}, {@code
 * 2026-03-31T17:05:00Z}). The generator writes tens of millions of them, and the formatters'
 * general machinery took about a tenth of its time; years outside 1000–9999 and instants
 * with a fraction of a second, which the generator never makes, still go through the JDK.
 */
final class IsoText {
  private static final int SECONDS_PER_DAY = 86_400;

  private IsoText() {}

  static String date(LocalDate date) {
    if (!hasFourDigitYear(date)) {
      return date.toString();
    }
    char[] text = new char[10];
    putDate(text, date);
    return new String(text);
  }

  static String instant(Instant at) {
    long day = Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    if (at.getNano() != 0 || !hasFourDigitYear(date)) {
      return DateTimeFormatter.ISO_INSTANT.format(at);
    }
    int second = (int) (at.getEpochSecond() - day * SECONDS_PER_DAY);
    char[] text = "yyyy-MM-ddTHH:mm:ssZ".toCharArray();
    putDate(text, date);
    putTwoDigits(text, 11, second / 3600);
    putTwoDigits(text, 14, second / 60 % 60);
    putTwoDigits(text, 17, second % 60);
    return new String(text);
  }

  private static boolean hasFourDigitYear(LocalDate date) {
    return date.getYear() >= 1000 && date.getYear() <= 9999;
  }

  /** {@code yyyy-MM-dd} into the first ten characters. */
  private static void putDate(char[] text, LocalDate date) {
    putTwoDigits(text, 0, date.getYear() / 100);
    putTwoDigits(text, 2, date.getYear() % 100);
    text[4] = '-';
    putTwoDigits(text, 5, date.getMonthValue());
    text[7] = '-';
    putTwoDigits(text, 8, date.getDayOfMonth());
  }

  private static void putTwoDigits(char[] text, int at, int value) {
    text[at] = (char) ('0' + value / 10);
    text[at + 1] = (char) ('0' + value % 10);
  }
}
