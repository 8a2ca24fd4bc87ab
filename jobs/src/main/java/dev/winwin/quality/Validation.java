package dev.winwin.quality;

import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.MONTH;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.FILE_RANK;
import static dev.winwin.schema.Columns.GROUP_MONTH;
import static dev.winwin.schema.Columns.LATEST_VERSION;
import static dev.winwin.schema.Columns.NO_GROUP_MONTH;
import static dev.winwin.schema.Columns.ROW_REASONS;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.schema.Columns.UPDATED_AT;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.ConcurrentActions;
import dev.winwin.schema.CloseMonth;
import dev.winwin.schema.Source;

/**
 * Judges every input row (DOMAIN §3): each ends {@code accepted}, {@code superseded} (an older
 * version of a deal) or {@code rejected} with one or more reason codes. Nothing is dropped, so per
 * source read = accepted + superseded + rejected.
 *
 * <p>Decisions: the latest version of a deal wins even when it is rejected, so the deal is left out
 * rather than shown in a state it has left; child rows are checked against the winning deal
 * versions of any stage, after their own orphan and currency checks so that a broken first copy of
 * an id never takes a valid later copy down.
 */
public final class Validation {
  public static final String ACCEPTED = "accepted";
  public static final String SUPERSEDED = "superseded";
  public static final String REJECTED = "rejected";

  /**
   * What the judged cache keys on: raise it whenever a cross-row rule changes meaning or the judged
   * rows gain, lose or retype a column, so that no run reads a judgement the code no longer makes.
   */
  public static final int REVISION = 4;

  private Validation() {}

  /** How a judged source is computed once before later rules read it: the runner writes and reads it back, tests take it as it is. */
  @FunctionalInterface
  public interface Materializer {
    /** @param name what the rows are: a source's folder, or the name of a set of ids a later step reads more than once */
    Dataset<Row> apply(String name, Dataset<Row> rows);
  }

  /**
   * Which rows of the deals and their children a judgement judges now, and how it makes the judged
   * source of them: every row, computed once ({@link #all}), or only those new, changed or removed
   * input can change, with the rest kept from an earlier judgement ({@link Rejudgement}).
   */
  interface Scope {
    /** Judges every row; each judged source is materialised as it is. */
    static Scope all(Materializer materialize) {
      return new Scope() {
        @Override
        public Dataset<Row> toJudge(Source source, Dataset<Row> rows) {
          return rows;
        }

        @Override
        public Dataset<Row> judgement(Source source, Dataset<Row> judgedNow) {
          return materialize.apply(source.folder(), judgedNow);
        }
      };
    }

    /** The judged deals that the child rows {@code toJudge} (as {@link #toJudge} chose them) are checked against. */
    default Dataset<Row> dealsFor(Dataset<Row> toJudge, Dataset<Row> deals) {
      return deals;
    }

    /** The rows of {@code source} (with lineage) to judge now: for every id among them, all rows of that id. */
    Dataset<Row> toJudge(Source source, Dataset<Row> rows);

    /** The judged {@code source}, computed once: the rows judged now and any kept. */
    Dataset<Row> judgement(Source source, Dataset<Row> judgedNow);
  }

  /**
   * Validates every source: the cross-row rules over the rows the row rules already judged.
   *
   * @param staged each source's staged rows ({@link dev.winwin.stage.StagedRows}); optional
   *     sources may be empty
   * @param files every input file of the run: {@code file_id}, {@code file_rank} (its place in
   *     path order among its source's files, which decides "the first row" of a duplicated id)
   * @param materialize applied to each judged source before later rules read it, so that each
   *     source is judged once and later plans stay short
   * @return per source, its rows with lineage ({@code source, file_id, row_number}), typed fields,
   *     {@code reasons} and {@code status}; the raw text stays in {@code staged}
   */
  public static Map<Source, Dataset<Row>> validate(Map<Source, Dataset<Row>> staged, Dataset<Row> files, String baseCurrency,
      Materializer materialize) {
    return validate(staged, files, baseCurrency, materialize, fx -> Scope.all(materialize));
  }

  /**
   * Validates every source, judging the deals and their children in the scope {@code scopeOf}
   * gives once the FX rates are judged (they always are, in full: they are few).
   */
  static Map<Source, Dataset<Row>> validate(Map<Source, Dataset<Row>> staged, Dataset<Row> files, String baseCurrency,
      Materializer materialize, Function<Dataset<Row>, Scope> scopeOf) {
    Map<Source, Dataset<Row>> judged = new EnumMap<>(Source.class);
    Dataset<Row> fx = materialize.apply(Source.FX_RATES.folder(),
        withStatus(CrossRowRules.duplicates(withLineage(staged, Source.FX_RATES, files), MONTH, CURRENCY)).drop(FILE_RANK));
    judged.put(Source.FX_RATES, fx);
    Scope scope = scopeOf.apply(fx);
    Dataset<Row> acceptedFx = accepted(fx);

    Dataset<Row> dealsNow = versions(CrossRowRules.currencies(scope.toJudge(Source.DEALS, withLineage(staged, Source.DEALS, files)),
        CrossRowRules.closeMonth(), acceptedFx, baseCurrency));
    Dataset<Row> deals = scope.judgement(Source.DEALS, dealsNow.drop(FILE_RANK));
    judged.put(Source.DEALS, deals);

    // The deals' children depend on the deals alone, not on each other: judge them side by side.
    Map<Source, Supplier<Dataset<Row>>> children = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      if (source.isDealChild()) {
        children.put(source, () -> {
          Dataset<Row> toJudge = scope.toJudge(source, withLineage(staged, source, files));
          Dataset<Row> rows = CrossRowRules.againstDeals(toJudge, scope.dealsFor(toJudge, deals), acceptedFx, baseCurrency);
          return scope.judgement(source, withStatus(CrossRowRules.duplicates(rows, source.idColumn().orElseThrow())).drop(FILE_RANK));
        });
      }
    }
    judged.putAll(ConcurrentActions.run(children));
    return judged;
  }

  /** The accepted rows of a judged source. */
  public static Dataset<Row> accepted(Dataset<Row> judged) {
    return judged.filter(col(STATUS).equalTo(ACCEPTED));
  }

  /**
   * A source's staged rows with the lineage the cross-row rules order by, and the row rules'
   * reasons as the list later rules append to. The raw text stays behind in the staged rows: the
   * rejects report, its one reader, takes it from there for the rejected rows, so the shuffles and
   * sorts of the cross-row rules do not carry a copy of the whole input.
   *
   * <p>Grain unchanged. Columns out: {@code source, file_id, file_rank, row_number}, the typed
   * fields, {@code reasons}.
   */
  static Dataset<Row> withLineage(Map<Source, Dataset<Row>> staged, Source source, Dataset<Row> files) {
    List<Column> out = new ArrayList<>(List.of(lit(source.folder()).as(SOURCE), col(FILE_ID), col(FILE_RANK), col(ROW_NUMBER)));
    source.fieldNames().forEach(name -> out.add(col(name)));
    out.add(when(col(ROW_REASONS).isNull(), array().cast(DataTypes.createArrayType(DataTypes.StringType)))
        .otherwise(split(col(ROW_REASONS), Reason.SEPARATOR)).as(REASONS));
    return staged.get(source)
        .join(broadcast(files.select(col(FILE_ID), col(FILE_RANK))), FILE_ID)
        .select(out.toArray(Column[]::new));
  }

  /** Sets the status from the reasons. */
  private static Dataset<Row> withStatus(Dataset<Row> rows) {
    return rows.withColumn(STATUS, when(CrossRowRules.clean(), lit(ACCEPTED)).otherwise(lit(REJECTED)));
  }

  /**
   * Judges the versions of each deal in one pass over the deals ordered latest first (one shuffle
   * by deal id serves both rules):
   * <ul>
   *   <li>copies of one version (same id and {@code updated_at}) are {@code duplicate_id} but the
   *       first, by file and row number, among those without other reasons;
   *   <li>the latest version of a deal wins (DOMAIN §2): every other accepted version becomes
   *       {@code superseded}. Rejected versions compete too when their id and time are readable,
   *       so a rejected latest version leaves the deal out (and its child rows orphaned, visibly)
   *       rather than bringing an older version back.
   * </ul>
   * Rows without an id or a readable time are left alone here: they already carry a reason. Adds
   * {@code latest_version} (the winning version of each deal) and {@code group_month} (the close
   * month of the winning version, for every version of the deal).
   */
  private static Dataset<Row> versions(Dataset<Row> deals) {
    String rank = "__version_rank";
    String copy = "__later_copy";
    WindowSpec latestFirst = Window.partitionBy(col(DEAL_ID))
        .orderBy(col(UPDATED_AT).desc_nulls_last(), CrossRowRules.clean().desc(), col(FILE_RANK), col(ROW_NUMBER));
    Column sameVersionAsPrevious = col(DEAL_ID).isNotNull().and(lag(col(UPDATED_AT), 1).over(latestFirst).equalTo(col(UPDATED_AT)));
    Dataset<Row> ranked = deals
        .withColumn(rank, row_number().over(latestFirst))
        .withColumn(copy, coalesce(sameVersionAsPrevious, lit(false)));
    Column older = col(rank).gt(1).and(col(UPDATED_AT).isNotNull());
    Column groupMonth = when(col(DEAL_ID).isNull(), lit(NO_GROUP_MONTH))
        .otherwise(coalesce(first(CloseMonth.of()).over(latestFirst), lit(NO_GROUP_MONTH)));
    return withStatus(CrossRowRules.flag(ranked, col(copy), Reason.DUPLICATE_ID))
        .withColumn(STATUS, when(col(STATUS).equalTo(ACCEPTED).and(older), lit(SUPERSEDED)).otherwise(col(STATUS)))
        .withColumn(LATEST_VERSION, col(DEAL_ID).isNotNull().and(col(rank).equalTo(1)))
        .withColumn(GROUP_MONTH, groupMonth)
        .drop(rank, copy);
  }

}
