package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.strings;
import static dev.winwin.testing.Tables.table;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;

/** A month is provisional when its classified share of won deals is strictly below the threshold (0.6 here). */
class ProvisionalMonthsTest {

  @Test
  void marksMonthsBelowTheThresholdOnTheWholeMonthsWonDeals() {
    Dataset<Row> outcomes = table(strings(CLOSE_MONTH, OUTCOME),
        // January: 3 of 5 classified = 0.6, exactly the threshold: not provisional
        row("2026-01", "win-win"), row("2026-01", "lose-lose"), row("2026-01", "win-lose"),
        row("2026-01", "unclassified"), row("2026-01", "unclassified"),
        // February: 2 of 5 = 0.4
        row("2026-02", "win-win"), row("2026-02", "win-lose"),
        row("2026-02", "unclassified"), row("2026-02", "unclassified"), row("2026-02", "unclassified"));
    // the report's rows: two groups in January and February, and March, a month with lost deals only
    Dataset<Row> rows = table(strings(CLOSE_MONTH, "group"),
        row("2026-01", "a"), row("2026-01", "b"), row("2026-02", "a"), row("2026-03", "a"));

    Map<String, Row> marked = RowAssert.byKey(ProvisionalMonths.mark(rows, outcomes, new BigDecimal("0.6")), CLOSE_MONTH, "group");

    assertRow(marked, "2026-01/a", PROVISIONAL, false);
    assertRow(marked, "2026-01/b", PROVISIONAL, false);
    assertRow(marked, "2026-02/a", PROVISIONAL, true);
    assertRow(marked, "2026-03/a", PROVISIONAL, false);
  }
}
