package dev.winwin.schema;

import static dev.winwin.schema.Columns.CLOSE_DATE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A deal's close month, the {@code yyyy-MM} of its {@code close_date}: validation groups the judged
 * rows by it and tags child rows with it ({@code deal_won_month}), the reports are partitioned by
 * it, and the pipeline matches them, so all take it from here.
 */
public final class CloseMonth {
  private CloseMonth() {}

  /** The close month of a deal row; null when {@code close_date} is null. */
  public static Column of() {
    return date_format(col(CLOSE_DATE), "yyyy-MM");
  }

  /**
   * Adds {@code close_month} to deals.
   *
   * <p>Grain unchanged; null close date gives null close month.
   */
  public static Dataset<Row> withCloseMonth(Dataset<Row> deals) {
    return deals.withColumn(CLOSE_MONTH, of());
  }
}
