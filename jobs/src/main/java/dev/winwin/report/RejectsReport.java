package dev.winwin.report;

import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.STATUS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.quality.Validation;
import dev.winwin.schema.RejectsSchema;
import dev.winwin.schema.Source;

/**
 * {@code rejects}: one row per rejected input row: its source, file (relative to the input root),
 * line or row number, raw text and reasons, and the run that rejected it. Partitioned by
 * {@code run_id} and published whole by each run: it holds the latest run's rejects only (DOMAIN §7).
 */
public final class RejectsReport {
  private RejectsReport() {}

  /**
   * @param judged every source as {@link Validation#validate} returns it
   * @param staged every source's staged rows: {@code file_id}, {@code row_number} and the
   *     {@code raw} text of every input row, which the judged rows do not carry
   * @param files every input file of the run: {@code file_id}, {@code source_file}
   * @return the columns of {@link RejectsSchema}: each source is conformed to it before the union
   */
  public static Dataset<Row> build(Map<Source, Dataset<Row>> judged, Map<Source, Dataset<Row>> staged, Dataset<Row> files,
      String runId) {
    Dataset<Row> sourceFiles = broadcast(files.select(col(FILE_ID), col(SOURCE_FILE)));
    return judged.entrySet().stream()
        .map(source -> RejectsSchema.SCHEMA.conform(
            withRawText(source.getValue().filter(col(STATUS).equalTo(Validation.REJECTED)), staged.get(source.getKey()))
                .join(sourceFiles, FILE_ID)
                .withColumn(RUN_ID, lit(runId))))
        .reduce(Dataset::unionByName)
        .orElseThrow();
  }

  /**
   * The rejected rows with their raw text from the staged rows. Rejected rows are few: they are
   * broadcast to the scan of the staged text, so the text of the accepted rows is read but never
   * shuffled.
   */
  private static Dataset<Row> withRawText(Dataset<Row> rejected, Dataset<Row> staged) {
    return staged.select(col(FILE_ID), col(ROW_NUMBER), col(RAW)).join(broadcast(rejected), new String[] {FILE_ID, ROW_NUMBER});
  }
}
