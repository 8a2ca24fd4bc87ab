package dev.winwin.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.winwin.io.HadoopFiles;
import dev.winwin.io.Location;
import dev.winwin.io.ReportSnapshot;

/**
 * Publishes one month's summary files under {@code <output>/summary/<yyyy-MM>/}, the way the
 * reports under that output are published.
 *
 * <p>Reports published through symbolic links: the files are written into a fresh folder
 * {@code summary/.renders/<yyyy-MM>.<id>/}; then {@code summary/<yyyy-MM>} becomes a symbolic link
 * to it by renaming a new link over the old one, one atomic step. A reader sees the previous
 * summary or the new one, never a mix or a half-written file. The render before is kept, so that a
 * reader who just resolved the old link can finish; older ones are removed.
 *
 * <p>Reports published through {@code current.json} (HDFS, object stores, or {@code
 * publish.mode=pointer}): {@code summary/<yyyy-MM>/} is a plain folder and each file in it is
 * replaced in one atomic step (a rename over the old file on HDFS, one PUT on an object store), so
 * a reader sees each file old or new and whole; for a moment the two files can be of two renders.
 */
final class SummaryPublisher {
  static final String FOLDER = "summary";
  static final String RENDERS = ".renders";

  private SummaryPublisher() {}

  /** Writes {@code files} (name to content) under the month's folder and returns that folder. */
  static Location publish(Location outputRoot, YearMonth month, Map<String, String> files) {
    if (ReportSnapshot.publishedThroughLinks(outputRoot)) {
      return Location.local(publishThroughLink(outputRoot.toLocalPath(), month, files));
    }
    Location folder = outputRoot.resolve(FOLDER + "/" + month);
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        HadoopFiles.writeAtomically(folder.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish the summary of " + month + " under " + folder, e);
    }
    return folder;
  }

  /** Writes {@code files} into a fresh render and switches the month's link to it. */
  static Path publishThroughLink(Path outputRoot, YearMonth month, Map<String, String> files) {
    Path summaries = outputRoot.resolve(FOLDER);
    Path renders = summaries.resolve(RENDERS);
    String id = month + "." + UUID.randomUUID();
    Path render = renders.resolve(id);
    Path link = summaries.resolve(month.toString());
    Path temp = summaries.resolve("." + id + ".link");
    try {
      Files.createDirectories(render);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(render.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      }
      Optional<String> previous = currentRender(link);
      if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
        // A plain folder someone put there cannot be swapped atomically; move it aside once.
        Files.move(link, renders.resolve(month + ".replaced." + UUID.randomUUID()));
      }
      Files.createSymbolicLink(temp, Path.of(RENDERS).resolve(id));
      Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      removeOlderRenders(renders, month, id, previous);
      return link;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish the summary of " + month + " under " + summaries, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Only a dangling temporary link; the next publish does not depend on it.
      }
    }
  }

  private static Optional<String> currentRender(Path link) throws IOException {
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
  }

  private static void removeOlderRenders(Path renders, YearMonth month, String current, Optional<String> previous) throws IOException {
    try (DirectoryStream<Path> all = Files.newDirectoryStream(renders, month + ".*")) {
      for (Path render : all) {
        String name = render.getFileName().toString();
        if (!name.equals(current) && !previous.equals(Optional.of(name))) {
          deleteTree(render);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
