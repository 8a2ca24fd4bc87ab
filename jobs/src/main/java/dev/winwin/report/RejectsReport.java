package dev.winwin.report;

import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.STATUS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Collection;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.quality.Validation;
import dev.winwin.schema.RejectsSchema;

/**
 * {@code rejects}: one row per rejected input row: its source, file (relative to the input root),
 * line or row number, raw text and reasons, and the run that rejected it. Partitioned by
 * {@code run_id} and published whole by each run: it holds the latest run's rejects only (DOMAIN §7).
 */
public final class RejectsReport {
  private RejectsReport() {}

  /**
   * @param judged every source as {@link Validation#validate} returns it
   * @param files every input file of the run: {@code file_id}, {@code source_file}
   * @return the columns of {@link RejectsSchema}: each source is conformed to it before the union
   */
  public static Dataset<Row> build(Collection<Dataset<Row>> judged, Dataset<Row> files, String runId) {
    Dataset<Row> sourceFiles = broadcast(files.select(col(FILE_ID), col(SOURCE_FILE)));
    return judged.stream()
        .map(rows -> RejectsSchema.SCHEMA.conform(
            rows.filter(col(STATUS).equalTo(Validation.REJECTED)).join(sourceFiles, FILE_ID).withColumn(RUN_ID, lit(runId))))
        .reduce(Dataset::unionByName)
        .orElseThrow();
  }
}
