package dev.winwin.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run did, written as {@code runs/<run_id>/run_manifest.json} (DOMAIN §7).
 *
 * @param status {@code published}, {@code quality_gate_failed}
 * @param config every configuration key with its value, secrets masked
 * @param sources per source folder: read, accepted, superseded, rejected, reasons
 * @param outcomes won deals of the window per outcome ({@code win-lose} split by winner)
 * @param timingsMillis wall time per phase
 */
public record RunManifest(
    String runId,
    String status,
    String command,
    RunWindow window,
    List<String> months,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Long> timingsMillis,
    Versions versions,
    String input,
    String output,
    List<InputFile> inputFiles,
    Map<String, SourceCounts> sources,
    Map<String, Long> outcomes,
    Map<String, String> config) {

  /**
   * One input file: its source, path relative to the input root, size, and the records read from
   * it (0 for an empty file; a CSV header is no record).
   */
  public record InputFile(String source, String path, long bytes, long rows) {}

  /** Reconciliation of one source: {@code read = accepted + superseded + rejected}. */
  public record SourceCounts(long read, long accepted, long superseded, long rejected, Map<String, Long> reasons) {
    public double rejectedShare() {
      return read == 0 ? 0 : (double) rejected / read;
    }
  }

  /** The versions that produced the run. */
  public record Versions(String winwin, String spark, String java) {}
}
