package dev.winwin.enrich;

import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.REJECTED_INPUT_ROWS;
import static dev.winwin.schema.Columns.STATUS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.Collection;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.quality.Validation;

/**
 * How much of a deal's own input was rejected (DOMAIN §5): a deal stays classified when some of its
 * cost lines or surveys were rejected, but it says so, because it was judged on part of its evidence.
 */
public final class RejectedInputRows {
  private RejectedInputRows() {}

  /**
   * Grain in: the judged rows of the deal-child sources (price adjustments, cost lines, surveys,
   * negotiation events), each with {@code deal_id} as read and {@code status}. Grain out: one row per
   * deal id named by at least one rejected row: {@code deal_id, rejected_input_rows}, the number of
   * such rows whatever their reasons (duplicates included). A rejected row without a deal id names
   * no deal and is not counted.
   */
  public static Dataset<Row> perDeal(Collection<Dataset<Row>> judgedChildren) {
    return judgedChildren.stream()
        .map(rows -> rows.filter(col(STATUS).equalTo(Validation.REJECTED).and(col(DEAL_ID).isNotNull())).select(col(DEAL_ID)))
        .reduce(Dataset::union)
        .orElseThrow()
        .groupBy(col(DEAL_ID))
        .agg(count(lit(1)).as(REJECTED_INPUT_ROWS));
  }
}
