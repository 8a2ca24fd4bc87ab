package dev.winwin.quality;

import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.STATUS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Source;

/** The counts that prove nothing was lost: per source and status, and per source and reason. */
public final class Reconciliation {
  public static final String ROWS = "rows";
  public static final String REASON = "reason";

  private Reconciliation() {}

  /** One row per source and status that occurs: {@code source, status, rows}. */
  public static Dataset<Row> byStatus(Map<Source, Dataset<Row>> judged) {
    return judged.values().stream()
        .map(rows -> rows.groupBy(col(SOURCE), col(STATUS)).agg(count(lit(1)).as(ROWS)))
        .reduce(Dataset::unionByName)
        .orElseThrow();
  }

  /** One row per source and reason code among rejected rows: {@code source, reason, rows}. */
  public static Dataset<Row> byReason(Map<Source, Dataset<Row>> judged) {
    return judged.values().stream()
        .map(rows -> rows.filter(col(STATUS).equalTo(Validation.REJECTED))
            .select(col(SOURCE), explode(col(REASONS)).as(REASON))
            .groupBy(col(SOURCE), col(REASON)).agg(count(lit(1)).as(ROWS)))
        .reduce(Dataset::unionByName)
        .orElseThrow();
  }
}
