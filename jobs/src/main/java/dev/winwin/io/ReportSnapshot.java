package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileStatus;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

import dev.winwin.UserError;

/**
 * One run's all-or-nothing publication of its reports under an output root: the algorithm, once,
 * over the primitives of a {@link SnapshotStore}.
 *
 * <pre>
 * &lt;root&gt;/snapshots/&lt;run_id&gt;/&lt;report&gt;/&lt;column&gt;=&lt;value&gt;/part-*.parquet
 * &lt;root&gt;/.staging/&lt;run_id&gt;/&lt;report&gt;/            where Spark writes, never read
 * &lt;root&gt;/runs/&lt;run_id&gt;/run_manifest.json
 * </pre>
 *
 * <ol>
 *   <li>{@link #begin}: remove what killed runs left (staging, a half-done switch, snapshots that
 *       are neither the published one nor the one before it) and create the new snapshot folder;</li>
 *   <li>Spark writes each report into {@link #stagingDir};</li>
 *   <li>{@link #commitPartitions}: move the staged partitions into the new snapshot and carry over
 *       every published partition the run does not replace;</li>
 *   <li>{@link #publish}: carry over the reports the run did not commit, then switch, the one
 *       step a reader can observe; keep the previous snapshot for readers still on it and delete
 *       older ones;</li>
 *   <li>{@link #abandon}: on failure, delete the run's snapshot and staging.</li>
 * </ol>
 * A run killed at any instant therefore leaves the published snapshot whole, and the next
 * {@link #begin} removes what it left. Each snapshot is a plain Parquet folder per report that any
 * reader can glob. How a snapshot is named and carried over depends on the {@link Mode}: symbolic
 * links and hard links on a local file system ({@link LinkStore}), the pointer file
 * {@code current.json} anywhere ({@link PointerStore}). Readers resolve either with
 * {@link #publishedReport(Location, String)}.
 *
 * <p>Not thread-safe: one driver thread runs one snapshot.
 */
public final class ReportSnapshot implements AutoCloseable {
  /** How a snapshot is published. */
  public enum Mode {
    /** Symbolic links on a local file system, the pointer file anywhere else. */
    AUTO,
    /** Symbolic links and hard links; needs a local (POSIX) file system. */
    LINKS,
    /** The pointer file {@code current.json}; works on every Hadoop file system. */
    POINTER
  }

  /**
   * Which partitions of a report a run replaces: the values given (a run's window months), or all
   * of them ({@link #whole()}, for a report that holds the latest run only). Published partitions
   * the run does not replace are carried over unchanged.
   */
  public record Replacing(Set<String> values, boolean all) {
    public static Replacing partitions(Set<String> values) {
      return new Replacing(Set.copyOf(values), false);
    }

    public static Replacing whole() {
      return new Replacing(Set.of(), true);
    }

    boolean replaces(String value) {
      return all || values.contains(value);
    }

    @Override
    public String toString() {
      return all ? "all" : new TreeSet<>(values).toString();
    }
  }

  /** Run ids, report and column names become path segments: keep them plain and visible. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  public static final String STAGING = ".staging";
  public static final String RUNS = "runs";
  public static final String MANIFEST = "run_manifest.json";
  static final String SNAPSHOTS = "snapshots";
  private static final String CHECKPOINTS = "_checkpoints";
  private static final Logger LOG = LogManager.getLogger(ReportSnapshot.class);

  private enum State { OPEN, PUBLISHED, ABANDONED }

  private final OutputLock lock;
  private final SnapshotStore store;
  private final Location root;
  private final String runId;
  private final Optional<String> published;
  private final Set<String> committed = new LinkedHashSet<>();
  private State state = State.OPEN;

  private ReportSnapshot(OutputLock lock, SnapshotStore store, String runId, Optional<String> published) {
    this.lock = lock;
    this.store = store;
    this.root = store.root();
    this.runId = runId;
    this.published = published;
  }

  /** {@link #begin(OutputLock, String, Mode)} in {@link Mode#AUTO}. */
  public static ReportSnapshot begin(OutputLock lock, String runId) {
    return begin(lock, runId, Mode.AUTO);
  }

  /**
   * Starts a new snapshot for {@code runId} under the locked root: removes what killed runs left
   * and creates the empty snapshot folder. Taking the lock as an argument makes "under the lock" a
   * compile-time fact.
   *
   * @throws UserError if {@code runId} is already published there, if the root is published the
   *     other way, or if links are asked for on a file system that has none
   * @throws IllegalArgumentException if {@code runId} is not a plain path segment
   */
  public static ReportSnapshot begin(OutputLock lock, String runId, Mode mode) {
    boolean links = switch (mode) {
      case AUTO -> lock instanceof PosixOutputLock;
      case LINKS -> true;
      case POINTER -> false;
    };
    if (links && !lock.root().isLocal()) {
      throw new UserError("publish.mode=links needs a local file system, but the output is " + lock.root()
          + "; use publish.mode=pointer or auto.");
    }
    return begin(lock, runId, links ? new LinkStore(lock.root()) : new PointerStore(lock.root()));
  }

  static ReportSnapshot begin(OutputLock lock, String runId, SnapshotStore store) {
    requireName("run id", runId);
    requireHeld(lock);
    try {
      SnapshotStore.Published now = store.published();
      if (now.current().equals(Optional.of(runId)) || now.previous().equals(Optional.of(runId))) {
        throw new UserError("Run id " + runId + " is already published under " + store.root()
            + "; start the run with a new run id.");
      }
      store.delete(store.root().resolve(STAGING));
      store.removeSwitchLeftovers();
      removeSnapshotsExcept(store, now.current(), now.previous());
      store.makeDirectory(snapshotDir(store.root(), runId));
      return new ReportSnapshot(lock, store, runId, now.current());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot begin snapshot " + runId + " under " + store.root(), e);
    }
  }

  /**
   * The location of a report as currently published, resolved to its snapshot folder, for either
   * layout. Reading from it instead of {@code <root>/<report>} pins the reader to one snapshot: a
   * publish in the middle of the read cannot swap files under it.
   *
   * @throws UserError if nothing has been published for {@code report}
   */
  public static Location publishedReport(Location root, String report) {
    if (root.resolve(PointerStore.POINTER).exists()) {
      return PointerStore.publishedReport(root, report);
    }
    if (root.isLocal()) {
      return Location.local(root.fs().getConf(), LinkStore.publishedReport(root.toLocalPath(), report));
    }
    throw new UserError("No published report under " + root + " (no " + PointerStore.POINTER
        + "); run winwin with this --output first.");
  }

  /** Whether {@code root} is published through symbolic links (else through {@code current.json}, or not yet). */
  public static boolean publishedThroughLinks(Location root) {
    return LinkStore.publishes(root);
  }

  /** The run this snapshot belongs to. */
  public String runId() {
    return runId;
  }

  /** The output root the snapshot is published under. */
  public Location outputRoot() {
    return root;
  }

  /**
   * Where Spark writes {@code report} for this run. The folder does not exist yet, so a writer in
   * {@code ErrorIfExists} mode proves nothing else wrote there.
   */
  public Location stagingDir(String report) {
    requireName("report", report);
    return root.resolve(STAGING + "/" + runId + "/" + report);
  }

  /** Where the caller writes this run's manifest; outside the snapshots, so it is kept for every run. */
  public Location manifestPath() {
    return root.resolve(RUNS + "/" + runId + "/" + MANIFEST);
  }

  /**
   * A folder for this run's Spark checkpoints on the output's file system, which every executor
   * sees; removed with the run's staging.
   */
  public Location checkpointDir() {
    return root.resolve(STAGING + "/" + runId + "/" + CHECKPOINTS);
  }

  /**
   * Builds {@code report} in the new snapshot from the staged output and the published snapshot:
   * <ul>
   *   <li>every {@code <partitionColumn>=<value>} folder Spark wrote to {@link #stagingDir} is
   *       moved in;</li>
   *   <li>every published partition the run does not replace is carried over (hard link or
   *       copy): same bytes;</li>
   *   <li>a replaced value without staged rows is left out, so a window month that became empty
   *       is cleared rather than kept stale, and a report replaced {@linkplain Replacing#whole()
   *       whole} holds this run's partitions only.</li>
   * </ul>
   *
   * @throws IllegalStateException if staging holds a partition the run does not replace (it would
   *     overwrite a month it did not recompute), anything other than partition folders of
   *     {@code partitionColumn}, or if the report was already committed
   * @throws UserError if the report cannot be published under its name in this layout
   */
  public void commitPartitions(String report, String partitionColumn, Replacing replacing) {
    requireOpen();
    requireName("report", report);
    requireName("partition column", partitionColumn);
    if (!committed.add(report)) {
      throw new IllegalStateException("Report " + report + " is already committed in run " + runId);
    }
    Location target = snapshotDir(root, runId).resolve(report);
    try {
      store.requirePublishable(report);
      store.makeDirectory(target);
      for (FileStatus staged : store.children(stagingDir(report))) {
        String name = staged.getPath().getName();
        if (isHidden(name)) {
          continue;
        }
        String value = partitionValue(name, partitionColumn)
            .filter(v -> staged.isDirectory())
            .orElseThrow(() -> new IllegalStateException("Staged output of report " + report
                + " has " + staged.getPath() + ", not a " + partitionColumn + "= partition folder"));
        if (!replacing.replaces(value)) {
          throw new IllegalStateException("Staged output of report " + report + " has partition "
              + name + ", which this run does not replace (replaced: " + replacing + ")");
        }
        store.move(new Location(root.fs(), staged.getPath()), target.resolve(name));
      }
      if (published.isPresent() && !replacing.all()) {
        for (FileStatus old : store.children(snapshotDir(root, published.get()).resolve(report))) {
          String name = old.getPath().getName();
          boolean kept = partitionValue(name, partitionColumn).filter(v -> !replacing.replaces(v)).isPresent();
          if (kept && old.isDirectory()) {
            store.carryOver(new Location(root.fs(), old.getPath()), target.resolve(name));
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
   * did not compute. After the switch, the run's staging and the snapshots older than the
   * previous one are deleted; the previous one is kept so that a reader that resolved it can
   * finish. Once the switch is done this method does not fail: what it could not delete is
   * logged and removed by the next {@link #begin}.
   */
  public void publish() {
    requireOpen();
    requireHeld(lock);
    Location snapshot = snapshotDir(root, runId);
    try {
      if (published.isPresent()) {
        for (FileStatus old : store.children(snapshotDir(root, published.get()))) {
          String report = old.getPath().getName();
          if (!committed.contains(report) && !isHidden(report) && old.isDirectory()) {
            store.carryOver(new Location(root.fs(), old.getPath()), snapshot.resolve(report));
          }
        }
      }
      SortedSet<String> reports = new TreeSet<>();
      for (FileStatus report : store.children(snapshot)) {
        String name = report.getPath().getName();
        if (report.isDirectory() && !isHidden(name)) {
          reports.add(name);
        }
      }
      store.flush(snapshot);
      store.switchTo(runId, published, reports);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish snapshot " + snapshot, e);
    }
    state = State.PUBLISHED;
    try {
      store.delete(root.resolve(STAGING + "/" + runId));
      removeSnapshotsExcept(store, Optional.of(runId), published);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Published {}, but could not remove the run's staging or older snapshots ({}); the next run removes them.",
          snapshot, e.toString());
    }
  }

  /**
   * Deletes this run's snapshot and staging folders; the published reports are untouched. Safe to
   * call more than once; does nothing after {@link #publish()}.
   */
  public void abandon() {
    if (state == State.PUBLISHED) {
      return;
    }
    state = State.ABANDONED;
    try {
      store.delete(root.resolve(STAGING + "/" + runId));
      store.delete(snapshotDir(root, runId));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove abandoned snapshot " + snapshotDir(root, runId), e);
    }
  }

  /** Abandons the snapshot unless it was published, so try-with-resources fails safe. */
  @Override
  public void close() {
    abandon();
  }

  /**
   * The value of a partition folder name {@code <column>=<value>}, unescaped the way Spark
   * escaped it when writing (for example {@code %3A} back to {@code :}).
   */
  public static Optional<String> partitionValue(String folderName, String column) {
    String prefix = column + "=";
    if (!folderName.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(ExternalCatalogUtils.unescapePathName(folderName.substring(prefix.length())));
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("Snapshot " + runId + " is already " + state.name().toLowerCase(Locale.ROOT));
    }
  }

  private static void requireHeld(OutputLock lock) {
    if (!lock.isHeld()) {
      throw new IllegalStateException("The lock on " + lock.root() + " has been released");
    }
  }

  private static void requireName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid " + what + " '" + name
          + "': use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
  }

  /** Spark and Hadoop skip names starting with '.' or '_' (_SUCCESS, .crc, _temporary). */
  private static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  private static Location snapshotDir(Location root, String id) {
    return root.resolve(SNAPSHOTS + "/" + id);
  }

  private static void removeSnapshotsExcept(SnapshotStore store, Optional<String> current, Optional<String> previous)
      throws IOException {
    for (FileStatus snapshot : store.children(store.root().resolve(SNAPSHOTS))) {
      String name = snapshot.getPath().getName();
      if (!current.equals(Optional.of(name)) && !previous.equals(Optional.of(name))) {
        store.delete(new Location(store.root().fs(), snapshot.getPath()));
      }
    }
  }
}
