package dev.winwin.stage;

import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.ROW_REASONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.ingest.DataFile;
import dev.winwin.ingest.SourceReader;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.schema.Source;
import dev.winwin.testing.TestSpark;

/**
 * The staged store reuses exactly what is unchanged, stages what is new or changed, forgets what is
 * gone, and never trusts what it cannot verify. The input is a handful of hand-written files; the
 * store's answers are checked file by file and against the rows it serves.
 */
class StagedStoreTest {
  private static final String DEALS_HEADER = "deal_id,updated_at,account_id,segment,region,rep_id,offering,offering_type,stage,"
      + "close_date,currency,list_amount,invoice_amount";

  @TempDir
  Path input;

  @TempDir
  Path output;

  @BeforeEach
  void writeInput() throws IOException {
    write("deals/a.csv", DEALS_HEADER, deal("D1"), deal("D2"));
    write("deals/2026/b.csv", DEALS_HEADER, deal("D3"));
    write("cost_lines/costs.csv", "cost_id,deal_id,cost_type,amount,currency", "C1,D1,cogs,10.00,USD");
    write("surveys/responses.jsonl",
        "{\"response_id\":\"S1\",\"deal_id\":\"D1\",\"respondent_role\":\"end_user\",\"instrument\":\"csat\",\"score\":4}");
  }

  @Test
  void reusesUnchangedFilesAndStagesOnlyNewOrChangedOnes() throws IOException {
    StagedStore.StagedInput first = refresh(false);
    assertEquals(Map.of("deals/a.csv", "STAGED", "deals/2026/b.csv", "STAGED", "cost_lines/costs.csv", "STAGED",
        "surveys/responses.jsonl", "STAGED"), uses(first));
    assertEquals(Map.of("deals", 3L, "cost_lines", 1L, "surveys", 1L, "price_adjustments", 0L, "negotiation_events", 0L,
        "fx_rates", 0L), first.rowsPerSource());

    StagedStore.StagedInput second = refresh(false);
    assertEquals(Map.of("deals/a.csv", "REUSED", "deals/2026/b.csv", "REUSED", "cost_lines/costs.csv", "REUSED",
        "surveys/responses.jsonl", "REUSED"), uses(second));
    assertEquals(first.parts(), second.parts());

    write("deals/2026/b.csv", DEALS_HEADER, deal("D3"), deal("D4"));
    write("deals/c.csv", DEALS_HEADER, deal("D5"));
    Files.delete(input.resolve("deals/a.csv"));
    StagedStore.StagedInput third = refresh(false);

    assertEquals(Map.of("deals/2026/b.csv", "STAGED", "deals/c.csv", "STAGED", "cost_lines/costs.csv", "REUSED",
        "surveys/responses.jsonl", "REUSED"), uses(third));
    assertEquals(List.of("deals/a.csv"), third.dropped());
    // the rows of the file as it was staged before, and of the file that is gone, are not served
    assertEquals(List.of("D3", "D4", "D5"), dealIds(third));
  }

  @Test
  void restagesEverythingWhenAskedOrWhenTheRowRulesChanged() throws IOException {
    refresh(false);
    assertTrue(uses(refresh(true)).values().stream().allMatch("STAGED"::equals));

    Path index = output.resolve("_staged/index.json");
    Files.writeString(index, Files.readString(index).replace(StagedStore.fingerprint(), "made-by-other-row-rules"));
    StagedStore.StagedInput afterRulesChanged = refresh(false);

    assertTrue(uses(afterRulesChanged).values().stream().allMatch("STAGED"::equals));
    assertEquals(List.of("D1", "D2", "D3"), dealIds(afterRulesChanged));
    assertEquals(1, batches().size(), "the batches of other row rules are removed");
  }

  @Test
  void stagesAgainWhatADamagedBatchHeldAndRemovesWhatKilledRunsLeft() throws IOException {
    StagedStore.StagedInput first = refresh(false);
    Path part = Path.of(java.net.URI.create(first.parts().get(Source.COST_LINES).get(0)));
    Files.write(part, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    Path leftover = output.resolve("_staged/batches/killed-run/deals/part-00000-0.parquet");
    Files.createDirectories(leftover.getParent());
    Files.write(leftover, new byte[] {4});

    StagedStore.StagedInput second = refresh(false);

    assertTrue(uses(second).values().stream().allMatch("STAGED"::equals), "every file of the damaged batch is staged again");
    assertFalse(Files.exists(leftover.getParent().getParent()));
    assertEquals(1, batches().size());
    assertEquals(List.of("D1", "D2", "D3"), dealIds(second));
  }

  @Test
  void startsColdFromAnIndexItCannotRead() throws IOException {
    refresh(false);
    Files.writeString(output.resolve("_staged/index.json"), "{ \"version\": 1, \"files\": [");

    StagedStore.StagedInput again = refresh(false);

    assertTrue(uses(again).values().stream().allMatch("STAGED"::equals));
    assertEquals(List.of("D1", "D2", "D3"), dealIds(again));
  }

  @Test
  void keepsTheRowRulesVerdictOfEveryStagedRow() {
    StagedStore.StagedInput staged = refresh(false);
    List<Row> deals = staged.rows(TestSpark.session(), Source.DEALS).select(ROW_REASONS).collectAsList();
    assertTrue(deals.stream().allMatch(row -> row.isNullAt(0)), deals::toString);
  }

  @Test
  void keepsItsFilesAndItsJudgementWhenTheOutputRootIsMoved(@TempDir Path moved) throws IOException {
    StagedStore.StagedInput before = refresh(false);
    try (var paths = Files.walk(output)) {
      for (Path path : paths.toList()) {
        Path copy = moved.resolve(output.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }

    StagedStore.StagedInput after = refresh(moved, false);

    assertTrue(uses(after).values().stream().allMatch("REUSED"::equals), uses(after)::toString);
    assertEquals(JudgedCache.key(before, Location.local(output).resolve(StagedStore.FOLDER).uri(), "USD"),
        JudgedCache.key(after, Location.local(moved).resolve(StagedStore.FOLDER).uri(), "USD"));
  }

  private StagedStore.StagedInput refresh(boolean restage) {
    return refresh(output, restage);
  }

  private StagedStore.StagedInput refresh(Path output, boolean restage) {
    Map<Source, List<DataFile>> files = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      files.put(source, SourceReader.dataFiles(TestSpark.session().sparkContext().hadoopConfiguration(), input.toString(), source));
    }
    try (OutputLock lock = OutputLock.acquire(Location.local(output), "test", new OutputLock.Policy(Duration.ofHours(6), false))) {
      return StagedStore.open(lock, restage).refresh(TestSpark.session(), files, "run-" + System.nanoTime());
    }
  }

  private static Map<String, String> uses(StagedStore.StagedInput staged) {
    return staged.files().values().stream().flatMap(List::stream)
        .collect(Collectors.toMap(StagedStore.StagedFile::path, file -> file.use().name(), (a, b) -> a, TreeMap::new));
  }

  private static List<String> dealIds(StagedStore.StagedInput staged) {
    return staged.rows(TestSpark.session(), Source.DEALS).select(DEAL_ID).collectAsList().stream()
        .map(row -> row.getString(0)).sorted().toList();
  }

  private List<Path> batches() throws IOException {
    try (var stream = Files.list(output.resolve("_staged/batches"))) {
      return stream.toList();
    }
  }

  private static String deal(String id) {
    return id + ",2026-03-20T10:00:00Z,A1,enterprise,emea,R1,consulting,differentiated,won,2026-03-15,USD,1000.00,900.00";
  }

  private void write(String file, String... lines) throws IOException {
    Path path = input.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, String.join("\n", lines) + "\n");
  }
}
