package dev.winwin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Money is written exactly as {@code BigDecimal} rounds it, ties and signs included. */
class DrawTest {
  @Test
  void moneyRoundsHalfUpLikeBigDecimalAtTiesAndZero() {
    double[] amounts = {
      0.005, 1.005, 2.675, 1.115, 0.125, 10.045, -0.005, -1.005, -2.675, 0.0, -0.0, -0.004, -0.006,
      999_999_999.995, 1_000_000_000.005, 123_456_789.125, 1e-9, 5e8 + 0.015, 42.0, -42.10
    };
    for (double amount : amounts) {
      assertEquals(bigDecimal(amount), Draw.money(amount), Double.toString(amount));
    }
  }

  @Test
  void moneyRoundsLikeBigDecimalAcrossMagnitudes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2_000_000; i++) {
      double amount = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-3, 11)) * random.nextDouble();
      // Every fourth amount sits on or next to a half cent, where rounding is decided.
      if (i % 4 == 0) {
        amount = (Math.floor(amount * 100) + 0.5) / 100 + (random.nextInt(3) - 1) * Math.ulp(amount);
      }
      assertEquals(bigDecimal(amount), Draw.money(amount), Double.toString(amount));
    }
  }

  private static String bigDecimal(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
