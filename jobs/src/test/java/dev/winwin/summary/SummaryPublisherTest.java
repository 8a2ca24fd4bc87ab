package dev.winwin.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.io.Location;

/**
 * Beside reports published through links, the month's summary folder switches from one complete
 * render to the next (one render before it is kept); beside {@code current.json}, each file is
 * replaced in place.
 */
class SummaryPublisherTest {
  private static final YearMonth MONTH = YearMonth.of(2026, 10);

  @TempDir
  Path root;

  @Test
  void publishesTheFilesUnderTheMonthsFolder() throws IOException {
    Path folder = SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.html", "<p>one</p>", "summary.md", "one"));

    assertEquals(root.resolve("summary").resolve("2026-10"), folder);
    assertEquals("<p>one</p>", Files.readString(folder.resolve("summary.html")));
    assertEquals("one", Files.readString(folder.resolve("summary.md")));
    assertTrue(Files.isSymbolicLink(folder));
  }

  @Test
  void switchesToTheNewRenderAndKeepsOnlyTheOneBefore() throws IOException {
    SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "one"));
    SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "two"));
    Path previous = Files.readSymbolicLink(root.resolve("summary/2026-10"));
    Path folder = SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "three"));

    assertEquals("three", Files.readString(folder.resolve("summary.md")));
    List<String> renders = names(root.resolve("summary/.renders"));
    assertEquals(2, renders.size(), renders::toString);
    assertTrue(renders.contains(previous.getFileName().toString()), "the render a reader may still hold is kept");
    assertEquals(List.of(".renders", "2026-10"), names(root.resolve("summary")), "no temporary link left behind");
  }

  @Test
  void leavesOtherMonthsAlone() throws IOException {
    SummaryPublisher.publishThroughLink(root, MONTH.minusMonths(1), Map.of("summary.md", "september"));
    SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "one"));
    SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "two"));
    SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "three"));

    assertEquals("september", Files.readString(root.resolve("summary/2026-09/summary.md")));
  }

  @Test
  void replacesAPlainFolderLeftInThePlaceOfTheLink() throws IOException {
    Files.createDirectories(root.resolve("summary/2026-10"));
    Files.writeString(root.resolve("summary/2026-10/summary.md"), "by hand");

    Path folder = SummaryPublisher.publishThroughLink(root, MONTH, Map.of("summary.md", "rendered"));

    assertTrue(Files.isSymbolicLink(folder));
    assertEquals("rendered", Files.readString(folder.resolve("summary.md")));
  }

  @Test
  void followsTheLayoutOfTheReports() throws IOException {
    Path links = root.resolve("links");
    Files.createDirectories(links.resolve("snapshots/run-1"));
    Files.createSymbolicLink(links.resolve("current"), Path.of("snapshots/run-1"));
    Path pointer = root.resolve("pointer");
    Files.createDirectories(pointer);
    Files.writeString(pointer.resolve("current.json"), "{}");

    Location linked = SummaryPublisher.publish(Location.local(links), MONTH, Map.of("summary.md", "one"));
    SummaryPublisher.publish(Location.local(pointer), MONTH, Map.of("summary.md", "one", "summary.html", "<p>one</p>"));
    Location inPlace = SummaryPublisher.publish(Location.local(pointer), MONTH, Map.of("summary.md", "two", "summary.html", "<p>two</p>"));

    assertTrue(Files.isSymbolicLink(linked.toLocalPath()), "links beside links");
    Path folder = inPlace.toLocalPath();
    assertEquals(pointer.resolve("summary/2026-10"), folder);
    assertFalse(Files.isSymbolicLink(folder), "no links beside current.json: each file replaced in place");
    assertEquals("two", Files.readString(folder.resolve("summary.md")));
    assertEquals("<p>two</p>", Files.readString(folder.resolve("summary.html")));
    assertEquals(List.of("summary.html", "summary.md"), names(folder), "no temporary file left behind");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
