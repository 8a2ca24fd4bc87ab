package dev.winwin.report;

import static dev.winwin.schema.Columns.ACCOUNT_ID;
import static dev.winwin.schema.Columns.ACCOUNT_NAME;
import static dev.winwin.schema.Columns.CLOSE_DATE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.AccountRelationshipsSchema.AS_OF_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.FIRST_CLOSE_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.LAST_CLOSE_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.MARGIN_PCT_SLOPE;
import static dev.winwin.schema.AccountRelationshipsSchema.SATISFACTION_SLOPE;
import static dev.winwin.schema.AccountRelationshipsSchema.TRAJECTORY;
import static dev.winwin.schema.AccountRelationshipsSchema.WINDOW_START;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.config.Settings;
import dev.winwin.schema.AccountRelationshipsSchema;
import dev.winwin.schema.Types;

/**
 * {@code account_relationships}: one row per account with won deals in the trailing 12 close
 * months up to the as-of month (the run month; for a backfill its last month). Partitioned by
 * {@code as_of_month}, so each run replaces only its own as-of month.
 *
 * <p>Besides deals, revenue and the outcome mix, each account gets the least-squares slope per
 * month of its deals' pocket margin % and of their satisfaction (x = the deal's close month, in
 * months from the window's first month), and a trajectory label:
 * <ul>
 *   <li>{@code steady}: fewer than {@value #MIN_CLASSIFIED_DEALS} classified deals, a slope that
 *       cannot be computed (fewer than two months with a value), or both slopes within their
 *       tolerance;</li>
 *   <li>otherwise by the signs of the two slopes (a slope of exactly 0 counts as rising):
 *       {@code converging} both rising, {@code extraction} margin rising and satisfaction falling,
 *       {@code buying_loyalty} margin falling and satisfaction rising, {@code mutual_decline} both
 *       falling.</li>
 * </ul>
 * The labels are decided on the published (rounded) slopes.
 */
public final class AccountRelationshipsReport {
  public static final String CONVERGING = "converging";
  public static final String EXTRACTION = "extraction";
  public static final String BUYING_LOYALTY = "buying_loyalty";
  public static final String MUTUAL_DECLINE = "mutual_decline";
  public static final String STEADY = "steady";
  /** Months in the trailing window, the as-of month included. */
  public static final int TRAILING_MONTHS = 12;
  static final int MIN_CLASSIFIED_DEALS = 3;

  private static final String X = "__month_index";

  private AccountRelationshipsReport() {}

  /** The first close month of the trailing window that ends at {@code asOf}. */
  public static YearMonth windowStart(YearMonth asOf) {
    return asOf.minusMonths(TRAILING_MONTHS - 1L);
  }

  /**
   * Grain in: one won deal ({@code deal_outcomes} columns); any close months, those outside the
   * trailing window are ignored. Grain out: one account, the columns of
   * {@link AccountRelationshipsSchema}. Nulls: margin and satisfaction slopes use
   * only the deals that have the value; a slope is null with fewer than two distinct months.
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, YearMonth asOf, Settings.ReportSettings settings, String runId) {
    YearMonth start = windowStart(asOf);
    Column monthNumber = col(CLOSE_MONTH).substr(1, 4).cast(DataTypes.IntegerType).multiply(12)
        .plus(col(CLOSE_MONTH).substr(6, 2).cast(DataTypes.IntegerType));
    int startNumber = start.getYear() * 12 + start.getMonthValue();
    Column deals = count(lit(1));

    List<Column> aggregates = new ArrayList<>(List.of(
        min(col(CLOSE_MONTH)).as(FIRST_CLOSE_MONTH),
        max(col(CLOSE_MONTH)).as(LAST_CLOSE_MONTH),
        deals.as(DEALS),
        Aggregates.invoiceRevenue().cast(Types.MONEY).as(INVOICE_REVENUE),
        Aggregates.pocketMarginPct().as(POCKET_MARGIN_PCT),
        Aggregates.meanSatisfaction().as(MEAN_SATISFACTION),
        Aggregates.classifiedDeals().as(CLASSIFIED_DEALS),
        Aggregates.winWinShareOfClassified().as(WIN_WIN_SHARE_OF_CLASSIFIED)));
    aggregates.addAll(Aggregates.outcomeMix(deals, Optional.empty()));
    aggregates.add(slope(col(POCKET_MARGIN_PCT)).cast(Types.RATIO).as(MARGIN_PCT_SLOPE));
    aggregates.add(slope(col(SATISFACTION)).cast(Types.SCORE_SLOPE).as(SATISFACTION_SLOPE));
    aggregates.add(max_by(col(ACCOUNT_NAME), struct(col(CLOSE_DATE), col(DEAL_ID))).as(ACCOUNT_NAME));

    return AccountRelationshipsSchema.SCHEMA.conform(dealOutcomes
        .filter(col(CLOSE_MONTH).geq(start.toString()).and(col(CLOSE_MONTH).leq(asOf.toString())))
        .withColumn(X, monthNumber.minus(startNumber).cast(DataTypes.createDecimalType(4, 0)))
        .groupBy(col(ACCOUNT_ID))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .withColumn(TRAJECTORY, trajectory(settings))
        .withColumn(WINDOW_START, lit(start.toString()))
        .withColumn(AS_OF_MONTH, lit(asOf.toString()))
        .withColumn(RUN_ID, lit(runId)));
  }

  /**
   * The least-squares slope of {@code y} on the month index over the rows where {@code y} is set:
   * (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), in exact decimals; null when the denominator is 0.
   */
  static Column slope(Column y) {
    Column x = when(y.isNotNull(), col(X));
    Column n = Aggregates.exactly(count(y));
    Column sx = sum(x);
    Column sy = sum(y);
    Column sxy = sum(x.multiply(y));
    Column sxx = sum(x.multiply(x));
    Column denominator = n.multiply(sxx).minus(sx.multiply(sx));
    return when(denominator.notEqual(0), n.multiply(sxy).minus(sx.multiply(sy)).divide(denominator));
  }

  private static Column trajectory(Settings.ReportSettings settings) {
    Column margin = col(MARGIN_PCT_SLOPE);
    Column satisfaction = col(SATISFACTION_SLOPE);
    Column flat = abs(margin).leq(lit(settings.marginSlopeTolerance()))
        .and(abs(satisfaction).leq(lit(settings.satisfactionSlopeTolerance())));
    Column steady = col(CLASSIFIED_DEALS).lt(MIN_CLASSIFIED_DEALS).or(margin.isNull()).or(satisfaction.isNull()).or(flat);
    Column marginRising = margin.geq(0);
    Column satisfactionRising = satisfaction.geq(0);
    return when(steady, lit(STEADY))
        .when(marginRising.and(satisfactionRising), lit(CONVERGING))
        .when(marginRising, lit(EXTRACTION))
        .when(satisfactionRising, lit(BUYING_LOYALTY))
        .otherwise(lit(MUTUAL_DECLINE));
  }
}
