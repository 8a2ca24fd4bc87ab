package dev.winwin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
  @TempDir Path tmp;

  record Manifest(String runId, YearMonth month, LocalDate asOf, Instant startedAt, Duration took) {}

  @Test
  void writesRecordsWithIsoDatesPrettyPrinted() throws Exception {
    Path file = tmp.resolve("runs/r1/run_manifest.json");
    JsonFiles.write(file, new Manifest("r1", YearMonth.of(2026, 10), LocalDate.of(2026, 11, 2),
        Instant.parse("2026-11-27T05:23:32Z"), Duration.ofMillis(1500)));

    assertEquals("""
        {
          "runId" : "r1",
          "month" : "2026-10",
          "asOf" : "2026-11-02",
          "startedAt" : "2026-11-27T05:23:32Z",
          "took" : "PT1.5S"
        }
        """, Files.readString(file));
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
    Path file = tmp.resolve("run_manifest.json");
    JsonFiles.write(file, List.of(1, 2));
    JsonFiles.write(file, List.of(3));

    assertEquals("[ 3 ]\n", Files.readString(file));
    try (Stream<Path> entries = Files.list(tmp)) {
      assertEquals(List.of(file), entries.toList());
    }
  }
}
