package dev.winwin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
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

  /** Where the child JVM's console goes, quoted when it ends too early. */
  private Path log;

  @Test
  void killedRunLeavesPublishedReportsIntact() throws Exception {
    Path input = temp.resolve("input");
    output = temp.resolve("out");
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(300, 6, YearMonth.of(2026, 10), 11L, input, 0.0));
    assertEquals(0, WinwinCommand.execute("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString()));
    List<String> published = rows();
    Path current = Files.readSymbolicLink(output.resolve("current"));

    Process run = winwinProcess("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
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

  @Test
  void runKilledWhileStagingLeavesNothingALaterRunTrusts() throws Exception {
    Path input = temp.resolve("input");
    output = temp.resolve("out");
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(1500, 6, YearMonth.of(2026, 10), 11L, input, 0.0));
    assertEquals(0, WinwinCommand.execute("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(),
        "--output", output.toString()));
    Set<Path> firstBatches = batches();
    // every file is exported again: the next run has all of them to stage
    try (Stream<Path> files = Files.walk(input)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(60)));
      }
    }

    Process run = winwinProcess("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(), "--output", output.toString());
    try {
      awaitNewStagedFile(run, firstBatches);
    } finally {
      run.destroyForcibly().waitFor();
    }

    assertEquals(0, WinwinCommand.execute("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(),
        "--output", output.toString()));
    Path cold = temp.resolve("cold");
    assertEquals(0, WinwinCommand.execute("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(),
        "--output", cold.toString()));
    assertEquals(rows(cold), rows(output), "a run after the killed one publishes what a cold run does");
    String index = Files.readString(output.resolve("_staged/index.json"));
    for (Path batch : batches()) {
      assertTrue(index.contains("\"" + batch.getFileName() + "\""), "every batch left in the store is one the index trusts: " + batch);
    }
  }

  /** The batch folders of the staged store. */
  private Set<Path> batches() throws IOException {
    try (Stream<Path> batches = Files.list(output.resolve("_staged/batches"))) {
      return batches.collect(Collectors.toSet());
    }
  }

  /** Waits until the child has begun writing a staged file into a batch of its own. */
  private void awaitNewStagedFile(Process run, Set<Path> earlierBatches) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (run.waitFor(5, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the run ended before it could be killed:\n" + Files.readString(log));
      }
      for (Path batch : batches()) {
        if (!earlierBatches.contains(batch)) {
          try (Stream<Path> files = Files.walk(batch)) {
            if (files.anyMatch(p -> p.toString().endsWith(".parquet"))) {
              return;
            }
          }
        }
      }
    }
    throw new AssertionError("the run never started staging");
  }

  /** Waits until the child has begun writing a report into its staging folder. */
  private void awaitStagedReport(Process run) throws IOException, InterruptedException {
    Path staging = output.resolve(".staging");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      // Waiting on the process returns at once if it ends, which would be a failure.
      if (run.waitFor(50, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the run ended before it could be killed:\n" + Files.readString(log));
      }
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
    return rows(output);
  }

  private static List<String> rows(Path output) {
    return TestSpark.session().read().parquet(output.resolve("deal_outcomes").toString()).drop("run_id").orderBy("deal_id")
        .collectAsList().stream().map(Row::mkString).collect(Collectors.toList());
  }

  /** The command line in a JVM of its own, its console in {@link #log}. */
  private Process winwinProcess(String... args) throws IOException {
    log = temp.resolve("child-" + System.nanoTime() + ".log");
    return CliRun.inChildJvm(log, args);
  }
}
