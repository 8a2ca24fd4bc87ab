package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Marks the rows of a month whose classified share of won deals is below
 * {@code reports.provisional-below}: most of its surveys and costs are still to come, so its shares
 * will move. The share is the whole month's (every segment, rep and group), compared exactly:
 * {@code classified < below × won}. A month without won deals is not provisional.
 */
final class ProvisionalMonths {
  private ProvisionalMonths() {}

  /**
   * Grain in and out: the rows of a report with {@code close_month}; adds {@code provisional}.
   *
   * @param dealOutcomes every won deal of the report's months
   */
  static Dataset<Row> mark(Dataset<Row> reportRows, Dataset<Row> dealOutcomes, BigDecimal below) {
    Column provisional = Aggregates.exactly(Aggregates.classifiedDeals()).lt(lit(below).multiply(Aggregates.exactly(count(lit(1)))));
    Dataset<Row> months = dealOutcomes.groupBy(col(CLOSE_MONTH)).agg(provisional.as(PROVISIONAL));
    return reportRows.join(months, CLOSE_MONTH, "left").withColumn(PROVISIONAL, coalesce(col(PROVISIONAL), lit(false)));
  }
}
