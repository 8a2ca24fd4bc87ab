package dev.winwin.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Monthly rates to the base currency (USD): a random walk per currency from a realistic start
 * (EUR 1.08, GBP 1.27, AUD 0.66) with about 1.2% monthly volatility, rounded to four decimals.
 * USD is listed at 1.0000 so the base is explicit in the data.
 */
final class FxCurve {
  private static final double[] START = {1.0, 1.08, 1.27, 0.66};

  private final YearMonth first;
  private final List<double[]> ratesByMonth;

  private FxCurve(YearMonth first, List<double[]> ratesByMonth) {
    this.first = first;
    this.ratesByMonth = ratesByMonth;
  }

  static FxCurve draw(YearMonth first, YearMonth last, Draw draw) {
    List<double[]> months = new ArrayList<>();
    double[] current = START.clone();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      double[] rounded = new double[current.length];
      for (int i = 0; i < current.length; i++) {
        rounded[i] = round(current[i]);
        current[i] = i == 0 ? 1.0 : current[i] * Math.exp(draw.gaussian(0, 0.012));
      }
      months.add(rounded);
    }
    return new FxCurve(first, months);
  }

  YearMonth first() {
    return first;
  }

  /** Units of base currency per unit of {@code currency} in {@code month}. */
  double rate(String currency, YearMonth month) {
    int offset = (int) first.until(month, ChronoUnit.MONTHS);
    return ratesByMonth.get(offset)[Catalog.CURRENCIES.indexOf(currency)];
  }

  /** Every rate, each exported in its own month. */
  List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    for (int offset = 0; offset < ratesByMonth.size(); offset++) {
      String month = first.plusMonths(offset).toString();
      for (int i = 0; i < Catalog.CURRENCIES.size(); i++) {
        String rate = format(ratesByMonth.get(offset)[i]);
        lines.add(Line.row(month, month, Catalog.CURRENCIES.get(i), rate));
      }
    }
    return lines;
  }

  private static double round(double rate) {
    return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP).doubleValue();
  }

  private static String format(double rate) {
    return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }
}
