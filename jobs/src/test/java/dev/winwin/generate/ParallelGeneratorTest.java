package dev.winwin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.config.Settings;
import dev.winwin.config.SettingsLoader;
import dev.winwin.pipeline.RunManifest;
import dev.winwin.pipeline.Runner;
import dev.winwin.schema.Source;
import dev.winwin.testing.TestSpark;

/**
 * A history written in parts by Spark tasks, each part several chunks: deterministic, a subset of
 * itself as of an earlier month, and still a valid, reconciling input tree.
 */
class ParallelGeneratorTest {
  @TempDir
  Path temp;

  /** Parquet as well, because its files are written by a library inside the Spark tasks and joined from chunks. */
  @ParameterizedTest
  @EnumSource(value = OutputFormat.class, names = {"MIXED", "PARQUET"})
  void historyInPartsIsByteIdenticalAcrossRunsAndAsOfAnEarlierMonthAndReconciles(OutputFormat format) throws IOException {
    DealHistoryGenerator.Options first = options(temp.resolve("a"), format, YearMonth.of(2026, 10));
    GenerationReport report = ParallelGenerator.generate(TestSpark.session(), first);
    ParallelGenerator.generate(TestSpark.session(), options(temp.resolve("b"), format, YearMonth.of(2026, 10)));
    ParallelGenerator.generate(TestSpark.session(), options(temp.resolve("september"), format, YearMonth.of(2026, 9)));

    assertEquals(13, DealHistoryGenerator.chunks(first));
    assertEquals(DealHistoryGenerator.MAX_PARTS, DealHistoryGenerator.parts(first));
    String extension = "." + format.of(dev.winwin.generate.Source.DEALS).extension();
    assertTrue(report.rowsPerFile().containsKey("deals/deals_2026-10-part-00007" + extension), report.rowsPerFile().keySet().toString());
    long dealFilesOfOctober = files(temp.resolve("a")).stream().filter(f -> f.startsWith("deals/deals_2026-10-")).count();
    assertEquals(DealHistoryGenerator.MAX_PARTS, dealFilesOfOctober, "one file per part and month, not per chunk");
    assertEquals(files(temp.resolve("a")), files(temp.resolve("b")));
    for (String file : files(temp.resolve("a"))) {
      assertEquals(-1L, Files.mismatch(temp.resolve("a").resolve(file), temp.resolve("b").resolve(file)), file);
    }
    List<String> upToSeptember = files(temp.resolve("a")).stream().filter(f -> !f.contains("2026-10")).toList();
    assertEquals(upToSeptember, files(temp.resolve("september")));
    for (String file : upToSeptember.stream().filter(f -> !f.equals("expected_rejects.json")).toList()) {
      assertEquals(-1L, Files.mismatch(temp.resolve("a").resolve(file), temp.resolve("september").resolve(file)), file);
    }

    // Ids stay unique across chunks: validation finds exactly the injected bad rows, no more.
    Settings settings = new SettingsLoader(temp.resolve("a")).load(Optional.empty(), Map.of());
    Map<Source, RunManifest.SourceCounts> counts = new Runner(TestSpark.session(), settings).validate();
    JsonNode expected = new ObjectMapper().readTree(temp.resolve("a").resolve("expected_rejects.json").toFile());
    for (Source source : Source.values()) {
      JsonNode want = expected.get(source.folder());
      Map<String, Long> wantReasons = new TreeMap<>();
      want.get("reasons").fields().forEachRemaining(e -> wantReasons.put(e.getKey(), e.getValue().asLong()));
      assertEquals(want.get("rows").asLong(), counts.get(source).read(), source.folder());
      assertEquals(want.get("superseded").asLong(), counts.get(source).superseded(), source.folder());
      assertEquals(wantReasons, new TreeMap<>(counts.get(source).reasons()), source.folder());
    }
  }

  /** 13 chunks of about 19 deals in 8 parts: some parts write one chunk, others two. */
  private static DealHistoryGenerator.Options options(Path output, OutputFormat format, YearMonth asOf) {
    return new DealHistoryGenerator.Options(250, 6, YearMonth.of(2026, 10), 42L, output, 0.03, 20, format, asOf);
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }
}
