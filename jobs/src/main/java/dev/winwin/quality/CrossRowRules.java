package dev.winwin.quality;

import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.DEAL_WON_MONTH;
import static dev.winwin.schema.Columns.FX_RATE;
import static dev.winwin.schema.Columns.GROUP_MONTH;
import static dev.winwin.schema.Columns.LATEST_VERSION;
import static dev.winwin.schema.Columns.NO_GROUP_MONTH;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.schema.Columns.MONTH;
import static dev.winwin.schema.Columns.RATE_TO_BASE;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.FILE_RANK;
import static dev.winwin.schema.Columns.STAGE;
import static org.apache.spark.sql.functions.array_append;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import dev.winwin.schema.CloseMonth;

/**
 * Rules that judge a row against other rows: duplicate ids, currencies and rates against the FX
 * table, children against their deal. Each adds its reason code to {@link
 * dev.winwin.schema.Columns#REASONS} and keeps the rows and columns it was given.
 */
final class CrossRowRules {
  private static final String FLAG = "__flag";
  private static final String RATE_MONTH = "__rate_month";
  private static final String RATE = "__rate";

  private CrossRowRules() {}

  /** Appends {@code reasonCode} to the reasons of the rows where {@code violated} is true. */
  static Dataset<Row> flag(Dataset<Row> rows, Column violated, String reasonCode) {
    return rows.withColumn(REASONS, when(violated, array_append(col(REASONS), lit(reasonCode))).otherwise(col(REASONS)));
  }

  /** True for rows without a reason so far. */
  static Column clean() {
    return size(col(REASONS)).equalTo(0);
  }

  /**
   * Marks every row but one of each key as {@code duplicate_id}: the one kept is the first (by file
   * and row number) among the rows without other reasons, so a broken first copy does not take a
   * valid later copy down with it. Rows with a null key part are left alone: they already carry
   * {@code missing_field}.
   */
  static Dataset<Row> duplicates(Dataset<Row> rows, String... key) {
    Column anyNull = Arrays.stream(key).map(k -> col(k).isNull()).reduce(Column::or).orElseThrow();
    Column position = row_number().over(Window.partitionBy(Arrays.stream(key).map(k -> col(k)).toArray(Column[]::new))
        .orderBy(clean().desc(), col(FILE_RANK), col(ROW_NUMBER)));
    return flag(rows.withColumn(FLAG, when(anyNull, lit(1)).otherwise(position)), col(FLAG).gt(1), Reason.DUPLICATE_ID)
        .drop(FLAG);
  }

  /**
   * Marks rows whose currency is neither the base currency nor in the FX table as
   * {@code unknown_currency} (a currency not shaped like a code is null by now, its reason given by
   * the row rules), and rows whose currency has no rate for {@code month} as
   * {@code missing_fx_rate}. Adds {@link dev.winwin.schema.Columns#FX_RATE}, the rate that converts
   * the row's money into the base currency: 1 for the base currency, else the currency's rate for
   * {@code month}; null where none applies (no month, no rate, no currency). Enrichment converts
   * with it, so the FX table is joined here only.
   *
   * @param month the {@code yyyy-MM} whose rate converts the row; rows where it is null need none
   * @param fx accepted FX rows: {@code month}, {@code currency}, {@code rate_to_base}, unique per
   *     month and currency
   */
  static Dataset<Row> currencies(Dataset<Row> rows, Column month, Dataset<Row> fx, String baseCurrency) {
    Dataset<Row> known = fx.select(col(CURRENCY).as(FLAG)).distinct();
    Dataset<Row> rates = fx.select(col(MONTH).as(RATE_MONTH), col(CURRENCY).as(FLAG + "_rate"), col(RATE_TO_BASE).as(RATE));
    Column foreign = col(CURRENCY).isNotNull().and(col(CURRENCY).notEqual(lit(baseCurrency)));
    Dataset<Row> withKnown = rows
        .withColumn(RATE_MONTH + "_wanted", month)
        .join(broadcast(known), col(CURRENCY).equalTo(col(FLAG)), "left")
        .join(broadcast(rates),
            col(RATE_MONTH + "_wanted").equalTo(col(RATE_MONTH)).and(col(CURRENCY).equalTo(col(FLAG + "_rate"))), "left");
    Column unknown = foreign.and(col(FLAG).isNull());
    Column missingRate = foreign.and(col(FLAG).isNotNull()).and(col(RATE_MONTH + "_wanted").isNotNull())
        .and(col(RATE_MONTH).isNull());
    Dataset<Row> flagged = flag(withKnown, unknown, Reason.UNKNOWN_CURRENCY)
        .withColumn(FX_RATE, when(col(CURRENCY).equalTo(lit(baseCurrency)), lit(BigDecimal.ONE)).otherwise(col(RATE)));
    return flag(flagged, missingRate, Reason.MISSING_FX_RATE)
        .drop(FLAG, FLAG + "_rate", RATE_MONTH, RATE_MONTH + "_wanted", RATE);
  }

  /** The month whose rate converts a deal's money: the close month of a won deal; null otherwise, as no other deal's money is used. */
  static Column closeMonth() {
    return when(col(STAGE).equalTo("won"), CloseMonth.of());
  }

  /**
   * Marks child rows whose deal's latest version is missing or not accepted as
   * {@code orphan:deal_id}, and checks the currency of those that carry money at the deal's close
   * month. Adds {@link dev.winwin.schema.Columns#DEAL_WON_MONTH} (the close month of an accepted
   * won deal, else null), {@link dev.winwin.schema.Columns#GROUP_MONTH} (the deal's, or
   * {@code none} for a row without a deal), and for rows with money {@code fx_rate} at the deal's
   * close month (see {@link #currencies}).
   *
   * @param deals judged deal versions with {@code latest_version} and {@code group_month}
   */
  static Dataset<Row> againstDeals(Dataset<Row> children, Dataset<Row> deals, Dataset<Row> fx, String baseCurrency) {
    String dealKey = FLAG + "_deal";
    String accepted = FLAG + "_accepted";
    String groupMonth = FLAG + "_group_month";
    Dataset<Row> latest = deals.filter(col(LATEST_VERSION)).select(
        col(DEAL_ID).as(dealKey),
        col(STATUS).equalTo(Validation.ACCEPTED).as(accepted),
        col(GROUP_MONTH).as(groupMonth),
        when(col(STATUS).equalTo(Validation.ACCEPTED), closeMonth()).as(DEAL_WON_MONTH));
    Dataset<Row> joined = children.join(latest, col(DEAL_ID).equalTo(col(dealKey)), "left")
        .withColumn(GROUP_MONTH, coalesce(col(groupMonth), lit(NO_GROUP_MONTH)));
    Column orphan = col(DEAL_ID).isNotNull().and(col(dealKey).isNull().or(not(col(accepted))));
    Dataset<Row> orphans = flag(joined, orphan, Reason.ORPHAN_DEAL);
    boolean hasMoney = Arrays.asList(children.columns()).contains(CURRENCY);
    return (hasMoney ? currencies(orphans, col(DEAL_WON_MONTH), fx, baseCurrency) : orphans).drop(dealKey, accepted, groupMonth);
  }
}
