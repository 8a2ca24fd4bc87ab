package dev.winwin.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.quality.Rejudgement;
import dev.winwin.schema.Source;
import dev.winwin.testing.TestSpark;

/**
 * The judged cache serves an exact judgement again, offers the latest committed one as the start of
 * a judgement of other files (with the files that are new and gone), and never trusts or keeps what
 * a killed run left.
 */
class JudgedCacheTest {
  /** The counts stored with a test judgement. */
  record Counts(long rows) {}

  @TempDir
  Path output;

  @Test
  void servesAnExactJudgementAgainAndStartsOtherFilesFromTheLatestOne() throws IOException {
    StagedStore.StagedInput first = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"), file(Source.DEALS, "deals/b.csv", 1, "run-1"));
    judge(first, cache -> cache.previous(TestSpark.session()), 10);

    JudgedCache.Judged<Counts> again = open(first, false, cache -> cache.read(TestSpark.session())).orElseThrow();
    assertEquals(new Counts(10), again.counts());

    // b.csv changed (staged again with a new id), c.csv is new, a.csv is unchanged.
    StagedStore.StagedInput second = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"), file(Source.DEALS, "deals/b.csv", 2, "run-2"),
        file(Source.DEALS, "deals/c.csv", 3, "run-2"));
    Rejudgement.Previous previous = judge(second, cache -> cache.previous(TestSpark.session()), 12).orElseThrow();
    assertEquals(Set.of(2, 3), previous.newFiles());
    assertEquals(Set.of(1), previous.goneFiles());
    assertEquals(1, entries().size(), "the earlier judgement is removed once the new one is committed");
    assertEquals(new Counts(12), open(second, false, cache -> cache.read(TestSpark.session())).orElseThrow().counts());
  }

  @Test
  void neverTrustsAnEntryAKilledRunLeftAndStartsFromTheLastCommittedOne() throws IOException {
    StagedStore.StagedInput first = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"));
    judge(first, cache -> Optional.empty(), 1);
    StagedStore.StagedInput second = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"), file(Source.DEALS, "deals/b.csv", 1, "run-2"));
    // A run killed after writing its rows, before its counts.
    try (OutputLock lock = lock()) {
      JudgedCache<Counts> killed = JudgedCache.open(lock, second, "USD", Counts.class, false);
      writeEverySource(killed);
    }
    assertEquals(2, folders("layers").size());

    Optional<Rejudgement.Previous> previous = open(second, false, cache -> cache.previous(TestSpark.session()));

    assertEquals(Set.of(1), previous.orElseThrow().newFiles());
    assertEquals(1, folders("layers").size(), "the killed run's rows are removed");
    assertEquals(1, entries().size());
  }

  @Test
  void judgesEverythingAfterARestageOrWithAnotherBaseCurrencyOrWhenFileIdsNameOtherRows() throws IOException {
    StagedStore.StagedInput first = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"), file(Source.DEALS, "deals/b.csv", 1, "run-1"));
    judge(first, cache -> Optional.empty(), 1);
    StagedStore.StagedInput second = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"), file(Source.DEALS, "deals/c.csv", 2, "run-2"));

    assertTrue(open(second, "EUR", false, cache -> cache.previous(TestSpark.session())).isEmpty(), "another base currency");
    judge(first, cache -> Optional.empty(), 1);
    // The staged store started again: id 1 now names the rows of c.csv.
    StagedStore.StagedInput restarted = input(file(Source.DEALS, "deals/a.csv", 0, "run-1"), file(Source.DEALS, "deals/c.csv", 1, "run-3"));
    assertTrue(open(restarted, false, cache -> cache.previous(TestSpark.session())).isEmpty(), "a file id naming other rows");
    assertTrue(open(second, true, cache -> cache.previous(TestSpark.session())).isEmpty(), "--restage");
    assertTrue(entries().isEmpty(), "--restage forgets every judgement");
  }

  @Test
  void readsAJudgementOfLayersEachReplacingWhatItJudgedAgainAndFoldsThemAfterAFew() {
    List<StagedStore.StagedFile> files = new ArrayList<>(List.of(file(Source.DEALS, "deals/a.csv", 0, "run-0")));
    try (OutputLock lock = lock()) {
      JudgedCache<Counts> cache = JudgedCache.open(lock, input(files), "USD", Counts.class, false);
      writeEverySource(cache, rows(0, "D1", "D2"));
      cache.commit(new Counts(2), true);
    }
    // Each run brings a new file with a new version of D2, and judges D2 again.
    for (int run = 1; run < JudgedCache.MAX_LAYERS; run++) {
      files.add(file(Source.DEALS, "deals/" + run + ".csv", run, "run-" + run));
      try (OutputLock lock = lock()) {
        JudgedCache<Counts> cache = JudgedCache.open(lock, input(files), "USD", Counts.class, false);
        Rejudgement.Previous previous = cache.previous(TestSpark.session()).orElseThrow();
        assertEquals(Set.of(run), previous.newFiles());
        assertFalse(previous.fold(), "run " + run);
        writeEverySource(cache, rows(run, "D2"));
        cache.write(Rejudgement.CHANGED_DEALS, ids("deal_id", "D2"));
        for (Source source : Source.values()) {
          if (source.isDealChild()) {
            cache.write(Rejudgement.changedIdsName(source), ids(source.idColumn().orElseThrow()));
          }
        }
        cache.commit(new Counts(2), false);
      }
    }

    JudgedCache.Judged<Counts> judged = open(input(files), false, cache -> cache.read(TestSpark.session())).orElseThrow();
    // D1 and its child rows from the first layer; D2 and its child rows only from the last layer that judged it
    for (Source source : List.of(Source.DEALS, Source.COST_LINES)) {
      assertEquals(List.of("[0,D1]", "[" + (JudgedCache.MAX_LAYERS - 1) + ",D2]"), judged.sources().get(source)
          .select("file_id", "deal_id").collectAsList().stream().map(Row::toString).sorted().toList(), source.folder());
    }
    files.add(file(Source.DEALS, "deals/x.csv", 99, "run-99"));
    assertTrue(open(input(files), false, cache -> cache.previous(TestSpark.session())).orElseThrow().fold(),
        "after " + JudgedCache.MAX_LAYERS + " layers a run writes every judged row again");
  }

  /** Opens the cache for {@code input}, asks it {@code ask}, writes and commits a judgement with {@code rows}. */
  private <T> T judge(StagedStore.StagedInput input, Function<JudgedCache<Counts>, T> ask, long rows) {
    try (OutputLock lock = lock()) {
      JudgedCache<Counts> cache = JudgedCache.open(lock, input, "USD", Counts.class, false);
      T answer = ask.apply(cache);
      writeEverySource(cache);
      cache.commit(new Counts(rows), true);
      return answer;
    }
  }

  private <T> T open(StagedStore.StagedInput input, boolean restage, Function<JudgedCache<Counts>, T> ask) {
    return open(input, "USD", restage, ask);
  }

  private <T> T open(StagedStore.StagedInput input, String baseCurrency, boolean restage, Function<JudgedCache<Counts>, T> ask) {
    try (OutputLock lock = lock()) {
      return ask.apply(JudgedCache.open(lock, input, baseCurrency, Counts.class, restage));
    }
  }

  private static void writeEverySource(JudgedCache<Counts> cache) {
    writeEverySource(cache, rows(0, "D1"));
  }

  /** Writes {@code rows} as every source's judged rows, each child row with an id of its own. */
  private static void writeEverySource(JudgedCache<Counts> cache, Function<Source, Dataset<Row>> rows) {
    for (Source source : Source.values()) {
      cache.write(source.folder(), rows.apply(source));
    }
  }

  /** Rows of file {@code fileId}, one per deal; a child source's rows have their own id too ("X" and the deal's). */
  private static Function<Source, Dataset<Row>> rows(int fileId, String... dealIds) {
    return source -> {
      List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>(List.of(
          DataTypes.createStructField("file_id", DataTypes.IntegerType, false),
          DataTypes.createStructField("deal_id", DataTypes.StringType, true)));
      source.idColumn().filter(id -> source.isDealChild())
          .ifPresent(id -> fields.add(DataTypes.createStructField(id, DataTypes.StringType, true)));
      List<Row> rows = new ArrayList<>();
      for (String dealId : dealIds) {
        rows.add(source.isDealChild() ? RowFactory.create(fileId, dealId, "X" + dealId) : RowFactory.create(fileId, dealId));
      }
      return TestSpark.session().createDataFrame(rows, DataTypes.createStructType(fields));
    };
  }

  private static Dataset<Row> ids(String column, String... ids) {
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(RowFactory.create(id));
    }
    return TestSpark.session().createDataFrame(rows, DataTypes.createStructType(List.of(
        DataTypes.createStructField(column, DataTypes.StringType, true))));
  }

  private OutputLock lock() {
    return OutputLock.acquire(Location.local(output), "test", new OutputLock.Policy(Duration.ofHours(6), false));
  }

  private List<Path> entries() throws IOException {
    return folders("entries");
  }

  private List<Path> folders(String kind) throws IOException {
    try (var stream = Files.list(output.resolve("_staged/judged/" + kind))) {
      return stream.toList();
    }
  }

  private static StagedStore.StagedFile file(Source source, String path, int id, String batch) {
    return new StagedStore.StagedFile(source, path, 100, id, batch, 1, StagedStore.Use.REUSED);
  }

  private static StagedStore.StagedInput input(StagedStore.StagedFile... files) {
    return input(List.of(files));
  }

  private static StagedStore.StagedInput input(List<StagedStore.StagedFile> files) {
    Map<Source, List<StagedStore.StagedFile>> bySource = new EnumMap<>(Source.class);
    Map<Source, List<String>> parts = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      bySource.put(source, new ArrayList<>());
      parts.put(source, List.of());
    }
    for (StagedStore.StagedFile file : files) {
      bySource.get(file.source()).add(file);
    }
    return new StagedStore.StagedInput(bySource, parts, List.of());
  }
}
