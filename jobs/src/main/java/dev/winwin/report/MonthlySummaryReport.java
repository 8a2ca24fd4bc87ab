package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.REGION;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.classify.Classification;
import dev.winwin.schema.Types;

/**
 * {@code monthly_summary}: one row per close month × segment × region × offering type with won and
 * lost deals, revenue, pocket margin, satisfaction, and the count, share and revenue share of each
 * outcome. Win-lose is split by who won it. Partitioned by {@code close_month}.
 *
 * <p>Revenue is the invoice amount in the base currency. {@code pocket_margin_pct} is Σ margin /
 * Σ pocket revenue over the deals with cost lines; {@code mean_satisfaction} the mean over deals
 * with responses; shares are of all won deals (they add up to 1).
 */
public final class MonthlySummaryReport {
  public static final String NAME = "monthly_summary";

  /** The outcome keys, each giving {@code <key>_deals}, {@code <key>_share}, {@code <key>_revenue_share}. */
  static final Map<String, Column> OUTCOMES = outcomes();

  private MonthlySummaryReport() {}

  /**
   * @param dealOutcomes the {@code deal_outcomes} rows of the window
   * @param lostDeals the lost deals of the window: {@code close_month, segment, region, offering_type}
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, Dataset<Row> lostDeals, String runId) {
    String won = "__won";
    Column[] keys = {col(CLOSE_MONTH), col(SEGMENT), col(REGION), col(OFFERING_TYPE)};
    Dataset<Row> deals = dealOutcomes.withColumn(won, lit(true))
        .unionByName(lostDeals.select(keys).withColumn(won, lit(false)), true);
    Column isWon = col(won);
    Column revenue = coalesce(sum(when(isWon, col(INVOICE_AMOUNT))), lit(BigDecimal.ZERO));
    Column costed = isWon.and(col(COST_LINES).gt(0));
    Column costedRevenue = sum(when(costed, col(POCKET_REVENUE)));
    Column wonCount = count(when(isWon, lit(1)));
    List<Column> aggregates = new ArrayList<>(List.of(
        wonCount.as("deals_won"),
        count(when(isWon.equalTo(false), lit(1))).as("deals_lost"),
        exactly(wonCount).divide(exactly(count(lit(1)))).cast(Types.RATIO).as("win_rate"),
        revenue.cast(Types.MONEY).as("invoice_revenue"),
        coalesce(sum(when(isWon, col(POCKET_REVENUE))), lit(BigDecimal.ZERO)).cast(Types.MONEY).as(POCKET_REVENUE),
        sum(when(costed, col(POCKET_MARGIN))).cast(Types.MONEY).as(POCKET_MARGIN),
        when(costedRevenue.gt(0), sum(when(costed, col(POCKET_MARGIN))).divide(costedRevenue)).cast(Types.RATIO).as("pocket_margin_pct"),
        avg(when(isWon, col(SATISFACTION))).cast(Types.SCORE_0_100).as("mean_satisfaction")));
    OUTCOMES.forEach((key, matches) -> {
      Column inOutcome = isWon.and(matches);
      aggregates.add(count(when(inOutcome, lit(1))).as(key + "_deals"));
      aggregates.add(when(wonCount.gt(0), exactly(count(when(inOutcome, lit(1)))).divide(exactly(wonCount)))
          .cast(Types.RATIO).as(key + "_share"));
      aggregates.add(when(revenue.gt(0), coalesce(sum(when(inOutcome, col(INVOICE_AMOUNT))), lit(BigDecimal.ZERO)).divide(revenue))
          .cast(Types.RATIO).as(key + "_revenue_share"));
    });
    return deals.groupBy(keys)
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .withColumn(RUN_ID, lit(runId));
  }

  /** A count as a decimal, so that a share of counts is divided exactly rather than in floating point. */
  private static Column exactly(Column count) {
    return count.cast(DataTypes.createDecimalType(20, 0));
  }

  private static Map<String, Column> outcomes() {
    Map<String, Column> outcomes = new LinkedHashMap<>();
    outcomes.put("win_win", col(OUTCOME).equalTo(Classification.WIN_WIN));
    outcomes.put("win_lose_provider", col(OUTCOME).equalTo(Classification.WIN_LOSE).and(col(WINNING_PARTY).equalTo("provider")));
    outcomes.put("win_lose_client", col(OUTCOME).equalTo(Classification.WIN_LOSE).and(col(WINNING_PARTY).equalTo("client")));
    outcomes.put("lose_lose", col(OUTCOME).equalTo(Classification.LOSE_LOSE));
    outcomes.put("unclassified", col(OUTCOME).equalTo(Classification.UNCLASSIFIED));
    return outcomes;
  }

}
