package dev.winwin.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Small random helpers over one seeded {@link SplittableRandom}, so every draw is reproducible. */
final class Draw {
  /** Below this, doubles are spaced less than 1e-7 apart: their decimal is exact to far below a cent. */
  private static final double FAST_MONEY_LIMIT = 1e9;
  /** Cents this close to a half cent are near-ties: rounding them is left to BigDecimal. */
  private static final double TIE_MARGIN = 1e-3;

  private final SplittableRandom random;

  Draw(long seed) {
    this(new SplittableRandom(seed));
  }

  private Draw(SplittableRandom random) {
    this.random = random;
  }

  /**
   * An independent stream, itself determined by the seed: each stage draws from its own, so that
   * e.g. a different dirty share leaves the clean rows untouched.
   */
  Draw fork() {
    return new Draw(random.split());
  }

  /** Fisher–Yates, in place: {@code Collections.shuffle} needs a {@code java.util.Random}. */
  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      Collections.swap(items, i, random.nextInt(i + 1));
    }
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  double uniform(double from, double to) {
    return from + random.nextDouble() * (to - from);
  }

  int between(int fromInclusive, int toInclusive) {
    return random.nextInt(fromInclusive, toInclusive + 1);
  }

  double gaussian(double mean, double sd) {
    return mean + sd * random.nextGaussian();
  }

  double exponential(double mean) {
    return mean * random.nextExponential();
  }

  <T> T any(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** One of {@code items} with probability proportional to its weight (weights in item order). */
  <T> T pick(List<T> items, double... weights) {
    if (items.size() != weights.length) {
      throw new IllegalArgumentException(
          items.size() + " items but " + weights.length + " weights");
    }
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double target = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0) {
        return items.get(i);
      }
    }
    return items.get(items.size() - 1);
  }

  static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  /**
   * Money as written: two decimals, half-up, never in exponent notation — the rounding of {@code
   * BigDecimal.valueOf(amount)}, which is the rounding of {@code Double.toString(amount)}.
   *
   * <p>That decimal and {@code amount × 100} differ by far less than {@link #TIE_MARGIN} cents
   * below {@link #FAST_MONEY_LIMIT}, so unless the cents lie that close to a half cent both round
   * to the same whole cent, and it is taken from the double directly. BigDecimal, which took about a
   * tenth of the generator's time, decides only the near-ties.
   */
  static String money(double amount) {
    double cents = Math.abs(amount * 100);
    if (Math.abs(amount) < FAST_MONEY_LIMIT && Math.abs(cents - Math.floor(cents) - 0.5) > TIE_MARGIN) {
      return plainCents(Math.round(cents), amount < 0);
    }
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code 1234.05} from 123405 cents, written from the right; a zero is never negative, as in BigDecimal. */
  private static String plainCents(long cents, boolean negative) {
    char[] text = new char[24];
    int at = text.length;
    long rest = cents;
    for (int decimal = 0; decimal < 2; decimal++) {
      text[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    text[--at] = '.';
    do {
      text[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    } while (rest > 0);
    if (negative && cents != 0) {
      text[--at] = '-';
    }
    return new String(text, at, text.length - at);
  }
}
