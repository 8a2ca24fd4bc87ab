package dev.winwin.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per phase of one run, each phase timed from the end of the one before (the manifest's {@code timings_millis}). */
final class PhaseTimer {
  private final Map<String, Long> millis = new LinkedHashMap<>();
  private long phaseStart = System.nanoTime();

  /** Ends {@code phase} now; the next phase starts now. */
  void lap(String phase) {
    long now = System.nanoTime();
    millis.put(phase, (now - phaseStart) / 1_000_000);
    phaseStart = now;
  }

  /** The phases timed so far. */
  Map<String, Long> timings() {
    return Map.copyOf(millis);
  }
}
