package dev.winwin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
 * match, whatever format the sources are written in.
 */
class GeneratedHistoryReconciliationTest {
  @TempDir
  Path input;

  @TempDir
  Path output;

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void everyInjectedDefectIsRejectedWithItsReasonAndCountsReconcile(OutputFormat format) throws IOException {
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(
        400, 6, YearMonth.of(2026, 10), 7L, input, 0.04, DealHistoryGenerator.CHUNK_DEALS, format));
    Settings settings = new SettingsLoader(input).load(Optional.empty(), Map.of("output", output.toString()));

    Map<Source, RunManifest.SourceCounts> counts = new Runner(TestSpark.session(), settings).validate(false);

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
