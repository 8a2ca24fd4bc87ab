package dev.winwin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import dev.winwin.io.Location;
import dev.winwin.schema.Source;

class QualityGateTest {
  private static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

  private static RunManifest.SourceCounts counts(long read, long rejected) {
    return new RunManifest.SourceCounts(read, read - rejected, 0, rejected, Map.of());
  }

  @Test
  void passesWhenEverySourceRejectsAtMostTheMaximumShare() {
    Map<Source, RunManifest.SourceCounts> counts = new EnumMap<>(Source.class);
    counts.put(Source.DEALS, counts(100, 10));
    counts.put(Source.SURVEYS, counts(0, 0));

    QualityGate gate = QualityGate.of(counts, TEN_PERCENT);

    assertTrue(gate.passed());
    assertEquals(List.of(), gate.overGate());
  }

  @Test
  void failsNamingEverySourceOverTheMaximumShareInSourceOrder() {
    Map<Source, RunManifest.SourceCounts> counts = new EnumMap<>(Source.class);
    counts.put(Source.DEALS, counts(1_000, 101));
    counts.put(Source.COST_LINES, counts(200, 20));
    counts.put(Source.SURVEYS, counts(3, 1));

    QualityGate gate = QualityGate.of(counts, TEN_PERCENT);

    assertFalse(gate.passed());
    assertEquals(List.of("deals rejected 101 of 1,000 rows (10.1%)", "surveys rejected 1 of 3 rows (33.3%)"), gate.overGate());
    assertEquals("Quality gate failed: deals rejected 101 of 1,000 rows (10.1%); surveys rejected 1 of 3 rows (33.3%)"
        + " (quality.max-reject-share is 10.0%); nothing was published. See /out/runs/r1/run_manifest.json"
        + " or run `winwin validate` for the reasons.",
        gate.failure(Location.of(new Configuration(), "/out/runs/r1/run_manifest.json")));
  }
}
