package dev.winwin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.generate.DealHistoryGenerator;
import dev.winwin.testing.TestSpark;

/**
 * A run killed with SIGKILL while it writes leaves the published reports as they were, and the
 * next run clears what it left and publishes.
 */
class KilledRunTest {
  @TempDir
  Path temp;

  private Path output;

  @Test
  void killedRunLeavesPublishedReportsIntact() throws Exception {
    Path input = temp.resolve("input");
    output = temp.resolve("out");
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(300, 6, YearMonth.of(2026, 10), 11L, input, 0.0));
    assertEquals(0, WinwinCommand.execute("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString()));
    List<String> published = rows();
    Path current = Files.readSymbolicLink(output.resolve("current"));

    Process run = CliRun.inChildJvm("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
    try {
      awaitStagedReport(run);
    } finally {
      run.destroyForcibly().waitFor();
    }

    assertEquals(current, Files.readSymbolicLink(output.resolve("current")), "the killed run must not have switched the snapshot");
    assertEquals(published, rows());

    assertEquals(0, WinwinCommand.execute("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString()));
    assertEquals(published, rows());
    try (Stream<Path> left = Files.exists(output.resolve(".staging")) ? Files.list(output.resolve(".staging")) : Stream.empty()) {
      assertEquals(0, left.count(), "the next run clears the killed run's staging");
    }
  }

  /** Waits until the child has begun writing a report into its staging folder. */
  private void awaitStagedReport(Process run) throws IOException, InterruptedException {
    Path staging = output.resolve(".staging");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      // Waiting on the process returns at once if it ends, which would be a failure.
      assertFalse(run.waitFor(50, TimeUnit.MILLISECONDS), "the run ended before it could be killed");
      if (Files.isDirectory(staging)) {
        try (Stream<Path> files = Files.walk(staging)) {
          if (files.anyMatch(p -> p.toString().endsWith(".parquet"))) {
            return;
          }
        }
      }
    }
    throw new AssertionError("the run never started writing");
  }

  private List<String> rows() {
    return TestSpark.session().read().parquet(output.resolve("deal_outcomes").toString()).drop("run_id").orderBy("deal_id")
        .collectAsList().stream().map(Row::mkString).collect(Collectors.toList());
  }
}
