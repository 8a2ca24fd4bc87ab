package dev.winwin.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * The export months of a generated history, from the first month of fx_rates to the end month,
 * as {@code yyyy-MM} text. Every line carries one; a month's text is made once and shared, since
 * tens of millions of lines point to a few dozen months.
 */
final class ExportMonths {
  private static final int SECONDS_PER_DAY = 86_400;

  private final YearMonth first;
  private final String[] names;

  ExportMonths(YearMonth first, YearMonth last) {
    this.first = first;
    this.names = new String[(int) first.until(last, ChronoUnit.MONTHS) + 1];
    for (int i = 0; i < names.length; i++) {
      names[i] = first.plusMonths(i).toString();
    }
  }

  String of(YearMonth month) {
    return names[(int) first.until(month, ChronoUnit.MONTHS)];
  }

  String of(LocalDate date) {
    return names[(date.getYear() - first.getYear()) * 12 + date.getMonthValue() - first.getMonthValue()];
  }

  /** The UTC month of {@code at}. */
  String of(Instant at) {
    return of(LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY)));
  }
}
