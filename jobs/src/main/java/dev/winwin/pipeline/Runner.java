package dev.winwin.pipeline;

import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import dev.winwin.ConcurrentActions;
import dev.winwin.PublishedStepFailed;
import dev.winwin.Secrets;
import dev.winwin.UserError;
import dev.winwin.Version;
import dev.winwin.config.Settings;
import dev.winwin.ingest.DataFile;
import dev.winwin.ingest.SourceReader;
import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.io.ParquetReportWriter;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.quality.Reconciliation;
import dev.winwin.quality.Validation;
import dev.winwin.schema.AccountRelationshipsSchema;
import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.MarginSatisfactionMatrixSchema;
import dev.winwin.schema.MonthlySummarySchema;
import dev.winwin.schema.NegotiationPatternsSchema;
import dev.winwin.schema.RejectsSchema;
import dev.winwin.schema.ReportSchema;
import dev.winwin.schema.RepScorecardSchema;
import dev.winwin.schema.Source;
import dev.winwin.stage.JudgedCache;
import dev.winwin.stage.StagedStore;

/**
 * Runs the pipeline with its I/O: reads the sources, validates them, applies the quality gate,
 * writes the reports into a new snapshot and publishes it, and records the run manifest.
 */
public final class Runner {
  public static final String PUBLISHED = "published";
  public static final String GATE_FAILED = "quality_gate_failed";
  private static final Logger LOG = LogManager.getLogger(Runner.class);
  private static final String VALIDATING = "Reading and validating";
  private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final Settings settings;
  private final Map<String, Long> timings = new LinkedHashMap<>();
  /** The run's input as the staged store holds it. */
  private StagedStore.StagedInput input;
  /** Rows read per source folder, counted before validation so the reconciliation can fail. */
  private final Map<String, Long> rowsRead = new HashMap<>();
  private long phaseStart = System.nanoTime();
  /** The run's input files with their ids: {@code file_id, file_rank, source_file}. */
  private Dataset<Row> fileTable;

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
      return readAndValidate(lock, runId, restage).counts();
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
    try (OutputLock lock = lock(runId); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId, publishMode());
        RunProgress progress = RunProgress.follow(spark.sparkContext(), VALIDATING)) {
      LOG.info("Run {}: close months {} to {}, input {}, output {}", runId, window.first(), window.last(),
          Secrets.uris(settings.input()), Secrets.uris(settings.output()));
      JudgedInput judgedInput = readAndValidate(lock, runId, restage);
      Map<Source, Dataset<Row>> judged = judgedInput.sources();
      Map<Source, RunManifest.SourceCounts> counts = judgedInput.counts();
      List<String> overGate = overGate(counts);
      if (!overGate.isEmpty()) {
        RunManifest failed = manifest(runId, GATE_FAILED, command, window, startedAt, counts, Map.of());
        JsonFiles.write(snapshot.manifestPath(), failed);
        throw new UserError("Quality gate failed: " + String.join("; ", overGate) + " (quality.max-reject-share is "
            + percent(settings.maxRejectShare().doubleValue()) + "); nothing was published. See " + snapshot.manifestPath()
            + " or run `winwin validate` for the reasons.", UserError.EXIT_QUALITY_GATE, null);
      }
      progress.phase("Writing reports");
      Pipeline.Reports reports = Pipeline.reports(judged, fileTable, settings, window, runId);
      // Every report derives from the classified deals of the run's scope: compute them once.
      Dataset<Row> scope = reports.scopeOutcomes().persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> outcomes = reports.dealOutcomes();
      ReportSnapshot.Replacing months = ReportSnapshot.Replacing.partitions(Set.copyOf(window.months()));
      ReportSnapshot.Replacing asOf = ReportSnapshot.Replacing.partitions(Set.of(window.last().toString()));
      write(snapshot, runId, List.of(
          new ReportOutput(DealOutcomesSchema.SCHEMA, outcomes, months),
          new ReportOutput(MonthlySummarySchema.SCHEMA, reports.monthlySummary(), months),
          new ReportOutput(MarginSatisfactionMatrixSchema.SCHEMA, reports.marginSatisfactionMatrix(), months),
          new ReportOutput(AccountRelationshipsSchema.SCHEMA, reports.accountRelationships(), asOf),
          new ReportOutput(RepScorecardSchema.SCHEMA, reports.repScorecard(), months),
          new ReportOutput(NegotiationPatternsSchema.SCHEMA, reports.negotiationPatterns(), months),
          // DOMAIN §7: rejects holds the latest run's rows only; older runs' are in their snapshots and manifests.
          new ReportOutput(RejectsSchema.SCHEMA, reports.rejects(), ReportSnapshot.Replacing.whole())));
      Map<String, Long> outcomeCounts = outcomeCounts(outcomes);
      snapshot.publish();
      lap("publish");
      scope.unpersist();
      // Written after the switch, so a manifest that says published always is.
      RunManifest manifest = manifest(runId, PUBLISHED, command, window, startedAt, counts, outcomeCounts);
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

  /** Every source judged, and its reconciliation counts. */
  private record JudgedInput(Map<Source, Dataset<Row>> sources, Map<Source, RunManifest.SourceCounts> counts) {}

  /** The counts kept with a judgement in the judged cache. */
  record JudgedCounts(Map<Source, RunManifest.SourceCounts> sources) {}

  /**
   * Stages what is new in the input, then judges it, or reads the judgement an earlier run made of
   * exactly this staged input.
   */
  private JudgedInput readAndValidate(OutputLock lock, String runId, boolean restage) {
    Map<Source, List<DataFile>> inputFiles = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      inputFiles.put(source, SourceReader.dataFiles(spark.sparkContext().hadoopConfiguration(), settings.input(), source));
    }
    LOG.info("Reading and validating {} sources under {}", inputFiles.size(), Secrets.uris(settings.input()));
    long inputBytes = inputFiles.values().stream().flatMap(List::stream).mapToLong(DataFile::textBytes).sum();
    if (settings.spark().shufflePartitions().isEmpty()) {
      spark.conf().set("spark.sql.shuffle.partitions", SparkSessions.shufflePartitionsFor(inputBytes, spark.sparkContext().defaultParallelism()));
    }
    input = StagedStore.open(lock, restage).refresh(spark, inputFiles, runId);
    lap("stage");
    rowsRead.clear();
    rowsRead.putAll(input.rowsPerSource());
    fileTable = input.fileTable().table(spark);
    JudgedCache<JudgedCounts> cache = JudgedCache.open(lock, input, settings.baseCurrency(), JudgedCounts.class);
    Optional<JudgedCache.Judged<JudgedCounts>> kept = cache.read(spark);
    JudgedInput judged;
    if (kept.isPresent()) {
      judged = new JudgedInput(kept.get().sources(), kept.get().counts().sources());
    } else {
      Map<Source, Dataset<Row>> staged = new EnumMap<>(Source.class);
      for (Source source : Source.values()) {
        staged.put(source, input.rows(spark, source));
      }
      // Each judged source is written to the cache once and read back, so the rules and reports
      // that read it neither recompute it nor re-analyse its whole plan.
      Map<Source, Dataset<Row>> sources = Validation.validate(staged, fileTable, settings.baseCurrency(), cache::write);
      judged = new JudgedInput(sources, reconcile(sources));
      cache.commit(new JudgedCounts(judged.counts()));
    }
    requireFxRatesWhenForeignCurrencies(judged.sources().get(Source.DEALS));
    lap("read_and_validate");
    return judged;
  }

  /** DOMAIN §2: fx_rates is required as soon as a currency besides the base currency appears. */
  private void requireFxRatesWhenForeignCurrencies(Dataset<Row> judgedDeals) {
    if (rowsRead.getOrDefault(Source.FX_RATES.folder(), 0L) > 0) {
      return;
    }
    List<String> foreign = judgedDeals.select(col(CURRENCY)).distinct()
        .filter(col(CURRENCY).notEqual(settings.baseCurrency()))
        .limit(3).collectAsList().stream().map(row -> row.getString(0)).sorted().toList();
    if (!foreign.isEmpty()) {
      throw new UserError("The input folder " + Secrets.uris(settings.input()).replaceAll("/+$", "") + "/" + Source.FX_RATES.folder()
          + " is required: deals use " + String.join(", ", foreign) + " besides " + settings.baseCurrency() + ".");
    }
  }

  private Map<Source, RunManifest.SourceCounts> reconcile(Map<Source, Dataset<Row>> judged) {
    Map<String, Map<String, Long>> byStatus = new HashMap<>();
    for (Row row : Reconciliation.byStatus(judged).collectAsList()) {
      byStatus.computeIfAbsent(row.getString(row.fieldIndex(SOURCE)), s -> new HashMap<>())
          .put(row.getString(row.fieldIndex(STATUS)), row.getLong(row.fieldIndex(Reconciliation.ROWS)));
    }
    Map<String, Map<String, Long>> byReason = new HashMap<>();
    for (Row row : Reconciliation.byReason(judged).collectAsList()) {
      byReason.computeIfAbsent(row.getString(row.fieldIndex(SOURCE)), s -> new TreeMap<>())
          .put(row.getString(row.fieldIndex(Reconciliation.REASON)), row.getLong(row.fieldIndex(Reconciliation.ROWS)));
    }
    Map<Source, RunManifest.SourceCounts> counts = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      Map<String, Long> statuses = byStatus.getOrDefault(source.folder(), Map.of());
      long accepted = statuses.getOrDefault(Validation.ACCEPTED, 0L);
      long superseded = statuses.getOrDefault(Validation.SUPERSEDED, 0L);
      long rejected = statuses.getOrDefault(Validation.REJECTED, 0L);
      long read = rowsRead.getOrDefault(source.folder(), 0L);
      if (read != accepted + superseded + rejected) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "Validation did not account for every row of %s: read %d, judged %d.", source.folder(), read, accepted + superseded + rejected));
      }
      counts.put(source, new RunManifest.SourceCounts(read, accepted, superseded, rejected, byReason.getOrDefault(source.folder(), Map.of())));
    }
    return counts;
  }

  private List<String> overGate(Map<Source, RunManifest.SourceCounts> counts) {
    List<String> over = new ArrayList<>();
    counts.forEach((source, c) -> {
      if (c.rejectedShare() > settings.maxRejectShare().doubleValue()) {
        over.add(String.format(Locale.ROOT, "%s rejected %,d of %,d rows (%s)", source.folder(), c.rejected(), c.read(),
            percent(c.rejectedShare())));
      }
    });
    return over;
  }

  /**
   * One report of a run: its declared schema (name and partition column), its rows, and the
   * partitions this run replaces.
   */
  private record ReportOutput(ReportSchema schema, Dataset<Row> rows, ReportSnapshot.Replacing replaced) {
    String name() {
      return schema.name();
    }

    String partitionColumn() {
      return schema.partitionColumn();
    }
  }

  /**
   * Writes every report into the run's staging, side by side (they share the cached outcomes and
   * nothing else), then moves them into the new snapshot one after the other.
   */
  private void write(ReportSnapshot snapshot, String runId, List<ReportOutput> outputs) {
    Map<String, Supplier<Boolean>> writes = new LinkedHashMap<>();
    for (ReportOutput output : outputs) {
      writes.put(output.name(), () -> {
        LOG.info("Writing {}", output.name());
        ParquetReportWriter.write(output.rows(), snapshot.stagingDir(output.name()), output.partitionColumn(), runId, Version.get());
        return true;
      });
    }
    ConcurrentActions.run(writes);
    for (ReportOutput output : outputs) {
      snapshot.commitPartitions(output.name(), output.partitionColumn(), output.replaced());
    }
    lap("write_reports");
  }

  private static Map<String, Long> outcomeCounts(Dataset<Row> outcomes) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : outcomes.groupBy(col(OUTCOME), col(WINNING_PARTY)).count().collectAsList()) {
      String outcome = row.getString(0);
      String key = "win-lose".equals(outcome) ? outcome + " (" + row.getString(1) + ")" : outcome;
      counts.merge(key, row.getLong(2), Long::sum);
    }
    return counts;
  }

  private RunManifest manifest(String runId, String status, String command, RunWindow window, Instant startedAt,
      Map<Source, RunManifest.SourceCounts> counts, Map<String, Long> outcomes) {
    Map<String, RunManifest.SourceCounts> sources = new LinkedHashMap<>();
    counts.forEach((source, c) -> sources.put(source.folder(), c));
    return new RunManifest(runId, status, command, window, window.months(), startedAt, Instant.now(), Map.copyOf(timings),
        new RunManifest.Versions(Version.get(), spark.version(), System.getProperty("java.version")),
        settings.input().toString(), settings.output().toString(), manifestInputFiles(), sources, outcomes, settings.effective());
  }

  private List<RunManifest.InputFile> manifestInputFiles() {
    List<RunManifest.InputFile> files = new ArrayList<>();
    input.files().forEach((source, stagedFiles) -> stagedFiles.forEach(file -> files.add(new RunManifest.InputFile(
        source.folder(), file.path(), file.bytes(), file.rows(), file.use().name().toLowerCase(Locale.ROOT)))));
    input.dropped().forEach(path -> files.add(new RunManifest.InputFile(path.substring(0, path.indexOf('/')), path, 0, 0, "dropped")));
    return files;
  }

  private void lap(String phase) {
    long now = System.nanoTime();
    timings.put(phase, (now - phaseStart) / 1_000_000);
    phaseStart = now;
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
