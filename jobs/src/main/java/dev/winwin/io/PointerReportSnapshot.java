package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.hadoop.fs.FileStatus;

import dev.winwin.UserError;

/**
 * The {@link ReportSnapshot} of an output root on any Hadoop file system (HDFS, S3, GCS, ADLS),
 * published through a pointer file, because those have no symbolic or hard links and object
 * stores no atomic rename.
 *
 * <p>Layout:
 * <pre>
 * &lt;root&gt;/current.json                  names the published snapshot; replaced atomically
 * &lt;root&gt;/snapshots/&lt;run_id&gt;/&lt;report&gt;/&lt;column&gt;=&lt;value&gt;/part-*.parquet
 * &lt;root&gt;/.staging/&lt;run_id&gt;/&lt;report&gt;/     where Spark writes, never read
 * &lt;root&gt;/runs/&lt;run_id&gt;/run_manifest.json
 * &lt;root&gt;/.winwin-lock.json              the lock, while a run holds it
 * </pre>
 *
 * <p>{@code current.json} is {@code {"snapshot": "<run_id>", "previous": "<run_id>",
 * "publishedAt": "...", "reports": {"deal_outcomes": "snapshots/<run_id>/deal_outcomes", ...}}}:
 * a reader reads it once and globs the report's folder below the root. Snapshot files are never
 * modified once the pointer names them; carried-over partitions are copies.
 */
final class PointerReportSnapshot implements ReportSnapshot {
  static final String POINTER = "current.json";
  static final String SNAPSHOTS = "snapshots";
  /** The symbolic link of the other layout; its presence means the root is published that way. */
  private static final String CURRENT_LINK = "current";

  /** The content of {@code current.json}. */
  record Pointer(int version, String snapshot, String previous, String publishedAt, Map<String, String> reports) {}

  private final OutputLock lock;
  private final Location root;
  private final String runId;
  private final Optional<String> published;
  private final Set<String> committed = new LinkedHashSet<>();
  private SnapshotState state = SnapshotState.OPEN;

  private PointerReportSnapshot(OutputLock lock, String runId, Optional<String> published) {
    this.lock = lock;
    this.root = lock.root();
    this.runId = runId;
    this.published = published;
  }

  static PointerReportSnapshot begin(OutputLock lock, String runId) {
    ReportSnapshot.requireName("run id", runId);
    ReportSnapshot.requireHeld(lock);
    Location root = lock.root();
    try {
      if (root.resolve(CURRENT_LINK).exists() && !root.resolve(POINTER).exists()) {
        throw new UserError(root + " is published through symbolic links (" + CURRENT_LINK
            + "); keep publish.mode=auto or links for it, or use another --output.");
      }
      Optional<Pointer> pointer = readPointer(root);
      Optional<String> current = pointer.map(Pointer::snapshot);
      Optional<String> previous = pointer.map(Pointer::previous);
      ReportSnapshot.requireUnpublished(runId, current, previous, root);
      HadoopFiles.deleteRecursively(root.resolve(STAGING));
      for (FileStatus entry : HadoopFiles.children(root)) {
        String name = entry.getPath().getName();
        if (name.startsWith("." + POINTER + ".") && name.endsWith(".tmp")) {
          root.fs().delete(entry.getPath(), false);
        }
      }
      Set<String> keep = new LinkedHashSet<>();
      current.ifPresent(keep::add);
      previous.ifPresent(keep::add);
      removeSnapshotsExcept(root, keep);
      root.fs().mkdirs(snapshotDir(root, runId).path());
      return new PointerReportSnapshot(lock, runId, current);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot begin snapshot " + runId + " under " + root, e);
    }
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
  public String runId() {
    return runId;
  }

  @Override
  public Location outputRoot() {
    return root;
  }

  @Override
  public void commitPartitions(String report, String partitionColumn, Set<String> replacedValues) {
    state.requireOpen(runId);
    ReportSnapshot.requireName("report", report);
    ReportSnapshot.requireName("partition column", partitionColumn);
    if (!committed.add(report)) {
      throw new IllegalStateException("Report " + report + " is already committed in run " + runId);
    }
    Location target = snapshotDir(root, runId).resolve(report);
    try {
      root.fs().mkdirs(target.path());
      for (FileStatus staged : HadoopFiles.children(stagingDir(report))) {
        String name = staged.getPath().getName();
        if (PosixReportSnapshot.isHidden(name)) {
          continue;
        }
        String value = ReportSnapshot.partitionValue(name, partitionColumn)
            .filter(v -> staged.isDirectory())
            .orElseThrow(() -> new IllegalStateException("Staged output of report " + report
                + " has " + staged.getPath() + ", not a " + partitionColumn + "= partition folder"));
        if (!replacedValues.contains(value)) {
          throw new IllegalStateException("Staged output of report " + report + " has partition "
              + name + ", which this run does not replace (replaced: " + replacedValues + ")");
        }
        if (!root.fs().rename(staged.getPath(), target.resolve(name).path())) {
          throw new IOException("Cannot move " + staged.getPath() + " into " + target);
        }
      }
      if (published.isPresent()) {
        for (FileStatus old : HadoopFiles.children(snapshotDir(root, published.get()).resolve(report))) {
          String name = old.getPath().getName();
          boolean kept = ReportSnapshot.partitionValue(name, partitionColumn)
              .filter(v -> !replacedValues.contains(v))
              .isPresent();
          if (kept && old.isDirectory()) {
            HadoopFiles.copyTree(new Location(root.fs(), old.getPath()), target.resolve(name));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit report " + report + " into " + target, e);
    }
  }

  @Override
  public void publish() {
    state.requireOpen(runId);
    ReportSnapshot.requireHeld(lock);
    Location snapshot = snapshotDir(root, runId);
    Map<String, String> reports = new TreeMap<>();
    try {
      if (published.isPresent()) {
        for (FileStatus old : HadoopFiles.children(snapshotDir(root, published.get()))) {
          String report = old.getPath().getName();
          if (!committed.contains(report) && !PosixReportSnapshot.isHidden(report) && old.isDirectory()) {
            HadoopFiles.copyTree(new Location(root.fs(), old.getPath()), snapshot.resolve(report));
          }
        }
      }
      for (FileStatus report : HadoopFiles.children(snapshot)) {
        String name = report.getPath().getName();
        if (report.isDirectory() && !PosixReportSnapshot.isHidden(name)) {
          reports.put(name, SNAPSHOTS + "/" + runId + "/" + name);
        }
      }
      // The one step readers can observe: the pointer names the new snapshot, whole or not at all.
      HadoopFiles.writeAtomically(root.resolve(POINTER), JsonFiles.bytes(
          new Pointer(1, runId, published.orElse(null), Instant.now().toString(), reports)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish snapshot " + snapshot, e);
    }
    state = SnapshotState.PUBLISHED;
    Set<String> keep = new LinkedHashSet<>();
    keep.add(runId);
    published.ifPresent(keep::add);
    try {
      HadoopFiles.deleteRecursively(root.resolve(STAGING + "/" + runId));
      removeSnapshotsExcept(root, keep);
    } catch (IOException e) {
      // The run is published; what is left here is removed by the next begin().
      throw new UncheckedIOException("Published " + snapshot + " but could not remove older snapshots", e);
    }
  }

  @Override
  public void abandon() {
    if (state == SnapshotState.PUBLISHED) {
      return;
    }
    state = SnapshotState.ABANDONED;
    try {
      HadoopFiles.deleteRecursively(root.resolve(STAGING + "/" + runId));
      HadoopFiles.deleteRecursively(snapshotDir(root, runId));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove abandoned snapshot " + snapshotDir(root, runId), e);
    }
  }

  @Override
  public void close() {
    abandon();
  }

  private static Location snapshotDir(Location root, String id) {
    return root.resolve(SNAPSHOTS + "/" + id);
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

  private static void removeSnapshotsExcept(Location root, Set<String> keep) throws IOException {
    for (FileStatus snapshot : HadoopFiles.children(root.resolve(SNAPSHOTS))) {
      if (!keep.contains(snapshot.getPath().getName())) {
        root.fs().delete(snapshot.getPath(), true);
      }
    }
  }
}
