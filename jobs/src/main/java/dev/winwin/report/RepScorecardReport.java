package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.ON_INVOICE_DISCOUNT_PCT;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.REP_ID;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.RepScorecardSchema.MEAN_ON_INVOICE_DISCOUNT_PCT;
import static dev.winwin.schema.RepScorecardSchema.WIN_WIN_RANK;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_LOW;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import dev.winwin.config.Settings;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.RepScorecardSchema;
import dev.winwin.schema.Types;

/**
 * {@code rep_scorecard}: one row per close month × rep with won or lost deals. Partitioned by
 * {@code close_month}.
 *
 * <p>{@code win_win_share_of_classified} is win-win deals / classified won deals (unclassified
 * deals are left out of both, unlike {@code monthly_summary}'s {@code win_win_share}), with its
 * 95 % Wilson interval. {@code win_win_rank} ranks the reps of a month on the interval's lower
 * bound, highest first, so that a rep with 2 win-win deals of 2 does not top one with 15 of 20 (a
 * small sample has a wide interval and a low lower bound); standard competition order: tied reps
 * share a rank and the next rank is skipped (1, 2, 2, 4). A rep without classified deals that month
 * has no share, no interval and no rank.
 */
public final class RepScorecardReport {
  private static final String WON = "__won";

  private RepScorecardReport() {}

  /**
   * @param dealOutcomes won deals ({@code deal_outcomes} columns)
   * @param lostDeals lost deals with at least {@code close_month, rep_id}
   * @param settings {@code provisional-below} marks the months with too few classified deals
   * @return grain: close month × rep, the columns of {@link RepScorecardSchema}. Means are over the
   *     won deals that have the value.
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, Dataset<Row> lostDeals, Settings.ReportSettings settings, String runId) {
    // Lost deals come in with null metrics and outcome, so they count only in deals_lost and win_rate.
    Dataset<Row> deals = dealOutcomes.withColumn(WON, lit(true))
        .unionByName(lostDeals.select(col(CLOSE_MONTH), col(REP_ID)).withColumn(WON, lit(false)), true);
    Column wonCount = count(when(col(WON), lit(1)));
    List<Column> aggregates = new ArrayList<>(List.of(
        wonCount.as(DEALS_WON),
        count(when(col(WON).equalTo(false), lit(1))).as(DEALS_LOST),
        Aggregates.shareOf(wonCount, count(lit(1))).as(WIN_RATE),
        Aggregates.winWinDeals().as(OutcomeColumns.WIN_WIN.deals()),
        Aggregates.invoiceRevenue().cast(Types.MONEY).as(INVOICE_REVENUE),
        avg(col(ON_INVOICE_DISCOUNT_PCT)).cast(Types.RATIO).as(MEAN_ON_INVOICE_DISCOUNT_PCT),
        Aggregates.pocketMarginPct().as(POCKET_MARGIN_PCT),
        Aggregates.meanSatisfaction().as(MEAN_SATISFACTION)));
    aggregates.addAll(Aggregates.winWinShareWithInterval());
    Dataset<Row> reps = deals.groupBy(col(CLOSE_MONTH), col(REP_ID))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    Column lowerBound = col(WIN_WIN_SHARE_OF_CLASSIFIED_LOW);
    // Reps without classified deals sort last, so they never push a ranked rep down.
    Column ranked = rank().over(Window.partitionBy(col(CLOSE_MONTH)).orderBy(lowerBound.desc_nulls_last()));
    return RepScorecardSchema.SCHEMA.conform(ProvisionalMonths.mark(reps.withColumn(WIN_WIN_RANK, when(lowerBound.isNotNull(), ranked)),
        dealOutcomes, settings.provisionalBelow()).withColumn(RUN_ID, lit(runId)));
  }
}
