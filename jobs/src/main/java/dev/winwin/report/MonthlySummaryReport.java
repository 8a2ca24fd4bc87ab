package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.REGION;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.config.Settings;
import dev.winwin.schema.MonthlySummarySchema;
import dev.winwin.schema.Types;

/**
 * {@code monthly_summary}: one row per close month × segment × region × offering type with won and
 * lost deals, revenue, pocket margin, satisfaction, and the count, share and revenue share of each
 * outcome. Win-lose is split by who won it. Partitioned by {@code close_month}.
 *
 * <p>Revenue is the invoice amount in the base currency. {@code pocket_margin_pct} is Σ margin /
 * Σ pocket revenue over the deals with cost lines; {@code mean_satisfaction} the mean over deals
 * with responses; outcome shares are of all won deals (they add up to 1), and
 * {@code win_win_share_of_classified} of the classified ones, with its 95 % Wilson interval.
 */
public final class MonthlySummaryReport {
  private static final String WON = "__won";

  private MonthlySummaryReport() {}

  /**
   * @param dealOutcomes the {@code deal_outcomes} rows of the window
   * @param lostDeals the lost deals of the window: {@code close_month, segment, region, offering_type}
   * @param settings {@code provisional-below} marks the months with too few classified deals
   * @return the columns of {@link MonthlySummarySchema}
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, Dataset<Row> lostDeals, Settings.ReportSettings settings, String runId) {
    Column[] keys = {col(CLOSE_MONTH), col(SEGMENT), col(REGION), col(OFFERING_TYPE)};
    // Lost deals come in with null metrics and outcome, so they count only in deals_lost and win_rate.
    Dataset<Row> deals = dealOutcomes.withColumn(WON, lit(true))
        .unionByName(lostDeals.select(keys).withColumn(WON, lit(false)), true);
    Column revenue = Aggregates.invoiceRevenue();
    Column wonCount = count(when(col(WON), lit(1)));
    List<Column> aggregates = new ArrayList<>(List.of(
        wonCount.as(DEALS_WON),
        count(when(col(WON).equalTo(false), lit(1))).as(DEALS_LOST),
        Aggregates.shareOf(wonCount, count(lit(1))).as(WIN_RATE),
        revenue.cast(Types.MONEY).as(INVOICE_REVENUE),
        coalesce(sum(col(POCKET_REVENUE)), lit(BigDecimal.ZERO)).cast(Types.MONEY).as(POCKET_REVENUE),
        sum(when(col(COST_LINES).gt(0), col(POCKET_MARGIN))).cast(Types.MONEY).as(POCKET_MARGIN),
        Aggregates.pocketMarginPct().as(POCKET_MARGIN_PCT),
        Aggregates.meanSatisfaction().as(MEAN_SATISFACTION)));
    aggregates.addAll(Aggregates.winWinShareWithInterval());
    aggregates.addAll(Aggregates.outcomeMix(wonCount, Optional.of(revenue)));
    Dataset<Row> rows = deals.groupBy(keys).agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    return MonthlySummarySchema.SCHEMA.conform(ProvisionalMonths.mark(rows, dealOutcomes, settings.provisionalBelow())
        .withColumn(RUN_ID, lit(runId)));
  }
}
