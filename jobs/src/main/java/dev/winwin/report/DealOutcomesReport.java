package dev.winwin.report;

import static dev.winwin.schema.Columns.FX_RATE;
import static dev.winwin.schema.Columns.RUN_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.Types;

/**
 * {@code deal_outcomes}: one row per won deal of the run's window, with every metric of DOMAIN §4,
 * the class and its evidence (§5) and the deal's dimensions. Partitioned by {@code close_month}.
 */
public final class DealOutcomesReport {
  private DealOutcomesReport() {}

  /**
   * Grain in and out: one classified won deal. Stamps the run id and keeps the columns of
   * {@link DealOutcomesSchema}, in its order.
   */
  public static Dataset<Row> build(Dataset<Row> classified, String runId) {
    return DealOutcomesSchema.SCHEMA.conform(classified.withColumn(RUN_ID, lit(runId))
        .withColumn(FX_RATE, col(FX_RATE).cast(Types.PUBLISHED_FX_RATE)));
  }
}
