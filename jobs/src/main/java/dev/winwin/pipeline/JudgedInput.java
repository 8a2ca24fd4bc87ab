package dev.winwin.pipeline;

import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.STATUS;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.winwin.Secrets;
import dev.winwin.UserError;
import dev.winwin.config.Settings;
import dev.winwin.io.OutputLock;
import dev.winwin.quality.Reconciliation;
import dev.winwin.quality.Rejudgement;
import dev.winwin.quality.RuleCatalogue;
import dev.winwin.quality.RunRule;
import dev.winwin.quality.Validation;
import dev.winwin.schema.Source;
import dev.winwin.stage.JudgedCache;

/**
 * A run's input judged: every source's judged rows, their reconciliation counts, the quality
 * gate's decision on those counts, and how the judgement was made ({@link RunManifest#judgement()}).
 */
record JudgedInput(Map<Source, Dataset<Row>> sources, Map<Source, RunManifest.SourceCounts> counts, QualityGate gate, String judgement) {
  JudgedInput {
    sources = inSourceOrder(sources);
    counts = inSourceOrder(counts);
  }

  /** An unmodifiable copy in {@link Source} order: the order reports union the sources and the manifest lists them. */
  private static <V> Map<Source, V> inSourceOrder(Map<Source, V> bySource) {
    Map<Source, V> copy = new EnumMap<>(Source.class);
    copy.putAll(bySource);
    return Collections.unmodifiableMap(copy);
  }

  /** The counts kept with a judgement in the judged cache. */
  record JudgedCounts(Map<Source, RunManifest.SourceCounts> sources) {}

  /**
   * Judges the staged input, or reads the judgement an earlier run made of exactly this staged
   * input, then checks the catalogue's run rules on it. Where an earlier run judged other files, only
   * what the difference can change is judged again.
   *
   * @param restage judge every row, whatever earlier runs judged
   * @throws UserError when a run rule stops the run
   */
  static JudgedInput judge(SparkSession spark, Settings settings, OutputLock lock, RunInputs inputs, boolean restage) {
    JudgedCache<JudgedCounts> cache = JudgedCache.open(lock, inputs.staged(), settings.baseCurrency(), JudgedCounts.class, restage);
    Optional<JudgedCache.Judged<JudgedCounts>> kept = cache.read(spark);
    Map<Source, Dataset<Row>> sources;
    Map<Source, RunManifest.SourceCounts> counts;
    String judged = RunManifest.JUDGEMENT_REUSED;
    if (kept.isPresent()) {
      sources = kept.get().sources();
      counts = kept.get().counts().sources();
    } else {
      // Each judged source is written to the cache once and read back, so the rules and reports
      // that read it neither recompute it nor re-analyse its whole plan.
      Map<Source, Dataset<Row>> staged = inputs.stagedRows(spark);
      // Below the setting's rows, judging everything costs less than finding what changed.
      long rows = inputs.rowsRead().values().stream().mapToLong(Long::longValue).sum();
      Optional<Rejudgement.Previous> earlier = rows < settings.judgeAgainFromRows() ? Optional.empty() : cache.previous(spark);
      Rejudgement.Judgement judgement = earlier
          .map(previous -> Rejudgement.validate(staged, inputs.fileTable(), settings.baseCurrency(), previous, cache::write))
          .orElseGet(() -> new Rejudgement.Judgement(Validation.validate(staged, inputs.fileTable(), settings.baseCurrency(), cache::write),
              true));
      sources = judgement.sources();
      judged = judgement.whole() ? RunManifest.JUDGEMENT_WHOLE : RunManifest.JUDGEMENT_INCREMENTAL;
      counts = reconcile(sources, inputs);
      cache.commit(new JudgedCounts(counts), judgement.whole());
    }
    checkRunRules(sources, inputs, settings);
    return new JudgedInput(sources, counts, QualityGate.of(counts, settings.maxRejectShare()), judged);
  }

  /** Stops the run at the first {@link RuleCatalogue#runRules() run rule} the judged input breaks. */
  private static void checkRunRules(Map<Source, Dataset<Row>> sources, RunInputs inputs, Settings settings) {
    RunRule.Input input = new RunRule.Input(sources, inputs.rowsRead(), settings.baseCurrency(), Secrets.uris(settings.input()));
    for (RunRule rule : RuleCatalogue.runRules()) {
      List<Row> breaking = rule.breaking(input).collectAsList();
      if (!breaking.isEmpty()) {
        throw new UserError(rule.stopsWith(breaking, input));
      }
    }
  }

  /**
   * Counts every judged source by status and reason, and checks that validation accounted for every
   * row read.
   */
  private static Map<Source, RunManifest.SourceCounts> reconcile(Map<Source, Dataset<Row>> judged, RunInputs inputs) {
    Map<String, Map<String, Long>> byStatus = new HashMap<>();
    Map<String, Map<String, Long>> byReason = new HashMap<>();
    for (Row row : Reconciliation.byStatusAndReasons(judged).collectAsList()) {
      String source = row.getString(row.fieldIndex(SOURCE));
      String status = row.getString(row.fieldIndex(STATUS));
      long rows = row.getLong(row.fieldIndex(Reconciliation.ROWS));
      byStatus.computeIfAbsent(source, s -> new HashMap<>()).merge(status, rows, Long::sum);
      if (status.equals(Validation.REJECTED)) {
        for (String reason : row.<String>getList(row.fieldIndex(REASONS))) {
          byReason.computeIfAbsent(source, s -> new TreeMap<>()).merge(reason, rows, Long::sum);
        }
      }
    }
    Map<Source, RunManifest.SourceCounts> counts = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      Map<String, Long> statuses = byStatus.getOrDefault(source.folder(), Map.of());
      long accepted = statuses.getOrDefault(Validation.ACCEPTED, 0L);
      long superseded = statuses.getOrDefault(Validation.SUPERSEDED, 0L);
      long rejected = statuses.getOrDefault(Validation.REJECTED, 0L);
      long read = inputs.rowsRead(source);
      if (read != accepted + superseded + rejected) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "Validation did not account for every row of %s: read %d, judged %d.", source.folder(), read, accepted + superseded + rejected));
      }
      counts.put(source, new RunManifest.SourceCounts(read, accepted, superseded, rejected, byReason.getOrDefault(source.folder(), Map.of())));
    }
    return counts;
  }
}
