package dev.winwin.quality;

import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.MONTH;
import static dev.winwin.schema.Columns.RATE_TO_BASE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.CloseMonth;
import dev.winwin.schema.Source;

/**
 * Validation that starts from an earlier judgement and judges again only the rows the new,
 * changed and removed input files can change, keeping every other judged row as it was.
 *
 * <p>Why that is exact: every cross-row rule judges a row by the rows sharing its deal id (versions,
 * orphans, the deal's close month and status), by the rows of its source sharing its own id
 * (duplicates), and by the accepted FX rates. So with D the deal ids of the new and removed rows
 * and of the deals whose close month has a new, changed or removed rate, and, per child source, C
 * the child ids of its new and removed rows and of its rows on a deal in D, a row outside D and C
 * has the same rows around it as in the earlier judgement and keeps its verdict; the rows inside
 * are judged again from the staged store, every row of each of their ids together, so file ranks
 * (which only order the rows of one id) need not be those of the earlier run. A change to the set
 * of known currencies judges everything, as it can change any row.
 */
public final class Rejudgement {
  public static final String CHANGED_DEALS = "changed_deal_ids";
  private static final String JUDGED_AGAIN = "judged_again_";
  private static final String IN_DEALS = "__in_changed_deals";
  private static final String IN_IDS = "__in_changed_ids";
  private static final Logger LOG = LogManager.getLogger(Rejudgement.class);

  private Rejudgement() {}

  /**
   * The judgement an earlier run made, and how the run's files differ from the files it judged.
   *
   * @param judged per source, the earlier judged rows, as {@link Validation#validate} returns them
   * @param newFiles the ids of the run's files the earlier judgement did not see: new or changed files
   * @param goneFiles the ids of the files the earlier judgement saw and the run does not have:
   *     removed or changed files
   * @param fold materialise every judged row, kept ones too, instead of only those judged now
   */
  public record Previous(Map<Source, Dataset<Row>> judged, Set<Integer> newFiles, Set<Integer> goneFiles, boolean fold) {
    public Previous {
      judged = Map.copyOf(judged);
      newFiles = Set.copyOf(newFiles);
      goneFiles = Set.copyOf(goneFiles);
    }
  }

  /**
   * What a judgement started from an earlier one replaces of it: the rows of the changed deals, of
   * each child source's changed ids, and of the gone files; and every FX rate, judged again in full.
   *
   * @param dealIds {@code deal_id}, distinct
   * @param ids per child source, its id column, distinct
   */
  public record Replacement(Dataset<Row> dealIds, Map<Source, Dataset<Row>> ids, Set<Integer> goneFiles) {
    public Replacement {
      ids = Map.copyOf(ids);
      goneFiles = Set.copyOf(goneFiles);
    }
  }

  /**
   * A judgement: per source, its judged rows; and whether every row was materialised (a fold, or
   * a change of the known currencies) or only those judged again.
   */
  public record Judgement(Map<Source, Dataset<Row>> sources, boolean whole) {}

  /** The name the changed ids of a child source are materialised under. */
  public static String changedIdsName(Source source) {
    return "changed_ids_" + source.folder();
  }

  /**
   * Validates every source as {@link Validation#validate} does, judging again only what differs
   * from {@code previous}; the result equals a validation of the whole input. {@code materialize}
   * computes the rows judged now (with {@link Previous#fold}, every judged row) and the changed ids,
   * under {@link #CHANGED_DEALS} and {@link #changedIdsName}: with the gone files, the
   * {@link Replacement} that {@link #kept} applies to the earlier judgement.
   */
  public static Judgement validate(Map<Source, Dataset<Row>> staged, Dataset<Row> files, String baseCurrency, Previous previous,
      Validation.Materializer materialize) {
    AtomicBoolean everyRow = new AtomicBoolean(previous.fold());
    Map<Source, Dataset<Row>> judged = Validation.validate(staged, files, baseCurrency, materialize, fx -> {
      Optional<Validation.Scope> scope = scope(staged, previous, fx, materialize);
      if (scope.isEmpty()) {
        everyRow.set(true);
      }
      return scope.orElseGet(() -> Validation.Scope.all(materialize));
    });
    return new Judgement(judged, everyRow.get());
  }

  /** The rows of an earlier judgement of {@code source} that {@code replaced} leaves as they are. */
  public static Dataset<Row> kept(Source source, Dataset<Row> earlier, Replacement replaced) {
    if (source == Source.FX_RATES) {
      return earlier.filter(lit(false));
    }
    Dataset<Row> kept = earlier.filter(not(inFiles(replaced.goneFiles())))
        .join(broadcast(replaced.dealIds()), earlier.col(DEAL_ID).equalTo(replaced.dealIds().col(DEAL_ID)), "left_anti");
    if (source.isDealChild()) {
      String id = source.idColumn().orElseThrow();
      Dataset<Row> ids = replaced.ids().get(source);
      kept = kept.join(broadcast(ids), kept.col(id).equalTo(ids.col(id)), "left_anti");
    }
    return kept;
  }

  /** The scope of a judgement starting from {@code previous}; empty when the FX table makes it judge everything. */
  private static Optional<Validation.Scope> scope(Map<Source, Dataset<Row>> staged, Previous previous, Dataset<Row> fx,
      Validation.Materializer materialize) {
    Optional<Set<String>> changedMonths = changedRateMonths(rates(previous.judged().get(Source.FX_RATES)), rates(fx));
    if (changedMonths.isEmpty()) {
      LOG.info("The FX table names other currencies than the earlier judgement's: every row is judged again");
      return Optional.empty();
    }
    LOG.info("Judging again the rows of {} new or changed and {} removed file(s), and the deals closed in {} month(s) whose rates changed",
        previous.newFiles().size(), previous.goneFiles().size(), changedMonths.get().size());
    Column inNewFiles = inFiles(previous.newFiles());
    Column closedInChangedMonth = changedMonths.get().isEmpty() ? lit(false) : CloseMonth.of().isin(changedMonths.get().toArray());
    Dataset<Row> changedDeals = staged.get(Source.DEALS).filter(inNewFiles.or(closedInChangedMonth))
        .select(col(DEAL_ID))
        .union(previous.judged().get(Source.DEALS).filter(inFiles(previous.goneFiles())).select(col(DEAL_ID)))
        .filter(col(DEAL_ID).isNotNull())
        .distinct();
    // Every source reads the set twice or more: computed once, it does not scan the deals each time.
    Dataset<Row> dealIds = materialize.apply(CHANGED_DEALS, changedDeals);
    Map<Source, Dataset<Row>> ids = new ConcurrentHashMap<>();
    return Optional.of(new Validation.Scope() {
      @Override
      public Dataset<Row> toJudge(Source source, Dataset<Row> rows) {
        Optional<Dataset<Row>> sourceIds = Optional.empty();
        if (source.isDealChild()) {
          // Each child source is judged on a thread of its own: the ids are put, not computed inside the map.
          sourceIds = Optional.of(materialize.apply(changedIdsName(source), changedIds(source, staged.get(source), previous, dealIds)));
          ids.put(source, sourceIds.get());
          // Computed once: the few rows judged again are read twice, to pick the deals they are checked against.
          return materialize.apply(JUDGED_AGAIN + source.folder(), changed(rows, source, dealIds, sourceIds, inNewFiles));
        }
        return changed(rows, source, dealIds, sourceIds, inNewFiles);
      }

      @Override
      public Dataset<Row> dealsFor(Dataset<Row> toJudge, Dataset<Row> deals) {
        // Without this the few rows judged again would be joined with every deal, shuffled.
        return deals.join(broadcast(toJudge.select(col(DEAL_ID)).filter(col(DEAL_ID).isNotNull()).distinct()), DEAL_ID, "left_semi");
      }

      @Override
      public Dataset<Row> judgement(Source source, Dataset<Row> judgedNow) {
        Dataset<Row> kept = kept(source, previous.judged().get(source), new Replacement(dealIds,
            source.isDealChild() ? Map.of(source, ids.get(source)) : Map.of(), previous.goneFiles()));
        return previous.fold()
            ? materialize.apply(source.folder(), kept.unionByName(judgedNow))
            : kept.unionByName(materialize.apply(source.folder(), judgedNow));
      }
    });
  }

  /** The rows of {@code rows} whose deal id is in {@code dealIds}, whose own id is in {@code ids} (children only) or which {@code alsoChanged} names. */
  private static Dataset<Row> changed(Dataset<Row> rows, Source source, Dataset<Row> dealIds, Optional<Dataset<Row>> ids,
      Column alsoChanged) {
    Dataset<Row> markedDeals = broadcast(dealIds.withColumn(IN_DEALS, lit(true)));
    Dataset<Row> marked = rows.join(markedDeals, rows.col(DEAL_ID).equalTo(markedDeals.col(DEAL_ID)), "left")
        .drop(markedDeals.col(DEAL_ID));
    Column changed = col(IN_DEALS).isNotNull().or(alsoChanged);
    if (ids.isPresent()) {
      String id = source.idColumn().orElseThrow();
      Dataset<Row> markedIds = broadcast(ids.get().withColumn(IN_IDS, lit(true)));
      marked = marked.join(markedIds, marked.col(id).equalTo(markedIds.col(id)), "left").drop(markedIds.col(id));
      changed = changed.or(col(IN_IDS).isNotNull());
    }
    return marked.filter(changed).drop(IN_DEALS, IN_IDS);
  }

  /**
   * A child source's own ids whose rows are judged again: those of its new and removed rows and of
   * its rows on a changed deal.
   */
  private static Dataset<Row> changedIds(Source source, Dataset<Row> staged, Previous previous, Dataset<Row> dealIds) {
    String id = source.idColumn().orElseThrow();
    return staged.filter(inFiles(previous.newFiles())).select(col(id))
        .union(staged.join(broadcast(dealIds), DEAL_ID, "left_semi").select(col(id)))
        .union(previous.judged().get(source).filter(inFiles(previous.goneFiles())).select(col(id)))
        .filter(col(id).isNotNull())
        .distinct();
  }

  private static Column inFiles(Set<Integer> fileIds) {
    return fileIds.isEmpty() ? lit(false) : col(FILE_ID).isin(fileIds.toArray());
  }

  /** The accepted rates of a judged FX table: per month, the rate of each currency. */
  private static Map<String, Map<String, Object>> rates(Dataset<Row> judgedFx) {
    Map<String, Map<String, Object>> rates = new HashMap<>();
    for (Row row : Validation.accepted(judgedFx).select(MONTH, CURRENCY, RATE_TO_BASE).collectAsList()) {
      rates.computeIfAbsent(row.getString(0), month -> new HashMap<>()).put(row.getString(1), row.get(2));
    }
    return rates;
  }

  /**
   * The months whose accepted rates differ between two FX tables; empty when the tables do not name
   * the same currencies, which can change the verdict of any row ({@code unknown_currency}).
   */
  static Optional<Set<String>> changedRateMonths(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after) {
    if (!currencies(before).equals(currencies(after))) {
      return Optional.empty();
    }
    Set<String> months = new TreeSet<>(before.keySet());
    months.addAll(after.keySet());
    months.removeIf(month -> before.getOrDefault(month, Map.of()).equals(after.getOrDefault(month, Map.of())));
    return Optional.of(months);
  }

  private static Set<String> currencies(Map<String, Map<String, Object>> rates) {
    Set<String> currencies = new HashSet<>();
    rates.values().forEach(byCurrency -> currencies.addAll(byCurrency.keySet()));
    return currencies;
  }
}
