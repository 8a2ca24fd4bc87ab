package dev.winwin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Dates and instants read character for character as the JDK's formatters write them. */
class IsoTextTest {
  @Test
  void instantsReadAsIsoInstantWritesThem() {
    SplittableRandom random = new SplittableRandom(11);
    long from = Instant.parse("0900-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 500_000; i++) {
      long second = random.nextLong(from, to);
      Instant at = Instant.ofEpochSecond(i % 3 == 0 ? second - Math.floorMod(second, 60) : second);
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(at), IsoText.instant(at));
    }
    Instant withFraction = Instant.parse("2026-03-31T17:05:00.250Z");
    assertEquals("2026-03-31T17:05:00.250Z", IsoText.instant(withFraction));
    assertEquals("2026-03-31T00:00:00Z", IsoText.instant(Instant.parse("2026-03-31T00:00:00Z")));
  }

  @Test
  void datesReadAsLocalDateWritesThem() {
    for (long day = LocalDate.of(950, 1, 1).toEpochDay(); day <= LocalDate.of(10_050, 1, 1).toEpochDay(); day += 7) {
      LocalDate date = LocalDate.ofEpochDay(day);
      assertEquals(date.toString(), IsoText.date(date));
    }
  }
}
