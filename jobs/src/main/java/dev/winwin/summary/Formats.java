package dev.winwin.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers as people read them: currency with thousands separators, percentages, signed point changes. */
final class Formats {
  private static final Locale LOCALE = Locale.US;
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", LOCALE);
  private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM yy", LOCALE);
  static final String NONE = "n/a";
  private static final Pattern INTERVAL = Pattern.compile("\\[(.+), (.+)[)\\]]");

  private final String symbol;

  Formats(String currency) {
    String found;
    try {
      found = Currency.getInstance(currency).getSymbol(LOCALE);
    } catch (IllegalArgumentException e) {
      found = currency;
    }
    // A symbol that is only the code again reads better with a space: "AUD 1,200", "$1,200".
    this.symbol = found.equals(currency) ? currency + " " : found;
  }

  /** Whole currency units with thousands separators: {@code $1,234,568}, {@code -$12}. */
  String money(BigDecimal amount) {
    BigDecimal whole = amount.setScale(0, RoundingMode.HALF_UP);
    return (whole.signum() < 0 ? "-" : "") + symbol + pattern("#,##0").format(whole.abs());
  }

  /** Short money for headline tiles: {@code $1.2M}, {@code $350K}, {@code $900}. */
  String moneyShort(BigDecimal amount) {
    BigDecimal abs = amount.abs();
    String sign = amount.signum() < 0 ? "-" : "";
    if (abs.compareTo(new BigDecimal("1000000")) >= 0) {
      return sign + symbol + pattern("#,##0.0").format(abs.movePointLeft(6)) + "M";
    }
    if (abs.compareTo(new BigDecimal("1000")) >= 0) {
      return sign + symbol + pattern("#,##0").format(abs.movePointLeft(3)) + "K";
    }
    return money(amount);
  }

  /** Thousands separators: {@code 2,400}. */
  static String count(long n) {
    return pattern("#,##0").format(n);
  }

  /** A fraction as a percentage with one decimal: {@code 0.2345 → 23.5%}. */
  static String percent(double fraction) {
    return pattern("0.0").format(fraction * 100) + "%";
  }

  static String percent(Optional<? extends Number> fraction) {
    return fraction.map(f -> percent(f.doubleValue())).orElse(NONE);
  }

  static String percent(SummaryFigures.Share share) {
    return percent(share.value());
  }

  /** A change in percentage points with its sign: {@code +2.1 pp}, {@code -0.4 pp}, {@code ±0.0 pp}. */
  static String points(double change) {
    String number = pattern("0.0").format(Math.abs(change));
    String sign = number.equals("0.0") ? "±" : change > 0 ? "+" : "-";
    return sign + number + " pp";
  }

  /** A score on 0..100 with one decimal: {@code 61.3}. */
  static String score(Optional<BigDecimal> score) {
    return score.map(s -> pattern("0.0").format(s)).orElse(NONE);
  }

  /** A signed number with the given decimals, for slopes: {@code +1.25}, {@code -0.40}. */
  static String signed(double value, int decimals) {
    String number = pattern(decimals == 0 ? "0" : "0." + "0".repeat(decimals)).format(Math.abs(value));
    return (value < 0 && !number.matches("[0.]+") ? "-" : "+") + number;
  }

  /**
   * A band label of the reports in interval notation made plain: {@code [0%, 10%)} → {@code 0-10%},
   * {@code [80, 100]} → {@code 80-100}, {@code >=40%} → {@code ≥40%}. Lower edges are included
   * (said in the summary's note).
   */
  static String band(String label) {
    Matcher interval = INTERVAL.matcher(label);
    if (interval.matches()) {
      String lower = interval.group(1);
      String upper = interval.group(2);
      return (lower.endsWith("%") && upper.endsWith("%") ? lower.substring(0, lower.length() - 1) : lower) + "\u2013" + upper;
    }
    return label.replace(">=", "\u2265");
  }

  static String month(YearMonth month) {
    return MONTH.format(month);
  }

  static String shortMonth(YearMonth month) {
    return SHORT_MONTH.format(month);
  }

  private static DecimalFormat pattern(String pattern) {
    DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(LOCALE));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format;
  }
}
