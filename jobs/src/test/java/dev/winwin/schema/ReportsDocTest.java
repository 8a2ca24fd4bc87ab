package dev.winwin.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/reports.md against the declared report schemas: each report's column table (column, type,
 * in order) and the partition column in the table of reports. A row {@code <outcome>_deals} stands
 * for the five outcome columns of that pattern.
 */
class ReportsDocTest {
  private static final Path DOC = Path.of("..", "docs", "reports.md");
  /** A row of the table of reports; the partition column is the first name in its last cell. */
  private static final Pattern OVERVIEW_ROW = Pattern.compile("^\\| \\[`(\\w+)`\\]\\(#\\w+\\) \\|.*\\| `(\\w+)`[^|]*\\|$");
  private static final String COLUMN_TABLE = "| column | type | meaning |";
  private static final Pattern COLUMN_ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\|.*\\|$");

  private static List<String> lines;

  @BeforeAll
  static void read() throws IOException {
    lines = Files.readAllLines(DOC);
  }

  @Test
  void everyReportsColumnsAndTypesAreDocumentedInOrder() {
    for (ReportSchema report : ReportSchemas.ALL) {
      assertEquals(declared(report), documentedColumns(lines, report.name()), () -> "docs/reports.md, section " + report.name()
          + ": its column table differs from " + report.name() + "'s declared schema (column and type, in order)");
    }
  }

  @Test
  void everyReportsPartitionColumnIsDocumented() {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher row = OVERVIEW_ROW.matcher(line);
      if (row.matches()) {
        documented.put(row.group(1), row.group(2));
      }
    }
    Map<String, String> declared = new LinkedHashMap<>();
    ReportSchemas.ALL.forEach(report -> declared.put(report.name(), report.partitionColumn()));
    assertEquals(declared, documented, "docs/reports.md: the table of reports names other partition columns than the code declares");
  }

  @Test
  void aTypeOrAnOrderThatDriftsFromTheDeclarationIsCaught() {
    ReportSchema matrix = MarginSatisfactionMatrixSchema.SCHEMA;
    List<String> otherType = lines.stream().map(line -> line.replace("| `deals` | `BIGINT` |", "| `deals` | `INT` |")).toList();
    assertNotEquals(declared(matrix), documentedColumns(otherType, matrix.name()));
    ReportSchema summary = MonthlySummarySchema.SCHEMA;
    List<String> swapped = new ArrayList<>(lines);
    int deals = swapped.indexOf("| `<outcome>_deals` | `BIGINT` | won deals with the outcome |");
    swapped.add(deals + 1, swapped.remove(deals));
    assertNotEquals(declared(summary), documentedColumns(swapped, summary.name()));
  }

  private static List<String> declared(ReportSchema report) {
    List<String> declared = new ArrayList<>();
    for (StructField field : report.outputType().fields()) {
      declared.add(field.name() + " " + field.dataType().sql());
    }
    return declared;
  }

  /**
   * The rows of the column table in the section {@code ## name}, as "column TYPE". Consecutive
   * {@code <outcome>} rows are one block, repeated per outcome: {@code win_win_deals, win_win_share,
   * win_lose_provider_deals, ...}, as the reports order them.
   */
  private static List<String> documentedColumns(List<String> lines, String name) {
    int section = lines.indexOf("## " + name);
    assertTrue(section >= 0, () -> "docs/reports.md has no section ## " + name);
    int table = -1;
    for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      if (lines.get(i).equals(COLUMN_TABLE)) {
        table = i;
        break;
      }
    }
    assertTrue(table >= 0, () -> "docs/reports.md, section " + name + ", has no table " + COLUMN_TABLE);
    List<String> columns = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (int i = table + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      Matcher row = COLUMN_ROW.matcher(lines.get(i));
      int line = i + 1;
      assertTrue(row.matches(), () -> "docs/reports.md line " + line + " is not a row | `column` | `TYPE` | meaning |");
      String column = row.group(1) + " " + row.group(2);
      if (column.contains(OutcomeColumns.PLACEHOLDER)) {
        block.add(column);
      } else {
        columns.addAll(perOutcome(block));
        block.clear();
        columns.add(column);
      }
    }
    columns.addAll(perOutcome(block));
    return columns;
  }

  private static List<String> perOutcome(List<String> block) {
    List<String> columns = new ArrayList<>();
    for (OutcomeColumns outcome : OutcomeColumns.values()) {
      block.forEach(column -> columns.add(column.replace(OutcomeColumns.PLACEHOLDER, outcome.key())));
    }
    return columns;
  }
}
