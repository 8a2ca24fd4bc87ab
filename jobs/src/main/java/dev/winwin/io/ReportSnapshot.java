package dev.winwin.io;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

import dev.winwin.UserError;

/**
 * One run's all-or-nothing publication of its reports under an output root.
 *
 * <p>A run builds a complete new snapshot folder beside the published one ({@code
 * snapshots/<run_id>/<report>/<column>=<value>/}): the partitions it recomputed come from staging,
 * every other partition is carried over from the published snapshot. Nothing a reader sees changes
 * until {@link #publish()} makes the new snapshot the published one in one atomic step, so a run
 * killed at any instant leaves a complete published snapshot, and the next {@link #begin} removes
 * what the killed run left. Each snapshot is a plain Parquet folder per report that any reader can
 * glob. Two ways to make a snapshot the published one, chosen by {@link Mode}:
 * <ul>
 *   <li>{@link PosixReportSnapshot} (local file systems): carried-over partitions are hard links,
 *       {@code <root>/current} is a symbolic link switched by an atomic rename, and
 *       {@code <root>/<report>} links through it, so {@code out/deal_outcomes} is a folder path;</li>
 *   <li>{@link PointerReportSnapshot} (HDFS, object stores): carried-over partitions are copied,
 *       and the small file {@code <root>/current.json} names the published snapshot, replaced
 *       atomically (one PUT on an object store, write and rename elsewhere); readers resolve it
 *       with {@link #publishedReport(Location, String)} or by reading it.</li>
 * </ul>
 * Not thread-safe: one driver thread runs one snapshot.
 */
public sealed interface ReportSnapshot extends AutoCloseable permits PosixReportSnapshot, PointerReportSnapshot {
  /** How a snapshot is published. */
  enum Mode {
    /** Symbolic links on a local file system, the pointer file anywhere else. */
    AUTO,
    /** Symbolic links and hard links; needs a local (POSIX) file system. */
    LINKS,
    /** The pointer file {@code current.json}; works on every Hadoop file system. */
    POINTER
  }

  /** Run ids, report and column names become path segments: keep them plain and visible. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** {@link #begin(OutputLock, String, Mode)} in {@link Mode#AUTO}. */
  static ReportSnapshot begin(OutputLock lock, String runId) {
    return begin(lock, runId, Mode.AUTO);
  }

  /**
   * Starts a new snapshot for {@code runId} under the locked root: removes what killed runs left
   * (staging folders, temporary files, snapshots that are neither the published one nor the one
   * before it) and creates the empty snapshot folder. Taking the lock as an argument makes "under
   * the lock" a compile-time fact.
   *
   * @throws UserError if {@code runId} is already published there, if the root is published the
   *     other way, or if links are asked for on a file system that has none
   * @throws IllegalArgumentException if {@code runId} is not a plain path segment
   */
  static ReportSnapshot begin(OutputLock lock, String runId, Mode mode) {
    boolean links = switch (mode) {
      case AUTO -> lock instanceof PosixOutputLock;
      case LINKS -> true;
      case POINTER -> false;
    };
    if (!links) {
      return PointerReportSnapshot.begin(lock, runId);
    }
    if (!(lock instanceof PosixOutputLock posix)) {
      throw new UserError("publish.mode=links needs a local file system, but the output is " + lock.root()
          + "; use publish.mode=pointer or auto.");
    }
    return PosixReportSnapshot.begin(posix, runId);
  }

  /**
   * The location of a report as currently published, resolved to its snapshot folder, for either
   * layout. Reading from it instead of {@code <root>/<report>} pins the reader to one snapshot: a
   * publish in the middle of the read cannot swap files under it.
   *
   * @throws UserError if nothing has been published for {@code report}
   */
  static Location publishedReport(Location root, String report) {
    Location pointer = root.resolve(PointerReportSnapshot.POINTER);
    if (pointer.exists()) {
      return PointerReportSnapshot.publishedReport(root, report);
    }
    if (root.isLocal()) {
      return Location.local(PosixReportSnapshot.publishedReport(root.toLocalPath(), report));
    }
    throw new UserError("No published report under " + root + " (no " + PointerReportSnapshot.POINTER
        + "); run winwin with this --output first.");
  }

  /** {@link #publishedReport(Location, String)} for a local root through its links. */
  static Path publishedReport(Path root, String report) {
    return PosixReportSnapshot.publishedReport(root, report);
  }

  /** Folders and files every layout keeps under the output root. */
  String STAGING = ".staging";
  String RUNS = "runs";
  String MANIFEST = "run_manifest.json";
  String CHECKPOINTS = "_checkpoints";

  /** The run this snapshot belongs to. */
  String runId();

  /** The output root the snapshot is published under. */
  Location outputRoot();

  /**
   * Where Spark writes {@code report} for this run. The folder does not exist yet, so a writer in
   * {@code ErrorIfExists} mode proves nothing else wrote there.
   */
  default Location stagingDir(String report) {
    requireName("report", report);
    return outputRoot().resolve(STAGING + "/" + runId() + "/" + report);
  }

  /** Where the caller writes this run's manifest; outside the snapshots, so it is kept for every run. */
  default Location manifestPath() {
    return outputRoot().resolve(RUNS + "/" + runId() + "/" + MANIFEST);
  }

  /**
   * A folder for this run's Spark checkpoints on the output's file system, which every executor
   * sees; removed with the run's staging.
   */
  default Location checkpointDir() {
    return outputRoot().resolve(STAGING + "/" + runId() + "/" + CHECKPOINTS);
  }

  /**
   * Builds {@code report} in the new snapshot from the staged output and the published snapshot:
   * <ul>
   *   <li>every {@code <partitionColumn>=<value>} folder Spark wrote to {@link #stagingDir} is
   *       moved in;</li>
   *   <li>every published partition whose value is not in {@code replacedValues} is carried over
   *       (hard link or copy): same bytes;</li>
   *   <li>a value in {@code replacedValues} without staged rows is left out, so a window month
   *       that became empty is cleared rather than kept stale.</li>
   * </ul>
   * For a report partitioned by run ({@code rejects} by {@code run_id}), pass
   * {@code Set.of(runId())} to keep every earlier run's partition.
   *
   * @throws IllegalStateException if staging holds a partition outside {@code replacedValues}
   *     (the run would overwrite a month it did not recompute), anything other than partition
   *     folders of {@code partitionColumn}, or if the report was already committed
   */
  void commitPartitions(String report, String partitionColumn, Set<String> replacedValues);

  /**
   * Makes the new snapshot the published one, all reports at once. Reports this run did not
   * commit are carried over whole from the previous snapshot, so a run never drops a report it
   * did not compute. Snapshots older than the previous one are deleted; the previous one is kept
   * so that a reader that resolved it can finish.
   */
  void publish();

  /**
   * Deletes this run's snapshot and staging folders; the published reports are untouched. Safe to
   * call more than once; does nothing after {@link #publish()}.
   */
  void abandon();

  /** Abandons the snapshot unless it was published, so try-with-resources fails safe. */
  @Override
  void close();

  /**
   * The value of a partition folder name {@code <column>=<value>}, unescaped the way Spark
   * escaped it when writing (for example {@code %3A} back to {@code :}).
   */
  static Optional<String> partitionValue(String folderName, String column) {
    String prefix = column + "=";
    if (!folderName.startsWith(prefix)) {
      return Optional.empty();
    }
    return Optional.of(ExternalCatalogUtils.unescapePathName(folderName.substring(prefix.length())));
  }

  /** @throws IllegalStateException if {@code lock} has been released */
  static void requireHeld(OutputLock lock) {
    if (!lock.isHeld()) {
      throw new IllegalStateException("The lock on " + lock.root() + " has been released");
    }
  }

  /** @throws UserError if {@code runId} is the published snapshot under {@code root} or the one before it */
  static void requireUnpublished(String runId, Optional<String> current, Optional<String> previous, Object root) {
    if (current.equals(Optional.of(runId)) || previous.equals(Optional.of(runId))) {
      throw new UserError("Run id " + runId + " is already published under " + root + "; start the run with a new run id.");
    }
  }

  /** @throws IllegalArgumentException unless {@code name} is a plain path segment */
  static void requireName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid " + what + " '" + name
          + "': use letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
  }
}
