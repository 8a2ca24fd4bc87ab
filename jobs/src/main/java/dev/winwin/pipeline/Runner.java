package dev.winwin.pipeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

import dev.winwin.PublishedStepFailed;
import dev.winwin.Secrets;
import dev.winwin.UserError;
import dev.winwin.Version;
import dev.winwin.config.Settings;
import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.schema.Source;

/**
 * Runs the pipeline with its I/O, as a sequence of parts: stage the input ({@link RunInputs}),
 * judge it and decide the quality gate ({@link JudgedInput}), write the reports into a new snapshot
 * and publish it ({@link ReportPublisher}), and record the run manifest.
 */
public final class Runner {
  public static final String PUBLISHED = "published";
  public static final String GATE_FAILED = "quality_gate_failed";
  private static final Logger LOG = LogManager.getLogger(Runner.class);
  private static final String VALIDATING = "Reading and validating";
  private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final Settings settings;

  public Runner(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** A fresh run id: UTC time of the start and a random suffix, safe as a folder name. */
  public static String newRunId(Instant now) {
    return RUN_ID_TIME.format(now) + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /**
   * Reads and validates every source and returns the reconciliation; publishes nothing. The input
   * is staged into the output's staged store (a cache later runs reuse), under the output's lock.
   *
   * @param restage stage every file again instead of reusing the staged store
   */
  public Map<Source, RunManifest.SourceCounts> validate(boolean restage) {
    String runId = newRunId(Instant.now());
    try (OutputLock lock = lock(runId); RunProgress progress = RunProgress.follow(spark.sparkContext(), VALIDATING)) {
      RunInputs inputs = RunInputs.stage(spark, settings, lock, runId, restage);
      return JudgedInput.judge(spark, settings, lock, inputs, restage).counts();
    }
  }

  /**
   * Processes the close months of {@code window} and publishes all reports, or none.
   *
   * @param command the command line, for the manifest
   * @param restage stage every input file again instead of reusing the staged store
   * @throws UserError with exit code 2 when the quality gate fails; nothing is published then
   */
  public RunManifest run(RunWindow window, String command, boolean restage) {
    Instant startedAt = Instant.now();
    String runId = newRunId(startedAt);
    PhaseTimer timer = new PhaseTimer();
    try (OutputLock lock = lock(runId); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId, publishMode());
        RunProgress progress = RunProgress.follow(spark.sparkContext(), VALIDATING)) {
      LOG.info("Run {}: close months {} to {}, input {}, output {}", runId, window.first(), window.last(),
          Secrets.uris(settings.input()), Secrets.uris(settings.output()));
      RunInputs inputs = RunInputs.stage(spark, settings, lock, runId, restage);
      timer.lap("stage");
      JudgedInput judged = JudgedInput.judge(spark, settings, lock, inputs, restage);
      timer.lap("read_and_validate");
      if (!judged.gate().passed()) {
        JsonFiles.write(snapshot.manifestPath(), manifest(runId, GATE_FAILED, command, window, startedAt, timer, inputs, judged, Map.of()));
        throw new UserError(judged.gate().failure(snapshot.manifestPath()), UserError.EXIT_QUALITY_GATE, null);
      }
      progress.phase("Writing reports");
      Pipeline.Reports reports = Pipeline.reports(judged.sources(), inputs.stagedRows(spark), inputs.fileTable(), settings, window,
          runId);
      Map<String, Long> outcomes = ReportPublisher.publish(snapshot, runId, reports, window, timer);
      // Written after the switch, so a manifest that says published always is.
      RunManifest manifest = manifest(runId, PUBLISHED, command, window, startedAt, timer, inputs, judged, outcomes);
      try {
        JsonFiles.write(snapshot.manifestPath(), manifest);
      } catch (RuntimeException e) {
        throw new PublishedStepFailed(runId, manifest.output(), "writing its manifest " + snapshot.manifestPath(),
            "the reports are complete; only runs/" + runId + " lacks its manifest", e);
      }
      return manifest;
    }
  }

  private OutputLock lock(String runId) {
    Settings.PublishSettings publish = settings.publish();
    return OutputLock.acquire(Location.of(spark.sparkContext().hadoopConfiguration(), settings.output()), runId,
        new OutputLock.Policy(publish.lockStaleAfter(), publish.breakStaleLock()));
  }

  private ReportSnapshot.Mode publishMode() {
    return ReportSnapshot.Mode.valueOf(settings.publish().mode().toUpperCase(Locale.ROOT));
  }

  private RunManifest manifest(String runId, String status, String command, RunWindow window, Instant startedAt, PhaseTimer timer,
      RunInputs inputs, JudgedInput judged, Map<String, Long> outcomes) {
    Map<String, RunManifest.SourceCounts> sources = new LinkedHashMap<>();
    judged.counts().forEach((source, c) -> sources.put(source.folder(), c));
    return new RunManifest(runId, status, command, window, window.months(), startedAt, Instant.now(), timer.timings(),
        new RunManifest.Versions(Version.get(), spark.version(), System.getProperty("java.version")),
        settings.input().toString(), settings.output().toString(), inputs.manifestFiles(), judged.judgement(), sources, outcomes, settings.effective());
  }
}
