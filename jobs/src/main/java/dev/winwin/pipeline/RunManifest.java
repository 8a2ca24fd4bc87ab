package dev.winwin.pipeline;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.winwin.Secrets;

/**
 * What a run did, written as {@code runs/<run_id>/run_manifest.json} (DOMAIN §7).
 *
 * @param status {@code published}, {@code quality_gate_failed}
 * @param command the command line; {@code --set} values of secret keys masked by the caller, URIs here
 * @param config every configuration key with its value, secrets masked
 * @param judgement how the cross-row rules were applied: {@code reused} (the judgement an earlier
 *     run made of exactly this staged input), {@code incremental} (only the rows the new, changed
 *     and removed files can change were judged again, over an earlier judgement) or {@code whole}
 *     (every row judged)
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
    String judgement,
    Map<String, SourceCounts> sources,
    Map<String, Long> outcomes,
    Map<String, String> config) {

  public static final String JUDGEMENT_REUSED = "reused";
  public static final String JUDGEMENT_INCREMENTAL = "incremental";
  public static final String JUDGEMENT_WHOLE = "whole";

  /** Masks credentials however the caller built the fields (see {@link Secrets}). */
  public RunManifest {
    command = Secrets.uris(command);
    input = Secrets.uris(input);
    output = Secrets.uris(output);
    Map<String, String> masked = new TreeMap<>();
    config.forEach((key, value) -> masked.put(key, Secrets.value(key, value)));
    config = Collections.unmodifiableMap(masked);
  }

  /**
   * One input file: its source, path relative to the input root, size, the records read from it
   * (0 for an empty file; a CSV header is no record), and what the staged store did with it: {@code staged} (parsed and judged by this run), {@code reused} (staged by an
   * earlier run, unchanged since), or {@code dropped} (staged before, gone from the input now).
   */
  public record InputFile(String source, String path, long bytes, long rows, String staging) {}

  /** Reconciliation of one source: {@code read = accepted + superseded + rejected}. */
  public record SourceCounts(long read, long accepted, long superseded, long rejected, Map<String, Long> reasons) {
    public double rejectedShare() {
      return read == 0 ? 0 : (double) rejected / read;
    }
  }

  /** The versions that produced the run. */
  public record Versions(String winwin, String spark, String java) {}
}
