package dev.winwin.report;

import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.apache.spark.sql.functions.col;

import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;

/** The 95 % Wilson interval of a share, on the worked example of docs/reports.md and its edge cases. */
class AggregatesTest {

  @Test
  void boundsAShareByItsWilsonInterval() {
    Map<String, Row> intervals = RowAssert.byKey(table("name STRING, part BIGINT, whole BIGINT",
            // docs/reports.md: (5.920729 ∓ 3.785114) / 16.841459
            row("4 of 13", 4L, 13L),
            // √(z²/4) = z/2: 2 / (2 + z²) and 1
            row("2 of 2", 2L, 2L),
            // 0 and z² / (5 + z²) = 3.841459 / 8.841459
            row("0 of 5", 0L, 5L),
            row("0 of 0", 0L, 0L))
        .withColumn("low", Aggregates.wilsonLow(col("part"), col("whole")))
        .withColumn("high", Aggregates.wilsonHigh(col("part"), col("whole"))), "name");

    assertRow(intervals, "4 of 13", "low", dec("0.126807"), "high", dec("0.576307"));
    assertRow(intervals, "2 of 2", "low", dec("0.342380"), "high", dec("1.000000"));
    assertRow(intervals, "0 of 5", "low", dec("0.000000"), "high", dec("0.434482"));
    assertRow(intervals, "0 of 0", "low", null, "high", null);
  }
}
