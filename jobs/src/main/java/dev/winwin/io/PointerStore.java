package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

import org.apache.hadoop.fs.FileStatus;

import dev.winwin.UserError;

/**
 * The {@link SnapshotStore} of an output root on any Hadoop file system (HDFS, S3, GCS, ADLS),
 * which have no symbolic or hard links, and object stores no atomic rename: the small file
 * {@code <root>/current.json} names the published snapshot,
 * <pre>
 * {"version": 1, "snapshot": "&lt;run_id&gt;", "previous": "&lt;run_id&gt;", "publishedAt": "...",
 *  "reports": {"deal_outcomes": "snapshots/&lt;run_id&gt;/deal_outcomes", ...}}
 * </pre>
 * replaced in one atomic step ({@link HadoopFiles#writeAtomically}: one PUT on an object store, a
 * rename over the old file elsewhere). A reader reads it once and globs the report's folder below
 * the root. Unchanged partitions are copied into the new snapshot.
 */
final class PointerStore implements SnapshotStore {
  static final String POINTER = "current.json";

  /** The content of {@code current.json}. */
  record Pointer(int version, String snapshot, String previous, String publishedAt, Map<String, String> reports) {}

  private final Location root;

  PointerStore(Location root) {
    this.root = root;
  }

  /** The published snapshot folder of {@code report}, as {@code current.json} names it. */
  static Location publishedReport(Location root, String report) {
    Pointer pointer = readPointer(root).orElseThrow(() -> new UserError("No published report under " + root
        + " (no " + POINTER + "); run winwin with this --output first."));
    String relative = pointer.reports().get(report);
    if (relative == null) {
      throw new UserError("No published report " + report + " under " + root + " (" + POINTER + " lists "
          + pointer.reports().keySet() + ").");
    }
    return root.resolve(relative);
  }

  @Override
  public Location root() {
    return root;
  }

  @Override
  public Published published() {
    Optional<Pointer> pointer = readPointer(root);
    if (pointer.isEmpty() && root.resolve(LinkStore.CURRENT).exists()) {
      throw new UserError(root + " is published through symbolic links (" + LinkStore.CURRENT
          + "); keep publish.mode=auto or links for it, or use another --output.");
    }
    return new Published(pointer.map(Pointer::snapshot), pointer.map(Pointer::previous));
  }

  @Override
  public void carryOver(Location source, Location target) throws IOException {
    HadoopFiles.copyTree(source, target);
  }

  @Override
  public void switchTo(String snapshot, Optional<String> previous, SortedSet<String> reports) throws IOException {
    Map<String, String> folders = new TreeMap<>();
    for (String report : reports) {
      folders.put(report, ReportSnapshot.SNAPSHOTS + "/" + snapshot + "/" + report);
    }
    HadoopFiles.writeAtomically(root.resolve(POINTER),
        JsonFiles.bytes(new Pointer(1, snapshot, previous.orElse(null), Instant.now().toString(), folders)));
  }

  @Override
  public void removeSwitchLeftovers() throws IOException {
    for (FileStatus entry : children(root)) {
      String name = entry.getPath().getName();
      if (name.startsWith("." + POINTER + ".") && name.endsWith(".tmp")) {
        delete(new Location(root.fs(), entry.getPath()));
      }
    }
  }

  private static Optional<Pointer> readPointer(Location root) {
    Location pointer = root.resolve(POINTER);
    if (!pointer.exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonFiles.read(pointer, Pointer.class));
    } catch (UncheckedIOException e) {
      throw new UserError(pointer + " is not a pointer file as winwin writes it (" + e.getCause().getMessage()
          + "); move it away or use another --output.", e);
    }
  }
}
