package dev.winwin.generate;

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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator on a small tree: 300 deals over 6 months, with a 10% dirty share so that every
 * defect kind occurs in every source, and the same history clean. The checks read the files back
 * with a minimal line-based parser of their own, independent of the generator's writer.
 */
class DealHistoryGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SOURCES =
      List.of(
          "deals", "price_adjustments", "cost_lines", "surveys", "negotiation_events", "fx_rates");
  private static final YearMonth END = YearMonth.of(2026, 10);
  /** Not a column: the month in the name of the file a parsed row came from. */
  private static final String FILE_MONTH = "(file month)";
  /** {@code name_yyyy-MM.extension}: the file's export month in its name. */
  private static final Pattern MONTHLY_FILE = Pattern.compile("[a-z_]+_(\\d{4}-\\d{2})\\.(csv|jsonl|parquet)");

  @TempDir static Path temp;
  private static Path tree;
  private static Path clean;
  private static GenerationReport report;

  @BeforeAll
  static void generate() throws IOException {
    tree = temp.resolve("first");
    report = DealHistoryGenerator.generate(options(tree, 0.10));
    clean = temp.resolve("clean");
    DealHistoryGenerator.generate(options(clean, 0.0));
  }

  private static DealHistoryGenerator.Options options(Path output, double dirtyShare) {
    return options(output, dirtyShare, OutputFormat.MIXED, END);
  }

  private static DealHistoryGenerator.Options options(Path output, double dirtyShare, OutputFormat format, YearMonth asOf) {
    return new DealHistoryGenerator.Options(
        300, 6, END, 20261031L, output, dirtyShare, DealHistoryGenerator.CHUNK_DEALS, format, asOf);
  }

  /**
   * Same options, same bytes; and the files of an earlier as-of month are the files of those
   * months, byte for byte, and nothing else.
   */
  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void sameOptionsWriteTheSameBytesAndAnEarlierAsOfMonthTheSameFilesWithoutTheLaterMonths(OutputFormat format) throws IOException {
    Path first = temp.resolve(format + "-first");
    Path second = temp.resolve(format + "-second");
    Path august = temp.resolve(format + "-august");
    DealHistoryGenerator.generate(options(first, 0.10, format, END));
    DealHistoryGenerator.generate(options(second, 0.10, format, END));
    DealHistoryGenerator.generate(options(august, 0.10, format, YearMonth.of(2026, 8)));

    assertSameFiles(first, second, relativeFiles(first));
    List<Path> upToAugust = relativeFiles(first).stream()
        .filter(file -> !file.toString().equals(DealHistoryGenerator.EXPECTED_REJECTS))
        .filter(file -> month(file).compareTo("2026-08") <= 0)
        .toList();
    assertTrue(upToAugust.size() < relativeFiles(first).size() - 1, "the whole history has files after 2026-08");
    assertEquals(upToAugust, relativeFiles(august).stream()
        .filter(file -> !file.toString().equals(DealHistoryGenerator.EXPECTED_REJECTS)).toList());
    assertSameFiles(first, august, upToAugust);
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
    assertSameFiles(sample, again, bundled);
  }

  @Test
  void cleanRowsDoNotDependOnTheDirtyShare() throws IOException {
    for (String source : SOURCES) {
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
    assertTrue(Files.exists(tree.resolve("deals/deals_2026-10.csv")));
    assertTrue(Files.exists(tree.resolve("surveys/responses_2026-10.jsonl")));
    for (String source : SOURCES) {
      for (Path file : files(tree, source)) {
        assertTrue(MONTHLY_FILE.matcher(file.getFileName().toString()).matches(), file + " is not named by its month");
      }
    }
  }

  /**
   * A deal version by updated_at, a survey by responded_at, a cost line by period_month, an event
   * by its time, a rate by its month, a price adjustment with its deal's final version.
   */
  @Test
  void everyRowIsInTheFileOfTheMonthItWasExported() throws IOException {
    Map<String, String> finalVersionMonth = new TreeMap<>();
    Map<String, String> latest = new TreeMap<>();
    for (Map<String, String> deal : parsedRows(clean, "deals")) {
      assertEquals(deal.get("updated_at").substring(0, 7), deal.get(FILE_MONTH), deal.toString());
      if (deal.get("updated_at").compareTo(latest.getOrDefault(deal.get("deal_id"), "")) > 0) {
        latest.put(deal.get("deal_id"), deal.get("updated_at"));
        finalVersionMonth.put(deal.get("deal_id"), deal.get(FILE_MONTH));
      }
    }
    for (Map<String, String> survey : parsedRows(clean, "surveys")) {
      assertEquals(survey.get("responded_at").substring(0, 7), survey.get(FILE_MONTH), survey.toString());
    }
    for (Map<String, String> cost : parsedRows(clean, "cost_lines")) {
      assertEquals(cost.get("period_month"), cost.get(FILE_MONTH), cost.toString());
    }
    for (Map<String, String> event : parsedRows(clean, "negotiation_events")) {
      assertEquals(event.get("at").substring(0, 7), event.get(FILE_MONTH), event.toString());
    }
    for (Map<String, String> rate : parsedRows(clean, "fx_rates")) {
      assertEquals(rate.get("month"), rate.get(FILE_MONTH), rate.toString());
    }
    for (Map<String, String> adjustment : parsedRows(clean, "price_adjustments")) {
      assertEquals(finalVersionMonth.get(adjustment.get("deal_id")), adjustment.get(FILE_MONTH), adjustment.toString());
    }
  }

  /** A CRM exports the opportunity when it is created: as of any month, every child row's deal is there. */
  @Test
  void noRowIsExportedBeforeItsDeal() throws IOException {
    Map<String, Map<String, String>> first = new TreeMap<>();
    for (Map<String, String> deal : parsedRows(clean, "deals")) {
      first.merge(deal.get("deal_id"), deal, (a, b) -> a.get("updated_at").compareTo(b.get("updated_at")) <= 0 ? a : b);
    }
    for (Map<String, String> deal : first.values()) {
      assertEquals("open", deal.get("stage"), "the first version is the opportunity as created: " + deal);
      assertEquals(deal.get("created_date"), deal.get("updated_at").substring(0, 10), deal.toString());
    }
    for (String source : List.of("price_adjustments", "cost_lines", "surveys", "negotiation_events")) {
      for (Map<String, String> child : parsedRows(clean, source)) {
        Map<String, String> deal = first.get(child.get("deal_id"));
        assertTrue(deal != null && deal.get(FILE_MONTH).compareTo(child.get(FILE_MONTH)) <= 0,
            source + " row exported before its deal: " + child);
      }
    }
  }

  @Test
  void datesArePlausible() throws IOException {
    Map<String, Map<String, String>> latest = latestVersions(clean);
    for (Map<String, String> deal : parsedRows(clean, "deals")) {
      String created = deal.get("created_date");
      String commit = deal.get("commit_date");
      String close = deal.get("close_date");
      assertTrue(commit.isEmpty() || (created.compareTo(commit) <= 0 && commit.compareTo(close) <= 0), deal.toString());
      assertTrue(close.isEmpty() || created.compareTo(close) <= 0, deal.toString());
      assertTrue(created.compareTo(deal.get("updated_at").substring(0, 10)) <= 0, deal.toString());
    }
    for (Map<String, String> event : parsedRows(clean, "negotiation_events")) {
      Map<String, String> deal = latest.get(event.get("deal_id"));
      String day = event.get("at").substring(0, 10);
      assertTrue(deal.get("created_date").compareTo(day) <= 0 && day.compareTo(deal.get("close_date")) < 0,
          "event outside its deal's life: " + event + " of " + deal);
    }
  }

  /**
   * The unselling effect, on a larger clean history: won deals whose provider made offers, counters
   * or concessions on days after the buyer's commit date are less satisfied and more discounted
   * than won deals with a commit date and events that all came by that date (built in: latent
   * satisfaction −0.12, 2–6% of list given away).
   */
  @Test
  void sellingAfterTheCommitLowersSatisfactionAndGivesMarginAway() throws IOException {
    Path large = temp.resolve("unselling");
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(3000, 12, END, 7L, large, 0.0));
    Map<String, Map<String, String>> deals = latestVersions(large);
    Map<String, Boolean> soldAfterCommit = new TreeMap<>();
    for (Map<String, String> event : parsedRows(large, "negotiation_events")) {
      Map<String, String> deal = deals.get(event.get("deal_id"));
      if (deal.get("stage").equals("won") && !deal.get("commit_date").isEmpty()) {
        boolean after = event.get("party").equals("provider") && List.of("offer", "counter", "concession").contains(event.get("kind"))
            && event.get("at").substring(0, 10).compareTo(deal.get("commit_date")) > 0;
        soldAfterCommit.merge(event.get("deal_id"), after, Boolean::logicalOr);
      }
    }
    Map<String, double[]> satisfaction = new TreeMap<>();
    for (Map<String, String> survey : parsedRows(large, "surveys")) {
      double score = Double.parseDouble(survey.get("score"));
      double percent = survey.get("instrument").equals("csat") ? (score - 1) / 4 * 100 : score * 10;
      double weight = Map.of("decision_maker", 3.0, "influencer", 2.0, "end_user", 1.0).get(survey.get("respondent_role"));
      double[] sums = satisfaction.computeIfAbsent(survey.get("deal_id"), id -> new double[2]);
      sums[0] += weight * percent;
      sums[1] += weight;
    }
    double[] satisfactionSums = new double[4];
    double[] discountSums = new double[4];
    soldAfterCommit.forEach((id, after) -> {
      int group = after ? 0 : 2;
      Map<String, String> deal = deals.get(id);
      discountSums[group] += 1 - Double.parseDouble(deal.get("invoice_amount")) / Double.parseDouble(deal.get("list_amount"));
      discountSums[group + 1]++;
      if (satisfaction.containsKey(id)) {
        satisfactionSums[group] += satisfaction.get(id)[0] / satisfaction.get(id)[1];
        satisfactionSums[group + 1]++;
      }
    });
    assertTrue(discountSums[1] >= 100 && discountSums[3] >= 100, "enough deals in each group: " + Arrays.toString(discountSums));
    double satisfactionGap = satisfactionSums[2] / satisfactionSums[3] - satisfactionSums[0] / satisfactionSums[1];
    double discountGap = discountSums[0] / discountSums[1] - discountSums[2] / discountSums[3];
    assertTrue(satisfactionGap > 6, "satisfaction points lost by selling after the commit: " + satisfactionGap);
    assertTrue(discountGap > 0.02, "discount given by selling after the commit: " + discountGap);
  }

  /** What the file says holds for the tree it sits in, whatever the as-of month. */
  @ParameterizedTest
  @ValueSource(strings = {"2026-10", "2026-07", "2026-03"})
  void expectedRejectsFileMatchesTheReportAndTheFiles(String asOf) throws IOException {
    Path tree = DealHistoryGeneratorTest.tree;
    GenerationReport report = DealHistoryGeneratorTest.report;
    if (!YearMonth.parse(asOf).equals(END)) {
      tree = temp.resolve("as-of-" + asOf);
      report = DealHistoryGenerator.generate(options(tree, 0.10, OutputFormat.MIXED, YearMonth.parse(asOf)));
    }
    JsonNode expected = JSON.readTree(tree.resolve("expected_rejects.json").toFile());

    assertEquals(recountSuperseded(tree), expected.get("deals").get("superseded").asInt(), "superseded deal versions");
    for (String source : SOURCES) {
      JsonNode counts = expected.get(source);
      assertEquals(dataLines(tree, source).size(), counts.get("rows").asInt(), source);
      assertEquals(report.injected(source), injectedRows(tree, source), source + ": the file counts the bad rows the tree holds");
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
      rows.put(source, parsedRows(tree, source));
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
          report.injected(source, "duplicate_id"), repeatedLines(tree, source), source + " duplicates");
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
    for (Map<String, String> row : parsedRows(tree, "deals")) {
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
        for (String line : lines) {
          Map<String, String> row = jsonRow(line);
          if (row != null) {
            assertEquals(columns, List.copyOf(row.keySet()), file.toString());
          }
        }
      }
    }
  }

  /** The latest version of every deal of a tree, by deal id. */
  private static Map<String, Map<String, String>> latestVersions(Path root) throws IOException {
    Map<String, Map<String, String>> latest = new TreeMap<>();
    for (Map<String, String> deal : parsedRows(root, "deals")) {
      latest.merge(deal.get("deal_id"), deal, (a, b) -> a.get("updated_at").compareTo(b.get("updated_at")) >= 0 ? a : b);
    }
    return latest;
  }

  /**
   * Versions of the 300 simulated deals (bad rows have ids of their own) that another version
   * supersedes; an exact copy of a line is a duplicate, not a version.
   */
  private static long recountSuperseded(Path root) throws IOException {
    List<Map<String, String>> versions = parsedRows(root, "deals").stream()
        .filter(row -> Integer.parseInt(row.get("deal_id").substring(1)) <= 300)
        .distinct()
        .toList();
    return versions.size() - versions.stream().map(row -> row.get("deal_id")).distinct().count();
  }

  /**
   * Lines of a source that are not rows of the same history without bad rows: every injected row
   * has a fresh id or is broken, except a duplicate, which is the second copy of a clean line.
   */
  private static long injectedRows(Path root, String source) throws IOException {
    Set<String> cleanLines = new HashSet<>(dataLines(clean, source));
    List<String> lines = dataLines(root, source);
    return lines.size() - lines.stream().filter(cleanLines::contains).distinct().count();
  }

  /** Rows that parse with the right number of fields, as column → value, with the month in the file's name. */
  private static List<Map<String, String>> parsedRows(Path root, String source) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Path file : files(root, source)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      boolean csv = file.toString().endsWith(".csv");
      List<String> header = csv ? csvFields(lines.get(0)) : null;
      for (String line : csv ? lines.subList(1, lines.size()) : lines) {
        Map<String, String> row = csv ? csvRow(header, line) : jsonRow(line);
        if (row != null) {
          row.put(FILE_MONTH, month(file));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The export month in a file's name. */
  private static String month(Path file) {
    Matcher name = MONTHLY_FILE.matcher(file.getFileName().toString());
    assertTrue(name.matches(), file.toString());
    return name.group(1);
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

  private static long repeatedLines(Path root, String source) throws IOException {
    List<String> lines = dataLines(root, source);
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

  /** Each of {@code files} has the same bytes under both roots. */
  private static void assertSameFiles(Path expected, Path actual, List<Path> files) throws IOException {
    for (Path file : files) {
      assertEquals(-1L, Files.mismatch(expected.resolve(file), actual.resolve(file)), file + " differs");
    }
  }

  private static List<Path> relativeFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
