package dev.winwin.quality;

import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.STATUS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Source;

/** The counts that prove nothing was lost: per source and status, and per source and reason. */
public final class Reconciliation {
  public static final String ROWS = "rows";

  private Reconciliation() {}

  /**
   * One row per source, status and list of reasons that occurs: {@code source, status, reasons,
   * rows}. The counts per status and per reason both follow from it, so the judged rows are read
   * once; its rows are few (accepted and superseded rows have no reasons).
   */
  public static Dataset<Row> byStatusAndReasons(Map<Source, Dataset<Row>> judged) {
    return judged.values().stream()
        .map(rows -> rows.groupBy(col(SOURCE), col(STATUS), col(REASONS)).agg(count(lit(1)).as(ROWS)))
        .reduce(Dataset::unionByName)
        .orElseThrow();
  }
}
