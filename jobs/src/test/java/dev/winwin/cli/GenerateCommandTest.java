package dev.winwin.cli;

import static dev.winwin.cli.CliRun.winwin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code winwin generate --as-of}: the command line writes what had arrived by then, and no later month. */
class GenerateCommandTest {
  @TempDir
  Path temp;

  @Test
  void asOfWritesOnlyTheMonthsThatHadArrived() throws IOException {
    Path output = temp.resolve("history");
    CliRun run = winwin("generate", "--deals", "200", "--months", "3", "--end", "2026-10", "--as-of", "2026-09",
        "--output", output.toString());

    assertEquals(0, run.exitCode(), run.err());
    List<String> files = files(output);
    assertTrue(files.contains("deals/deals_2026-09.csv"), files.toString());
    assertTrue(files.contains("surveys/responses_2026-09.jsonl"), files.toString());
    assertFalse(files.stream().anyMatch(file -> file.contains("2026-10")), files.toString());
  }

  @Test
  void asOfAfterTheEndIsAnErrorNamingTheOption() {
    Path output = temp.resolve("late");
    CliRun run = winwin("generate", "--end", "2026-10", "--as-of", "2026-11", "--output", output.toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("--as-of 2026-11 is after --end 2026-10"), run.err());
    assertFalse(Files.exists(output), "nothing is written");
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
    }
  }
}
