package dev.winwin.enrich;

import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.AT_RISK_SHARE;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.CSAT_RESPONSES;
import static dev.winwin.schema.Columns.NPS_RESPONSES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.DELIVERY_COST;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.LIST_AMOUNT;
import static dev.winwin.schema.Columns.ON_INVOICE_DISCOUNT_PCT;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.PRICE_ADJUSTMENTS;
import static dev.winwin.schema.Columns.PRICE_REALISATION;
import static dev.winwin.schema.Columns.REJECTED_INPUT_ROWS;
import static dev.winwin.schema.Columns.RESPONSES;
import static dev.winwin.schema.Columns.SATISFIED_SHARE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Types;

/**
 * The metrics of DOMAIN §4 for each won deal, money in the base currency.
 *
 * <p>Nulls: a deal without cost lines has null {@code delivery_cost}, {@code pocket_margin} and
 * {@code pocket_margin_pct} (it cannot be judged, see classification); a deal without responses has
 * null satisfaction; {@code pocket_margin_pct} is null when pocket revenue is 0 or less, and
 * {@code at_risk_share} when the invoice is 0 or the at-risk amount unknown; a deal none of whose
 * child rows was rejected has {@code rejected_input_rows} 0.
 */
public final class DealMetrics {
  private static final String DEAL_KEY = "__deal";

  private DealMetrics() {}

  /**
   * Grain in and out: one row per won deal. Adds the metrics of DOMAIN §4, the provider's moves
   * after commitment ({@link Negotiation#afterCommit}) and {@code rejected_input_rows}.
   *
   * @param wonDeals won deals with {@code fx_rate} (their close month's, as validation attaches it) and {@code commit_date}
   * @param adjustments per deal: {@code price_adjustments}
   * @param costs per deal: {@code delivery_cost}, {@code cost_lines}
   * @param satisfaction per deal: see {@link Satisfaction#perDeal}
   * @param negotiation per deal: see {@link Negotiation#perDeal}
   * @param rejectedInputs per deal: see {@link RejectedInputRows#perDeal}
   */
  public static Dataset<Row> build(Dataset<Row> wonDeals, Dataset<Row> adjustments, Dataset<Row> costs,
      Dataset<Row> satisfaction, Dataset<Row> negotiation, Dataset<Row> rejectedInputs) {
    Dataset<Row> joined = wonDeals;
    for (Dataset<Row> perDeal : List.of(adjustments, costs, satisfaction, negotiation, rejectedInputs)) {
      joined = joined.join(perDeal.withColumnRenamed(DEAL_ID, DEAL_KEY), col(DEAL_ID).equalTo(col(DEAL_KEY)), "left")
          .drop(DEAL_KEY);
    }
    Column pocketRevenue = col(INVOICE_AMOUNT).minus(col(PRICE_ADJUSTMENTS));
    Column pocketMargin = col(POCKET_REVENUE).minus(col(DELIVERY_COST));
    return Negotiation.afterCommit(joined)
        .withColumn(ON_INVOICE_DISCOUNT_PCT, lit(BigDecimal.ONE).minus(col(INVOICE_AMOUNT).divide(col(LIST_AMOUNT))).cast(Types.RATIO))
        .withColumn(AT_RISK_SHARE, when(col(INVOICE_AMOUNT).gt(0), col(AT_RISK_AMOUNT).divide(col(INVOICE_AMOUNT))).cast(Types.RATIO))
        .withColumn(LIST_AMOUNT, BaseCurrency.inBase(LIST_AMOUNT))
        .withColumn(INVOICE_AMOUNT, BaseCurrency.inBase(INVOICE_AMOUNT))
        .withColumn(AT_RISK_AMOUNT, BaseCurrency.inBase(AT_RISK_AMOUNT))
        .withColumn(PRICE_ADJUSTMENTS, coalesce(col(PRICE_ADJUSTMENTS), lit(BigDecimal.ZERO).cast(Types.MONEY)))
        .withColumn(COST_LINES, coalesce(col(COST_LINES), lit(0L)))
        .withColumn(RESPONSES, coalesce(col(RESPONSES), lit(0L)))
        .withColumn(CSAT_RESPONSES, coalesce(col(CSAT_RESPONSES), lit(0L)))
        .withColumn(NPS_RESPONSES, coalesce(col(NPS_RESPONSES), lit(0L)))
        .withColumn(REJECTED_INPUT_ROWS, coalesce(col(REJECTED_INPUT_ROWS), lit(0L)))
        .withColumn(POCKET_REVENUE, pocketRevenue.cast(Types.MONEY))
        .withColumn(POCKET_MARGIN, pocketMargin.cast(Types.MONEY))
        .withColumn(POCKET_MARGIN_PCT, when(col(POCKET_REVENUE).gt(0), col(POCKET_MARGIN).divide(col(POCKET_REVENUE))).cast(Types.RATIO))
        .withColumn(PRICE_REALISATION, when(col(LIST_AMOUNT).gt(0), col(POCKET_REVENUE).divide(col(LIST_AMOUNT))).cast(Types.RATIO))
        .withColumn(SATISFIED_SHARE,
            col(Satisfaction.SATISFIED_WEIGHT).divide(col(Satisfaction.RESPONSE_WEIGHT)).cast(Types.RATIO));
  }
}
