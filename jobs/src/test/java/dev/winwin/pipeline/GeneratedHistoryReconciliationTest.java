package dev.winwin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.config.Settings;
import dev.winwin.config.SettingsLoader;
import dev.winwin.generate.DealHistoryGenerator;
import dev.winwin.generate.OutputFormat;
import dev.winwin.schema.Source;
import dev.winwin.testing.TestSpark;

/**
 * Validation against an independent oracle: the generator knows exactly which bad rows it injected
 * (one defect each) and writes them to {@code expected_rejects.json}; every count and reason must
 * match, whatever format the sources are written in and whatever month the history is written as
 * of (deals then straddle the month: an open version exported, the won one not yet; superseded
 * versions and orphans change with it).
 */
class GeneratedHistoryReconciliationTest {
  @TempDir
  Path input;

  /** Every format, each as of another month of a history that closes deals from 2026-05 to 2026-10. */
  static Stream<Arguments> formatsAndMonths() {
    return Stream.of(
        Arguments.of(OutputFormat.MIXED, "2026-10"),
        Arguments.of(OutputFormat.CSV, "2026-09"),
        Arguments.of(OutputFormat.JSONL, "2026-08"),
        Arguments.of(OutputFormat.PARQUET, "2026-07"),
        Arguments.of(OutputFormat.MIXED, "2026-05"));
  }

  @ParameterizedTest
  @MethodSource("formatsAndMonths")
  void everyInjectedDefectIsRejectedWithItsReasonAndCountsReconcile(OutputFormat format, String asOf) throws IOException {
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(
        400, 6, YearMonth.of(2026, 10), 7L, input, 0.04, DealHistoryGenerator.CHUNK_DEALS, format, YearMonth.parse(asOf)));
    Settings settings = new SettingsLoader(input).load(Optional.empty(), Map.of());

    Map<Source, RunManifest.SourceCounts> counts = new Runner(TestSpark.session(), settings).validate();

    JsonNode expected = new ObjectMapper().readTree(input.resolve("expected_rejects.json").toFile());
    for (Source source : Source.values()) {
      JsonNode want = expected.get(source.folder());
      RunManifest.SourceCounts got = counts.get(source);
      String where = source.folder() + ": ";
      assertEquals(want.get("rows").asLong(), got.read(), where + "read");
      assertEquals(want.get("accepted").asLong(), got.accepted(), where + "accepted");
      assertEquals(want.get("superseded").asLong(), got.superseded(), where + "superseded");
      assertEquals(want.get("rejected").asLong(), got.rejected(), where + "rejected");
      assertEquals(got.read(), got.accepted() + got.superseded() + got.rejected(), where + "read = accepted + superseded + rejected");
      Map<String, Long> wantReasons = new TreeMap<>();
      want.get("reasons").fields().forEachRemaining(e -> wantReasons.put(e.getKey(), e.getValue().asLong()));
      assertEquals(wantReasons, new TreeMap<>(got.reasons()), where + "reasons");
    }
  }
}
