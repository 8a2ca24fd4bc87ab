package dev.winwin.quality;

import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.MONTH;
import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.schema.Columns.UPDATED_AT;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.ConcurrentActions;
import dev.winwin.ingest.SourceReader;
import dev.winwin.schema.Field;
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

  private Validation() {}

  /**
   * Validates every source.
   *
   * @param raw each source as read by {@link SourceReader}; optional sources may be empty
   * @param materialize applied to each judged source before later rules read it: the runner
   *     materialises there so that each source is judged once and later plans stay short; tests
   *     pass the identity
   * @return per source, its rows with typed fields, {@code reasons} and {@code status}
   */
  public static Map<Source, Dataset<Row>> validate(Map<Source, Dataset<Row>> raw, String baseCurrency,
      UnaryOperator<Dataset<Row>> materialize) {
    Map<Source, Dataset<Row>> judged = new EnumMap<>(Source.class);
    Dataset<Row> fx = materialize.apply(
        withStatus(CrossRowRules.duplicates(applyRowRules(raw.get(Source.FX_RATES), Source.FX_RATES), MONTH, CURRENCY)));
    judged.put(Source.FX_RATES, fx);
    Dataset<Row> acceptedFx = accepted(fx);

    Dataset<Row> deals = materialize.apply(versions(
        CrossRowRules.currencies(applyRowRules(raw.get(Source.DEALS), Source.DEALS), CrossRowRules.closeMonth(), acceptedFx, baseCurrency)));
    judged.put(Source.DEALS, deals);
    Dataset<Row> latestDeals = accepted(deals);

    // The deals' children depend on the deals alone, not on each other: judge them side by side.
    Map<Source, Supplier<Dataset<Row>>> children = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      if (source.isDealChild()) {
        Dataset<Row> rows = CrossRowRules.againstDeals(applyRowRules(raw.get(source), source), latestDeals, acceptedFx, baseCurrency);
        Dataset<Row> judgedRows = withStatus(CrossRowRules.duplicates(rows, source.idColumn().orElseThrow()));
        children.put(source, () -> materialize.apply(judgedRows));
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
   * Parses every field and applies the row rules: a malformed line gets {@code malformed_row}
   * alone; any other row gets the code of every rule it breaks.
   *
   * <p>Grain unchanged. Columns out: lineage, the typed fields, {@code reasons}.
   */
  static Dataset<Row> applyRowRules(Dataset<Row> raw, Source source) {
    List<Column> asText = new ArrayList<>(List.of(col(SOURCE), col(SOURCE_FILE), col(ROW_NUMBER), col(RAW), col(SourceReader.MALFORMED)));
    List<Column> typed = new ArrayList<>(List.of(col(SOURCE), col(SOURCE_FILE), col(ROW_NUMBER), col(RAW), col(SourceReader.MALFORMED)));
    for (Field field : source.fields()) {
      asText.add(col(field.name()).as(field.name() + RowRules.TEXT_SUFFIX));
      typed.add(RowRules.parsed(field).as(field.name()));
      typed.add(col(field.name() + RowRules.TEXT_SUFFIX));
    }
    Column[] reasons = RowRules.of(source).stream()
        .map(rule -> when(rule.violated(), lit(rule.reasonCode())))
        .toArray(Column[]::new);
    // concat_ws skips the rules that hold (null) and, unlike a lambda filter, is compiled to code.
    Column joined = concat_ws(",", reasons);
    Column reasonList = when(col(SourceReader.MALFORMED), array(lit(Reason.MALFORMED_ROW)))
        .when(joined.equalTo(""), array().cast(DataTypes.createArrayType(DataTypes.StringType)))
        .otherwise(split(joined, ","));
    List<Column> out = new ArrayList<>(List.of(col(SOURCE), col(SOURCE_FILE), col(ROW_NUMBER), col(RAW)));
    source.fieldNames().forEach(name -> out.add(col(name)));
    out.add(reasonList.as(REASONS));
    return raw.select(asText.toArray(Column[]::new))
        .select(typed.toArray(Column[]::new))
        .select(out.toArray(Column[]::new));
  }

  /**
   * Sets the status from the reasons. The raw text is kept for rejected rows only: the rejects
   * report is its one reader, and dropping it from every other row keeps the judged sources small.
   */
  private static Dataset<Row> withStatus(Dataset<Row> rows) {
    return rows.withColumn(STATUS, when(CrossRowRules.clean(), lit(ACCEPTED)).otherwise(lit(REJECTED)))
        .withColumn(RAW, when(col(STATUS).equalTo(REJECTED), col(RAW)));
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
   * Rows without an id or a readable time are left alone here: they already carry a reason.
   */
  private static Dataset<Row> versions(Dataset<Row> deals) {
    String rank = "__version_rank";
    String copy = "__later_copy";
    WindowSpec latestFirst = Window.partitionBy(col(DEAL_ID))
        .orderBy(col(UPDATED_AT).desc_nulls_last(), CrossRowRules.clean().desc(), col(SOURCE_FILE), col(ROW_NUMBER));
    Column sameVersionAsPrevious = col(DEAL_ID).isNotNull().and(lag(col(UPDATED_AT), 1).over(latestFirst).equalTo(col(UPDATED_AT)));
    Dataset<Row> ranked = deals
        .withColumn(rank, row_number().over(latestFirst))
        .withColumn(copy, coalesce(sameVersionAsPrevious, lit(false)));
    Column older = col(rank).gt(1).and(col(UPDATED_AT).isNotNull());
    return withStatus(CrossRowRules.flag(ranked, col(copy), Reason.DUPLICATE_ID))
        .withColumn(STATUS, when(col(STATUS).equalTo(ACCEPTED).and(older), lit(SUPERSEDED)).otherwise(col(STATUS)))
        .drop(rank, copy);
  }

}
