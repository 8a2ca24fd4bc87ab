package dev.winwin.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.SortedSet;

import dev.winwin.UserError;

/**
 * The {@link SnapshotStore} of a local (POSIX) output root, published through symbolic links:
 * <pre>
 * &lt;root&gt;/&lt;report&gt;     -&gt; current/&lt;report&gt;         created once, never changed
 * &lt;root&gt;/current      -&gt; snapshots/&lt;run_id&gt;      switched by one atomic rename
 * &lt;root&gt;/previous     -&gt; snapshots/&lt;run_id&gt;      the snapshot published before current
 * </pre>
 * so a reader opens {@code out/deal_outcomes} as a plain folder. Unchanged partitions are carried
 * over by hard link (same bytes, same inode, no space), which is safe because snapshot files are
 * never modified. Needs symbolic links, hard links and an atomic rename.
 */
final class LinkStore implements SnapshotStore {
  static final String CURRENT = "current";
  static final String PREVIOUS = "previous";

  private final Location rootLocation;
  private final Path root;

  LinkStore(Location root) {
    this.rootLocation = root;
    this.root = root.toLocalPath();
  }

  /**
   * The absolute path of a report as currently published, resolved through the links to its
   * snapshot folder.
   *
   * @throws UserError if nothing has been published for {@code report}
   */
  static Path publishedReport(Path root, String report) {
    Path link = root.toAbsolutePath().resolve(report);
    try {
      return link.toRealPath();
    } catch (IOException e) {
      throw new UserError("No published report at " + link + "; run winwin with this --output first.", e);
    }
  }

  /** Whether {@code root} is published through this layout: its {@code current} is a symbolic link. */
  static boolean publishes(Location root) {
    return root.isLocal() && Files.isSymbolicLink(root.toLocalPath().resolve(CURRENT));
  }

  @Override
  public Location root() {
    return rootLocation;
  }

  @Override
  public Published published() throws IOException {
    if (Files.exists(root.resolve(PointerStore.POINTER), LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError(root + " is published through the pointer file " + PointerStore.POINTER
          + "; keep publish.mode=pointer for it or use another --output.");
    }
    return new Published(linkedSnapshot(CURRENT), linkedSnapshot(PREVIOUS));
  }

  @Override
  public void requirePublishable(String report) throws IOException {
    Path link = root.resolve(report);
    Path expected = Path.of(CURRENT).resolve(report);
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)
        && !(Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(expected))) {
      throw new UserError(link + " is not the link " + report + " -> " + expected
          + " that winwin publishes through; move it away or use another --output.");
    }
  }

  @Override
  public void carryOver(Location source, Location target) throws IOException {
    FileTrees.linkTree(source.toLocalPath(), target.toLocalPath());
  }

  /**
   * Flushes the snapshot's files and folders to disk, so that an OS crash after the switch
   * cannot expose files that were still only in the page cache; a killed process needs none of it.
   */
  @Override
  public void flush(Location snapshot) throws IOException {
    FileTrees.forceTree(snapshot.toLocalPath());
    FileTrees.forceDirectory(snapshot.toLocalPath().getParent());
  }

  /**
   * Creates the missing {@code <root>/<report>} links, points {@code previous} at the outgoing
   * snapshot, then renames a fresh link over {@code current}: rename(2) replaces it in one step.
   */
  @Override
  public void switchTo(String snapshot, Optional<String> previous, SortedSet<String> reports) throws IOException {
    for (String report : reports) {
      Path link = root.resolve(report);
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, Path.of(CURRENT).resolve(report));
      }
    }
    if (previous.isPresent()) {
      switchLink(PREVIOUS, previous.get(), snapshot);
    }
    switchLink(CURRENT, snapshot, snapshot);
    FileTrees.forceDirectory(root);
  }

  @Override
  public void removeSwitchLeftovers() throws IOException {
    for (Path entry : FileTrees.children(root)) {
      String name = entry.getFileName().toString();
      boolean tempLink = (name.startsWith(CURRENT + ".") || name.startsWith(PREVIOUS + ".")) && name.endsWith(".tmp");
      if (tempLink) {
        Files.deleteIfExists(entry);
      }
    }
  }

  private void switchLink(String name, String target, String runId) throws IOException {
    Path temp = root.resolve(name + "." + runId + ".tmp");
    Files.deleteIfExists(temp);
    Files.createSymbolicLink(temp, Path.of(ReportSnapshot.SNAPSHOTS).resolve(target));
    Files.move(temp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The snapshot id a root link points at, if the link exists. */
  private Optional<String> linkedSnapshot(String name) throws IOException {
    Path link = root.resolve(name);
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : null;
    if (target == null || target.getNameCount() != 2 || !target.getName(0).toString().equals(ReportSnapshot.SNAPSHOTS)) {
      throw new UserError(link + " is not a link into " + ReportSnapshot.SNAPSHOTS
          + "/ as winwin writes it; move it away or use another --output.");
    }
    return Optional.of(target.getFileName().toString());
  }
}
