package dev.winwin.report;

import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.schema.RejectsSchema;
import dev.winwin.schema.Source;
import dev.winwin.testing.RowAssert;

/**
 * The rejects of two sources: a malformed deal line and a duplicated survey, among accepted rows.
 * The judged rows carry no raw text; each reject takes its own from the staged rows, found by file
 * and row number, where the same row number in another file holds other text.
 */
class RejectsReportTest {
  private static final String JUDGED = "source STRING, file_id INT, row_number BIGINT, reasons ARRAY<STRING>, status STRING";
  private static final String STAGED = "file_id INT, row_number BIGINT, raw STRING";

  @Test
  void listsEveryRejectedRowWithItsFileLineReasonsAndRawText() {
    Map<Source, Dataset<Row>> judged = new EnumMap<>(Source.class);
    Map<Source, Dataset<Row>> staged = new EnumMap<>(Source.class);
    judged.put(Source.DEALS, table(JUDGED,
        row("deals", 1, 2L, List.of(), "accepted"),
        row("deals", 1, 3L, List.of("malformed_row"), "rejected"),
        row("deals", 3, 2L, List.of(), "superseded"),
        row("deals", 3, 3L, List.of(), "accepted")));
    staged.put(Source.DEALS, table(STAGED,
        row(1, 2L, "D1,acme"),
        row(1, 3L, "D2,\"unclosed"),
        row(3, 2L, "D1,acme again"),
        row(3, 3L, "D3,same line number, another file")));
    judged.put(Source.SURVEYS, table(JUDGED,
        row("surveys", 2, 3L, List.of("duplicate_id", "bad_number:score"), "rejected"),
        row("surveys", 2, 4L, List.of(), "accepted")));
    staged.put(Source.SURVEYS, table(STAGED,
        row(2, 3L, "{\"response_id\":\"S1\",\"score\":\"ten\"}"),
        row(2, 4L, "{\"response_id\":\"S2\"}")));
    Dataset<Row> files = table("file_id INT, source_file STRING",
        row(1, "deals/2026-10.csv"), row(2, "surveys/2026-10.jsonl"), row(3, "deals/2026-11.csv"));

    Dataset<Row> rejects = RejectsReport.build(judged, staged, files, "run-1");

    assertEquals(RejectsSchema.SCHEMA.columnNames(), List.of(rejects.columns()));
    Map<String, Row> rows = RowAssert.byKey(rejects, SOURCE, ROW_NUMBER);
    assertEquals(List.of("deals/3", "surveys/3"), List.copyOf(rows.keySet()));
    assertRow(rows, "deals/3", SOURCE_FILE, "deals/2026-10.csv", RAW, "D2,\"unclosed", REASONS, List.of("malformed_row"), RUN_ID, "run-1");
    assertRow(rows, "surveys/3", SOURCE_FILE, "surveys/2026-10.jsonl", RAW, "{\"response_id\":\"S1\",\"score\":\"ten\"}",
        REASONS, List.of("duplicate_id", "bad_number:score"), RUN_ID, "run-1");
  }
}
