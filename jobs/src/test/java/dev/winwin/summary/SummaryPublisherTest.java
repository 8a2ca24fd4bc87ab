package dev.winwin.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The month's summary folder switches from one complete render to the next; one render before it is kept. */
class SummaryPublisherTest {
  private static final YearMonth MONTH = YearMonth.of(2026, 10);

  @TempDir
  Path root;

  @Test
  void publishesTheFilesUnderTheMonthsFolder() throws IOException {
    Path folder = SummaryPublisher.publish(root, MONTH, Map.of("summary.html", "<p>one</p>", "summary.md", "one"));

    assertEquals(root.resolve("summary").resolve("2026-10"), folder);
    assertEquals("<p>one</p>", Files.readString(folder.resolve("summary.html")));
    assertEquals("one", Files.readString(folder.resolve("summary.md")));
    assertTrue(Files.isSymbolicLink(folder));
  }

  @Test
  void switchesToTheNewRenderAndKeepsOnlyTheOneBefore() throws IOException {
    SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "one"));
    SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "two"));
    Path previous = Files.readSymbolicLink(root.resolve("summary/2026-10"));
    Path folder = SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "three"));

    assertEquals("three", Files.readString(folder.resolve("summary.md")));
    List<String> renders = names(root.resolve("summary/.renders"));
    assertEquals(2, renders.size(), renders::toString);
    assertTrue(renders.contains(previous.getFileName().toString()), "the render a reader may still hold is kept");
    assertEquals(List.of(".renders", "2026-10"), names(root.resolve("summary")), "no temporary link left behind");
  }

  @Test
  void leavesOtherMonthsAlone() throws IOException {
    SummaryPublisher.publish(root, MONTH.minusMonths(1), Map.of("summary.md", "september"));
    SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "one"));
    SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "two"));
    SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "three"));

    assertEquals("september", Files.readString(root.resolve("summary/2026-09/summary.md")));
  }

  @Test
  void replacesAPlainFolderLeftInThePlaceOfTheLink() throws IOException {
    Files.createDirectories(root.resolve("summary/2026-10"));
    Files.writeString(root.resolve("summary/2026-10/summary.md"), "by hand");

    Path folder = SummaryPublisher.publish(root, MONTH, Map.of("summary.md", "rendered"));

    assertTrue(Files.isSymbolicLink(folder));
    assertEquals("rendered", Files.readString(folder.resolve("summary.md")));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
