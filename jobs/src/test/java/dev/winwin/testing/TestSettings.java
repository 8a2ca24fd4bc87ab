package dev.winwin.testing;

import java.math.BigDecimal;
import java.util.Map;

import dev.winwin.config.Settings.ClassificationSettings;

/** The classification settings of reference.conf, written out so that step tests need no config. */
public final class TestSettings {
  private TestSettings() {}

  public static ClassificationSettings classification() {
    return new ClassificationSettings(
        Map.of("differentiated", new BigDecimal("0.30"), "commodity", new BigDecimal("0.15")),
        Map.of("csat", 4, "nps", 7),
        Map.of("decision_maker", new BigDecimal("3"), "influencer", new BigDecimal("2"), "end_user", new BigDecimal("1")),
        new BigDecimal("0.02"),
        new BigDecimal("0.1"));
  }
}
