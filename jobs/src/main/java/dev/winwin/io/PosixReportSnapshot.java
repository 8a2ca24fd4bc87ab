package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import dev.winwin.UserError;

/**
 * The {@link ReportSnapshot} of a local (POSIX) output root, published through symbolic links.
 *
 * <p>Layout, with every name a reader uses resolved through symbolic links:
 * <pre>
 * &lt;root&gt;/&lt;report&gt;     -&gt; current/&lt;report&gt;         created once, never changed
 * &lt;root&gt;/current      -&gt; snapshots/&lt;run_id&gt;      switched by one atomic rename
 * &lt;root&gt;/previous     -&gt; snapshots/&lt;run_id&gt;      the snapshot published before current
 * &lt;root&gt;/snapshots/&lt;run_id&gt;/&lt;report&gt;/&lt;column&gt;=&lt;value&gt;/part-*.parquet
 * &lt;root&gt;/.staging/&lt;run_id&gt;/&lt;report&gt;/            where Spark writes, never read
 * &lt;root&gt;/runs/&lt;run_id&gt;/run_manifest.json
 * </pre>
 *
 * <p>A run builds a complete new snapshot beside the published one: the partitions it recomputed
 * come from staging, every other partition is hard-linked from the published snapshot. Nothing a
 * reader sees changes until {@link #publish()} renames a new {@code current} link over the old
 * one, so a run killed at any instant leaves {@code current} pointing at a complete snapshot, and
 * the next {@link #begin} removes what the killed run left. Files are never modified once they
 * are in a snapshot, which is what makes sharing them by hard link safe.
 *
 * <p>Needs a local or POSIX file system (symbolic links, hard links, atomic rename). Not
 * thread-safe: one driver thread runs one snapshot.
 */
final class PosixReportSnapshot implements ReportSnapshot {
  static final String CURRENT = "current";
  static final String PREVIOUS = "previous";
  static final String SNAPSHOTS = "snapshots";

  private final PosixOutputLock lock;
  private final Path root;
  private final Location rootLocation;
  private final String runId;
  private final Optional<String> published;
  private final Set<String> committed = new LinkedHashSet<>();
  private SnapshotState state = SnapshotState.OPEN;

  private PosixReportSnapshot(PosixOutputLock lock, String runId, Optional<String> published) {
    this.lock = lock;
    this.root = lock.localRoot();
    this.rootLocation = lock.root();
    this.runId = runId;
    this.published = published;
  }

  /**
   * Starts a new snapshot for {@code runId} under the locked root: removes what killed runs left
   * (staging folders, temporary links, snapshots that are neither {@code current} nor
   * {@code previous}) and creates the empty snapshot folder. Taking the lock as an argument
   * makes "under the lock" a compile-time fact.
   *
   * @throws UserError if {@code runId} is already published there, or if {@code current} is not
   *     a link this class made
   * @throws IllegalArgumentException if {@code runId} is not a plain path segment
   */
  static PosixReportSnapshot begin(PosixOutputLock lock, String runId) {
    ReportSnapshot.requireName("run id", runId);
    ReportSnapshot.requireHeld(lock);
    Path root = lock.localRoot();
    try {
      Optional<String> current = linkedSnapshot(root, CURRENT);
      Optional<String> previous = linkedSnapshot(root, PREVIOUS);
      ReportSnapshot.requireUnpublished(runId, current, previous, root);
      if (Files.exists(root.resolve(PointerReportSnapshot.POINTER), LinkOption.NOFOLLOW_LINKS)) {
        throw new UserError(root + " is published through the pointer file " + PointerReportSnapshot.POINTER
            + "; keep publish.mode=pointer for it or use another --output.");
      }
      removeLeftovers(root, current, previous);
      Files.createDirectories(root.resolve(SNAPSHOTS).resolve(runId));
      return new PosixReportSnapshot(lock, runId, current);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot begin snapshot " + runId + " under " + root, e);
    }
  }

  /**
   * The absolute path of a report as currently published, resolved to its snapshot folder.
   * Reading from this path instead of {@code <root>/<report>} pins the reader to one snapshot:
   * a publish in the middle of the read cannot swap files under it.
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

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public Location outputRoot() {
    return rootLocation;
  }

  /**
   * Builds {@code report} in the new snapshot from the staged output and the published snapshot:
   * <ul>
   *   <li>every {@code <partitionColumn>=<value>} folder Spark wrote to {@link #stagingDir} is
   *       moved in;</li>
   *   <li>every published partition whose value is not in {@code replacedValues} is carried over
   *       by hard link: same bytes, same inode;</li>
   *   <li>a value in {@code replacedValues} without staged rows is left out, so a window month
   *       that became empty is cleared rather than kept stale.</li>
   * </ul>
   * For a report partitioned by run ({@code rejects} by {@code run_id}), pass
   * {@code Set.of(runId())} to keep every earlier run's partition.
   *
   * @throws IllegalStateException if staging holds a partition outside {@code replacedValues}
   *     (the run would overwrite a month it did not recompute), anything other than partition
   *     folders of {@code partitionColumn}, or if the report was already committed
   * @throws UserError if {@code <root>/<report>} exists and is not the link this class publishes
   *     through
   */
  @Override
  public void commitPartitions(String report, String partitionColumn, Set<String> replacedValues) {
    state.requireOpen(runId);
    ReportSnapshot.requireName("report", report);
    ReportSnapshot.requireName("partition column", partitionColumn);
    if (!committed.add(report)) {
      throw new IllegalStateException("Report " + report + " is already committed in run " + runId);
    }
    requireReportLinkOrAbsent(report);
    Path target = snapshotDir().resolve(report);
    try {
      Files.createDirectories(target);
      for (Path staged : FileTrees.children(stagingDir(report).toLocalPath())) {
        String name = staged.getFileName().toString();
        if (isHidden(name)) {
          continue;
        }
        String value = ReportSnapshot.partitionValue(name, partitionColumn)
            .filter(v -> Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS))
            .orElseThrow(() -> new IllegalStateException("Staged output of report " + report
                + " has " + staged + ", not a " + partitionColumn + "= partition folder"));
        if (!replacedValues.contains(value)) {
          throw new IllegalStateException("Staged output of report " + report + " has partition "
              + name + ", which this run does not replace (replaced: " + replacedValues + ")");
        }
        Files.move(staged, target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      }
      if (published.isPresent()) {
        for (Path old : FileTrees.children(snapshotDir(published.get()).resolve(report))) {
          String name = old.getFileName().toString();
          boolean kept = ReportSnapshot.partitionValue(name, partitionColumn)
              .filter(v -> !replacedValues.contains(v))
              .isPresent();
          if (kept && Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.linkTree(old, target.resolve(name));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit report " + report + " into " + target, e);
    }
  }

  /**
   * Makes the new snapshot the published one, all reports at once. Reports this run did not
   * commit are carried over whole from the previous snapshot, so a run never drops a report it
   * did not compute. Then: flush the snapshot to disk, create missing {@code <root>/<report>}
   * links, point {@code previous} at the outgoing snapshot, rename a fresh link over
   * {@code current} (the one atomic step readers can observe), and delete snapshots older than
   * {@code previous}, which is kept so that a reader that resolved the old snapshot can finish.
   */
  @Override
  public void publish() {
    state.requireOpen(runId);
    ReportSnapshot.requireHeld(lock);
    Path snapshot = snapshotDir();
    try {
      if (published.isPresent()) {
        for (Path old : FileTrees.children(snapshotDir(published.get()))) {
          String report = old.getFileName().toString();
          if (!committed.contains(report) && !isHidden(report)) {
            FileTrees.linkTree(old, snapshot.resolve(report));
          }
        }
      }
      FileTrees.forceTree(snapshot);
      FileTrees.forceDirectory(root.resolve(SNAPSHOTS));
      for (Path report : FileTrees.children(snapshot)) {
        Path link = root.resolve(report.getFileName());
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, Path.of(CURRENT).resolve(report.getFileName()));
        }
      }
      if (published.isPresent()) {
        switchLink(PREVIOUS, published.get());
      }
      switchLink(CURRENT, runId);
      FileTrees.forceDirectory(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish snapshot " + snapshot, e);
    }
    state = SnapshotState.PUBLISHED;
    Set<String> keep = new LinkedHashSet<>();
    keep.add(runId);
    published.ifPresent(keep::add);
    try {
      FileTrees.deleteRecursively(root.resolve(STAGING).resolve(runId));
      removeSnapshotsExcept(root, keep);
    } catch (IOException e) {
      // The run is published; what is left here is removed by the next begin().
      throw new UncheckedIOException("Published " + snapshot + " but could not remove older snapshots", e);
    }
  }

  /**
   * Deletes this run's snapshot and staging folders; the published reports are untouched. Safe to
   * call more than once; does nothing after {@link #publish()}.
   */
  @Override
  public void abandon() {
    if (state == SnapshotState.PUBLISHED) {
      return;
    }
    state = SnapshotState.ABANDONED;
    try {
      FileTrees.deleteRecursively(root.resolve(STAGING).resolve(runId));
      FileTrees.deleteRecursively(snapshotDir());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove abandoned snapshot " + snapshotDir(), e);
    }
  }

  /** Abandons the snapshot unless it was published, so try-with-resources fails safe. */
  @Override
  public void close() {
    abandon();
  }

  private Path snapshotDir() {
    return snapshotDir(runId);
  }

  private Path snapshotDir(String id) {
    return root.resolve(SNAPSHOTS).resolve(id);
  }

  private void switchLink(String name, String snapshotId) throws IOException {
    Path temp = root.resolve(name + "." + runId + ".tmp");
    Files.deleteIfExists(temp);
    Files.createSymbolicLink(temp, Path.of(SNAPSHOTS).resolve(snapshotId));
    // rename(2) replaces the old link in one step: a reader sees the old target or the new one.
    Files.move(temp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private void requireReportLinkOrAbsent(String report) {
    Path link = root.resolve(report);
    Path expected = Path.of(CURRENT).resolve(report);
    try {
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)
          && !(Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(expected))) {
        throw new UserError(link + " is not the link " + report + " -> " + expected
            + " that winwin publishes through; move it away or use another --output.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + link, e);
    }
  }

  /** Spark and Hadoop skip names starting with '.' or '_' (_SUCCESS, .crc, _temporary). */
  static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /** The snapshot id a root link points at, if the link exists. */
  private static Optional<String> linkedSnapshot(Path root, String name) throws IOException {
    Path link = root.resolve(name);
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link) : null;
    if (target == null || target.getNameCount() != 2 || !target.getName(0).toString().equals(SNAPSHOTS)) {
      throw new UserError(link + " is not a link into " + SNAPSHOTS
          + "/ as winwin writes it; move it away or use another --output.");
    }
    return Optional.of(target.getFileName().toString());
  }

  private static void removeLeftovers(Path root, Optional<String> current, Optional<String> previous)
      throws IOException {
    FileTrees.deleteRecursively(root.resolve(STAGING));
    for (Path entry : FileTrees.children(root)) {
      String name = entry.getFileName().toString();
      boolean tempLink = (name.startsWith(CURRENT + ".") || name.startsWith(PREVIOUS + "."))
          && name.endsWith(".tmp");
      if (tempLink) {
        Files.deleteIfExists(entry);
      }
    }
    Set<String> keep = new LinkedHashSet<>();
    current.ifPresent(keep::add);
    previous.ifPresent(keep::add);
    removeSnapshotsExcept(root, keep);
  }

  private static void removeSnapshotsExcept(Path root, Set<String> keep) throws IOException {
    for (Path snapshot : FileTrees.children(root.resolve(SNAPSHOTS))) {
      if (!keep.contains(snapshot.getFileName().toString())) {
        FileTrees.deleteRecursively(snapshot);
      }
    }
  }
}
