package dev.winwin.enrich;

import static dev.winwin.schema.Columns.AMOUNT;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.DEAL_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Types;

/**
 * Sums a deal's child amounts (price adjustments, cost lines) in the base currency, each converted
 * at the rate of its own currency for the deal's close month.
 */
public final class DealTotals {
  private static final String DEAL_KEY = "__deal";

  private DealTotals() {}

  /**
   * Grain in: one row per child row ({@code deal_id}, {@code amount}, {@code currency}). Grain out:
   * one row per deal with at least one child: {@code deal_id}, {@code totalColumn} (money),
   * {@code countColumn} (number of rows).
   *
   * @param deals the deals to total for: {@code deal_id}, {@code close_month}; children of other
   *     deals are left out
   */
  public static Dataset<Row> perDeal(Dataset<Row> children, Dataset<Row> deals, Dataset<Row> fx, String baseCurrency,
      String totalColumn, String countColumn) {
    Dataset<Row> withMonth = children.join(
        deals.select(col(DEAL_ID).as(DEAL_KEY), col(CLOSE_MONTH)), col(DEAL_ID).equalTo(col(DEAL_KEY)), "inner");
    return BaseCurrency.withRate(withMonth, CLOSE_MONTH, fx, baseCurrency)
        .groupBy(col(DEAL_ID))
        .agg(sum(BaseCurrency.inBase(AMOUNT)).cast(Types.MONEY).as(totalColumn), count(lit(1)).as(countColumn));
  }
}
