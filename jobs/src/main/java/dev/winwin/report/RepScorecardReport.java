package dev.winwin.report;

import static dev.winwin.report.Aggregates.CLASSIFIED_DEALS;
import static dev.winwin.report.Aggregates.WIN_WIN_SHARE_OF_CLASSIFIED;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.ON_INVOICE_DISCOUNT_PCT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.REP_ID;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import dev.winwin.classify.Classification;
import dev.winwin.schema.Types;

/**
 * {@code rep_scorecard}: one row per close month × rep with won or lost deals. Partitioned by
 * {@code close_month}.
 *
 * <p>{@code win_win_share_of_classified} is win-win deals / classified won deals (unclassified
 * deals are left out of both, unlike {@code monthly_summary}'s {@code win_win_share}), and
 * {@code win_win_rank} ranks the reps of a month on it, highest first, in standard competition
 * order: tied reps share a rank and the next rank is skipped (1, 2, 2, 4). A rep without classified
 * deals that month has no share and no rank.
 */
public final class RepScorecardReport {
  public static final String NAME = "rep_scorecard";
  public static final String DEALS_WON = "deals_won";
  public static final String DEALS_LOST = "deals_lost";
  public static final String WIN_RATE = "win_rate";
  public static final String WIN_WIN_DEALS = "win_win_deals";
  public static final String MEAN_DISCOUNT = "mean_on_invoice_discount_pct";
  public static final String INVOICE_REVENUE = "invoice_revenue";
  public static final String MEAN_SATISFACTION = "mean_satisfaction";
  public static final String WIN_WIN_RANK = "win_win_rank";

  private RepScorecardReport() {}

  /**
   * @param dealOutcomes won deals ({@code deal_outcomes} columns)
   * @param lostDeals lost deals with at least {@code close_month, rep_id}
   * @return grain: close month × rep. Means are over the won deals that have the value.
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, Dataset<Row> lostDeals, String runId) {
    String won = "__won";
    Dataset<Row> deals = dealOutcomes.withColumn(won, lit(true))
        .unionByName(lostDeals.select(col(CLOSE_MONTH), col(REP_ID)).withColumn(won, lit(false)), true);
    Column isWon = col(won);
    Column wonCount = count(when(isWon, lit(1)));
    Dataset<Row> reps = deals.groupBy(col(CLOSE_MONTH), col(REP_ID)).agg(
        wonCount.as(DEALS_WON),
        count(when(isWon.equalTo(false), lit(1))).as(DEALS_LOST),
        Aggregates.shareOf(wonCount, count(lit(1))).as(WIN_RATE),
        Aggregates.classifiedDeals().as(CLASSIFIED_DEALS),
        count(when(col(OUTCOME).equalTo(Classification.WIN_WIN), lit(1))).as(WIN_WIN_DEALS),
        Aggregates.winWinShareOfClassified().as(WIN_WIN_SHARE_OF_CLASSIFIED),
        coalesce(sum(col(INVOICE_AMOUNT)), lit(BigDecimal.ZERO)).cast(Types.MONEY).as(INVOICE_REVENUE),
        avg(col(ON_INVOICE_DISCOUNT_PCT)).cast(Types.RATIO).as(MEAN_DISCOUNT),
        Aggregates.pocketMarginPct().as(POCKET_MARGIN_PCT),
        avg(col(SATISFACTION)).cast(Types.SCORE_0_100).as(MEAN_SATISFACTION));
    Column share = col(WIN_WIN_SHARE_OF_CLASSIFIED);
    // Reps without a share sort last, so they never push a ranked rep down.
    Column ranked = rank().over(Window.partitionBy(col(CLOSE_MONTH)).orderBy(share.desc_nulls_last()));
    return reps.withColumn(WIN_WIN_RANK, when(share.isNotNull(), ranked))
        .withColumn(RUN_ID, lit(runId));
  }
}
