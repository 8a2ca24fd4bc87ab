package dev.winwin.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.winwin.io.Location;
import dev.winwin.schema.Source;

/**
 * The quality gate's decision on a run's reconciliation counts: the sources that reject a larger
 * share of their rows than {@code quality.max-reject-share}, each in words.
 *
 * @param overGate one phrase per source over the gate, e.g. {@code deals rejected 52 of 100 rows (52.0%)}
 */
public record QualityGate(BigDecimal maxRejectShare, List<String> overGate) {
  public QualityGate {
    overGate = List.copyOf(overGate);
  }

  /** The decision on {@code counts}, in their order. */
  public static QualityGate of(Map<Source, RunManifest.SourceCounts> counts, BigDecimal maxRejectShare) {
    List<String> over = new ArrayList<>();
    counts.forEach((source, c) -> {
      if (c.rejectedShare() > maxRejectShare.doubleValue()) {
        over.add(String.format(Locale.ROOT, "%s rejected %,d of %,d rows (%s)", source.folder(), c.rejected(), c.read(),
            percent(c.rejectedShare())));
      }
    });
    return new QualityGate(maxRejectShare, over);
  }

  public boolean passed() {
    return overGate.isEmpty();
  }

  /** The sentence a failed run stops with; {@code manifestPath} is where its manifest was written. */
  String failure(Location manifestPath) {
    return "Quality gate failed: " + String.join("; ", overGate) + " (quality.max-reject-share is "
        + percent(maxRejectShare.doubleValue()) + "); nothing was published. See " + manifestPath
        + " or run `winwin validate` for the reasons.";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
