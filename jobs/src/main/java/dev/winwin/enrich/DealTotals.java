package dev.winwin.enrich;

import static dev.winwin.schema.Columns.AMOUNT;
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
  private DealTotals() {}

  /**
   * Grain in: one row per child row of a won deal ({@code deal_id}, {@code amount}, {@code fx_rate}
   * of its currency at the deal's close month, as validation attaches it). Grain out: one row per deal with at least one child: {@code deal_id},
   * {@code totalColumn} (money), {@code countColumn} (number of rows).
   *
   * <p>The child rows carry their rate from validation, so no join with the deals or the FX table
   * is needed here and Spark sums each partition's rows before the shuffle.
   */
  public static Dataset<Row> perDeal(Dataset<Row> children, String totalColumn, String countColumn) {
    return children
        .groupBy(col(DEAL_ID))
        .agg(sum(BaseCurrency.inBase(AMOUNT)).cast(Types.MONEY).as(totalColumn), count(lit(1)).as(countColumn));
  }
}
