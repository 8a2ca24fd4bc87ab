package dev.winwin.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Numbers as people read them. */
class FormatsTest {
  @Test
  void formatsMoneyInWholeUnitsWithThousandsSeparators() {
    Formats usd = new Formats("USD");
    assertEquals("$1,234,568", usd.money(new BigDecimal("1234567.50")));
    assertEquals("-$12", usd.money(new BigDecimal("-12.4")));
    assertEquals("$8.6M", usd.moneyShort(new BigDecimal("8575320.12")));
    assertEquals("$350K", usd.moneyShort(new BigDecimal("350200")));
    assertEquals("€900", new Formats("EUR").money(new BigDecimal("900")));
    assertEquals("XYZ 1,000", new Formats("XYZ").money(new BigDecimal("1000")));
  }

  @Test
  void formatsSharesPointsAndCounts() {
    assertEquals("30.8%", Formats.percent(4.0 / 13));
    assertEquals("n/a", Formats.percent(new SummaryFigures.Share(0, 0)));
    assertEquals("+5.8 pp", Formats.points(5.77));
    assertEquals("-0.4 pp", Formats.points(-0.44));
    assertEquals("±0.0 pp", Formats.points(-0.01));
    assertEquals("2,813", Formats.count(2813));
    assertEquals("58.8", Formats.score(Optional.of(new BigDecimal("58.812"))));
  }

  @Test
  void makesBandLabelsPlain() {
    assertEquals("0\u201310%", Formats.band("[0%, 10%)"));
    assertEquals("-10\u201315%", Formats.band("[-10%, 15%)"));
    assertEquals("80\u2013100", Formats.band("[80, 100]"));
    assertEquals("<0%", Formats.band("<0%"));
    assertEquals("\u226540%", Formats.band(">=40%"));
  }
}
