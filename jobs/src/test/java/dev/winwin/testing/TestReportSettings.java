package dev.winwin.testing;

import java.math.BigDecimal;
import java.util.List;

import dev.winwin.config.Settings.ReportSettings;

/** The report settings of reference.conf, written out so that report tests need no config. */
public final class TestReportSettings {
  private TestReportSettings() {}

  public static ReportSettings defaults() {
    return new ReportSettings(
        List.of(new BigDecimal("0"), new BigDecimal("0.10"), new BigDecimal("0.20"), new BigDecimal("0.30"), new BigDecimal("0.40")),
        List.of(new BigDecimal("20"), new BigDecimal("40"), new BigDecimal("60"), new BigDecimal("80")),
        new BigDecimal("0.005"),
        new BigDecimal("0.5"),
        new BigDecimal("0.6"));
  }
}
