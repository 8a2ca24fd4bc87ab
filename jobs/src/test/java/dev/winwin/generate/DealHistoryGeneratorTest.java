package dev.winwin.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generator on a small tree: 300 deals over 6 months, with a 10% dirty share so that every
 * defect kind occurs in every source. The checks read the files back with a minimal line-based parser of
 * their own, independent of the generator's writer.
 */
class DealHistoryGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SOURCES =
      List.of(
          "deals", "price_adjustments", "cost_lines", "surveys", "negotiation_events", "fx_rates");

  @TempDir static Path temp;
  private static Path tree;
  private static GenerationReport report;

  @BeforeAll
  static void generate() throws IOException {
    tree = temp.resolve("first");
    report = DealHistoryGenerator.generate(options(tree, 0.10));
  }

  private static DealHistoryGenerator.Options options(Path output, double dirtyShare) {
    return options(output, dirtyShare, OutputFormat.MIXED);
  }

  private static DealHistoryGenerator.Options options(Path output, double dirtyShare, OutputFormat format) {
    return new DealHistoryGenerator.Options(
        300, 6, YearMonth.of(2026, 10), 20261031L, output, dirtyShare, DealHistoryGenerator.CHUNK_DEALS, format);
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void sameOptionsWriteByteIdenticalFilesWithTheFormatsExtension(OutputFormat format) throws IOException {
    Path first = temp.resolve(format + "-first");
    Path second = temp.resolve(format + "-second");
    DealHistoryGenerator.generate(options(first, 0.10, format));
    DealHistoryGenerator.generate(options(second, 0.10, format));

    List<Path> files = relativeFiles(first);
    assertEquals(files, relativeFiles(second));
    for (Path file : files) {
      assertArrayEquals(
          Files.readAllBytes(first.resolve(file)),
          Files.readAllBytes(second.resolve(file)),
          file + " differs between two runs");
    }
    for (Source source : Source.values()) {
      String extension = "." + format.of(source).extension();
      for (Path file : files(first, source.folder())) {
        assertTrue(file.toString().endsWith(extension), file + " is not " + extension);
      }
    }
  }

  /** The README's command for the bundled sample: same options, same bytes, whatever the writer's internals. */
  @Test
  void regeneratesTheBundledSampleByteForByte() throws IOException {
    Path sample = Path.of("sample-data");
    Path again = temp.resolve("sample");
    DealHistoryGenerator.generate(
        new DealHistoryGenerator.Options(2400, 24, YearMonth.of(2026, 10), 20261031L, again, 0.01));

    List<Path> bundled = relativeFiles(sample).stream().filter(file -> !file.toString().equals("README.md")).toList();
    assertEquals(bundled, relativeFiles(again));
    for (Path file : bundled) {
      assertEquals(-1L, Files.mismatch(sample.resolve(file), again.resolve(file)), file.toString());
    }
  }

  @Test
  void cleanRowsDoNotDependOnTheDirtyShare() throws IOException {
    Path clean = temp.resolve("clean");
    GenerationReport cleanReport = DealHistoryGenerator.generate(options(clean, 0.0));

    for (String source : SOURCES) {
      assertEquals(0, cleanReport.injected(source), source);
      Set<String> cleanLines = new HashSet<>(dataLines(clean, source));
      List<String> dirtyLines = dataLines(tree, source);
      long kept = dirtyLines.stream().filter(cleanLines::contains).distinct().count();
      assertEquals(cleanLines.size(), kept, source + ": a clean row is missing when dirty");
    }
  }

  @Test
  void everySourceFolderHasItsColumns() throws IOException {
    assertColumns("deals", Source.DEALS.columns());
    assertColumns("price_adjustments", Source.PRICE_ADJUSTMENTS.columns());
    assertColumns("cost_lines", Source.COST_LINES.columns());
    assertColumns("surveys", Source.SURVEYS.columns());
    assertColumns("negotiation_events", Source.NEGOTIATION_EVENTS.columns());
    assertColumns("fx_rates", Source.FX_RATES.columns());
    assertTrue(Files.exists(tree.resolve("deals/deals_open.csv")));
    assertTrue(Files.exists(tree.resolve("deals/deals_2026.csv")));
  }

  @Test
  void expectedRejectsFileMatchesTheReport() throws IOException {
    JsonNode expected = JSON.readTree(tree.resolve("expected_rejects.json").toFile());

    for (String source : SOURCES) {
      JsonNode counts = expected.get(source);
      assertEquals(dataLines(tree, source).size(), counts.get("rows").asInt(), source);
      assertEquals(report.rowsPerSource().get(source), counts.get("rows").asInt(), source);
      assertEquals(report.injected(source), counts.get("rejected").asInt(), source);
      assertEquals(
          counts.get("rows").asInt(),
          counts.get("accepted").asInt()
              + counts.get("superseded").asInt()
              + counts.get("rejected").asInt(),
          source + " does not reconcile");
      Map<String, Integer> reasons = new TreeMap<>();
      counts.get("reasons").fields().forEachRemaining(
          e -> reasons.put(e.getKey(), e.getValue().asInt()));
      assertEquals(report.injectedPerSource().get(source), reasons, source);
    }
  }

  @Test
  void injectedCountsMatchRowsThatCarryTheDefect() throws IOException {
    Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
    for (String source : SOURCES) {
      rows.put(source, parsedRows(source));
    }
    Set<String> dealIds = new HashSet<>();
    rows.get("deals").forEach(row -> dealIds.add(row.get("deal_id")));

    assertTrue(report.injected("deals", "unknown_currency") > 0, "no bad currency injected");
    for (String source : SOURCES) {
      assertTrue(report.injected(source, "malformed_row") > 0, source + ": no malformed row");
      assertTrue(report.injected(source, "duplicate_id") > 0, source + ": no duplicate");
      List<Map<String, String>> parsed = rows.get(source);
      assertEquals(
          report.injected(source, "malformed_row"),
          dataLines(tree, source).size() - parsed.size(),
          source + " malformed rows");
      assertEquals(
          report.injected(source, "duplicate_id"), repeatedLines(source), source + " duplicates");
      if (!source.equals("deals") && !source.equals("fx_rates")) {
        assertTrue(report.injected(source, "orphan:deal_id") > 0, source + ": no orphan");
        long orphans = parsed.stream().filter(row -> !dealIds.contains(row.get("deal_id"))).count();
        assertEquals(report.injected(source, "orphan:deal_id"), orphans, source + " orphans");
      }
      if (List.of("deals", "price_adjustments", "cost_lines").contains(source)) {
        long unknown = parsed.stream().filter(row -> "XXX".equals(row.get("currency"))).count();
        assertEquals(report.injected(source, "unknown_currency"), unknown, source + " currencies");
      }
    }
    long maybe = rows.get("deals").stream().filter(row -> "maybe".equals(row.get("stage"))).count();
    assertEquals(report.injected("deals", "unknown_enum:stage"), maybe);
  }

  @Test
  void aboutFiftyFivePercentOfDealsAreWon() throws IOException {
    Map<String, Map<String, String>> latest = new TreeMap<>();
    for (Map<String, String> row : parsedRows("deals")) {
      String id = row.get("deal_id");
      boolean cleanId = Integer.parseInt(id.substring(1)) <= 300;
      Map<String, String> known = latest.get(id);
      boolean newer = known == null || row.get("updated_at").compareTo(known.get("updated_at")) > 0;
      if (cleanId && newer) {
        latest.put(id, row);
      }
    }
    assertEquals(300, latest.size());
    long won = latest.values().stream().filter(row -> row.get("stage").equals("won")).count();
    long open = latest.values().stream().filter(row -> row.get("stage").equals("open")).count();
    assertTrue(won >= 0.45 * 300 && won <= 0.65 * 300, "won deals: " + won);
    assertEquals(30, open);
  }

  private static void assertColumns(String source, List<String> columns) throws IOException {
    List<Path> files = files(tree, source);
    assertTrue(!files.isEmpty(), source + " has no files");
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (file.toString().endsWith(".csv")) {
        assertEquals(columns, csvFields(lines.get(0)), file.toString());
      } else {
        List<String> keys = new ArrayList<>();
        JSON.readTree(lines.get(0)).fieldNames().forEachRemaining(keys::add);
        assertEquals(columns, keys, file.toString());
      }
    }
  }

  /** Rows that parse with the right number of fields, as column → value. */
  private static List<Map<String, String>> parsedRows(String source) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Path file : files(tree, source)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      boolean csv = file.toString().endsWith(".csv");
      List<String> header = csv ? csvFields(lines.get(0)) : null;
      for (String line : csv ? lines.subList(1, lines.size()) : lines) {
        Map<String, String> row = csv ? csvRow(header, line) : jsonRow(line);
        if (row != null) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static Map<String, String> csvRow(List<String> header, String line) {
    List<String> fields = csvFields(line);
    if (fields == null || fields.size() != header.size()) {
      return null;
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      row.put(header.get(i), fields.get(i));
    }
    return row;
  }

  private static Map<String, String> jsonRow(String line) {
    try {
      Map<String, String> row = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(line).fields();
      fields.forEachRemaining(
          e -> row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      return row;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** RFC 4180 fields of one line, or {@code null} when a quote is never closed. */
  private static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return quoted ? null : fields;
  }

  private static long repeatedLines(String source) throws IOException {
    List<String> lines = dataLines(tree, source);
    return lines.size() - lines.stream().distinct().count();
  }

  private static List<String> dataLines(Path root, String source) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : files(root, source)) {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      lines.addAll(file.toString().endsWith(".csv") ? all.subList(1, all.size()) : all);
    }
    return lines;
  }

  private static List<Path> files(Path root, String source) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(source))) {
      return files.sorted().toList();
    }
  }

  private static List<Path> relativeFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
