package dev.winwin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.winwin.UserError;

/**
 * The publish algorithm over either store, on plain files standing in for Spark's output (the
 * algorithm never looks inside them): what each run publishes, and that a run dying at any
 * primitive step leaves a reader one whole snapshot and the next run a clean root.
 */
class ReportSnapshotTest {
  private static final String OUTCOMES = "deal_outcomes";
  private static final String SUMMARY = "monthly_summary";
  private static final String REJECTS = "rejects";
  private static final String MONTH = "close_month";
  private static final ReportSnapshot.Replacing Q1 = ReportSnapshot.Replacing.partitions(Set.of("2026-01", "2026-02", "2026-03"));

  /** The two layouts, each with the lock its file system gets. */
  enum Layout {
    LINKS, POINTER;

    OutputLock lock(Location root, String runId) {
      return this == LINKS ? PosixOutputLock.acquire(root)
          : HadoopOutputLock.acquire(root, runId, new OutputLock.Policy(Duration.ofHours(6), false));
    }

    SnapshotStore store(Location root) {
      return this == LINKS ? new LinkStore(root) : new PointerStore(root);
    }
  }

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Layout.class)
  void replacesWindowMonthsClearsEmptiedOnesAndCarriesOverTheRest(Layout layout) throws Exception {
    Location root = root("out");
    publish(layout, root, "run-1", Map.of(OUTCOMES, Map.of("2026-01", "d1 10", "2026-02", "d2 20", "2026-03", "d3 30")));
    // d2 was restated and d3 withdrawn; January is outside the window.
    publish(layout, root, "run-2", Map.of(OUTCOMES, Map.of("2026-02", "d2 25")),
        ReportSnapshot.Replacing.partitions(Set.of("2026-02", "2026-03")));

    assertEquals(Map.of("close_month=2026-01/part-0", "d1 10", "close_month=2026-02/part-0", "d2 25"), published(root, OUTCOMES));
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void aReportReplacedWholeHoldsTheLatestRunOnly(Layout layout) throws Exception {
    Location root = root("out");
    for (String runId : List.of("run-1", "run-2")) {
      try (OutputLock lock = layout.lock(root, runId); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId, layout.store(root))) {
        stage(snapshot, REJECTS, "run_id", Map.of(runId, "bad row of " + runId));
        snapshot.commitPartitions(REJECTS, "run_id", ReportSnapshot.Replacing.whole());
        snapshot.publish();
      }
    }
    assertEquals(Map.of("run_id=run-2/part-0", "bad row of run-2"), published(root, REJECTS));
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void carriesOverReportsTheRunDidNotCommit(Layout layout) throws Exception {
    Location root = root("out");
    publish(layout, root, "run-1", Map.of(OUTCOMES, Map.of("2026-01", "d1"), SUMMARY, Map.of("2026-01", "s1")));
    publish(layout, root, "run-2", Map.of(OUTCOMES, Map.of("2026-02", "d2")));

    assertEquals(Map.of("close_month=2026-02/part-0", "d2"), published(root, OUTCOMES));
    assertEquals(Map.of("close_month=2026-01/part-0", "s1"), published(root, SUMMARY));
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void keepsThePreviousSnapshotForReadersAndDeletesOlderOnes(Layout layout) throws Exception {
    Location root = root("out");
    for (String runId : List.of("run-1", "run-2", "run-3")) {
      publish(layout, root, runId, Map.of(OUTCOMES, Map.of("2026-01", runId)));
    }
    assertEquals(List.of("run-2", "run-3"), names(tmp.resolve("out/snapshots")));
    assertEquals(Map.of("close_month=2026-01/part-0", "run-3"), published(root, OUTCOMES));
    assertFalse(Files.exists(tmp.resolve("out/.staging/run-3")), "staging removed after the switch");
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void abandonedRunRemovesItsSnapshotAndLeavesPublishedRows(Layout layout) throws Exception {
    Location root = root("out");
    publish(layout, root, "run-1", Map.of(OUTCOMES, Map.of("2026-01", "d1")));
    Map<String, String> before = published(root, OUTCOMES);

    try (OutputLock lock = layout.lock(root, "run-2");
        ReportSnapshot failed = ReportSnapshot.begin(lock, "run-2", layout.store(root))) {
      stage(failed, OUTCOMES, MONTH, Map.of("2026-01", "d9"));
      failed.commitPartitions(OUTCOMES, MONTH, Q1);
      failed.abandon();
    }

    assertEquals(List.of("run-1"), names(tmp.resolve("out/snapshots")));
    assertFalse(Files.exists(tmp.resolve("out/.staging/run-2")));
    assertEquals(before, published(root, OUTCOMES));
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void refusesStagedPartitionsOutsideWhatTheRunReplaces(Layout layout) throws Exception {
    Location root = root("out");
    publish(layout, root, "run-1", Map.of(OUTCOMES, Map.of("2026-01", "d1")));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> publish(layout, root, "run-2",
        Map.of(OUTCOMES, Map.of("2026-01", "d1 again")), ReportSnapshot.Replacing.partitions(Set.of("2026-02"))));

    assertTrue(e.getMessage().contains("close_month=2026-01"), e.getMessage());
    assertEquals(Map.of("close_month=2026-01/part-0", "d1"), published(root, OUTCOMES));
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void refusesARunIdThatIsAlreadyPublished(Layout layout) throws Exception {
    Location root = root("out");
    publish(layout, root, "run-1", Map.of(OUTCOMES, Map.of("2026-01", "d1")));
    try (OutputLock lock = layout.lock(root, "run-1")) {
      UserError e = assertThrows(UserError.class, () -> ReportSnapshot.begin(lock, "run-1", layout.store(root)));
      assertTrue(e.getMessage().startsWith("Run id run-1 is already published under " + root), e.getMessage());
    }
  }

  @Test
  void refusesRunIdsThatAreNotPlainPathSegments() {
    Location root = root("out");
    try (OutputLock lock = OutputLock.acquire(tmp.resolve("out"))) {
      for (String bad : List.of("../x", ".hidden", "a/b", "")) {
        assertThrows(IllegalArgumentException.class, () -> ReportSnapshot.begin(lock, bad, new LinkStore(root)), bad);
      }
    }
  }

  @Test
  void readsPartitionValuesTheWaySparkEscapedThem() {
    assertEquals(Optional.of("2026-11-27T05:23:32Z"), ReportSnapshot.partitionValue("run_id=2026-11-27T05%3A23%3A32Z", "run_id"));
    assertEquals(Optional.empty(), ReportSnapshot.partitionValue("close_month=2026-01", "run_id"));
  }

  /**
   * For every primitive step of a run, a run that dies there (that step and every one after it
   * fail, as when the process is killed) leaves the reader the old snapshot or the new one, whole;
   * the next run's begin removes what it left, and that run publishes.
   */
  @ParameterizedTest
  @EnumSource(Layout.class)
  void aRunDyingAtAnyStepLeavesOneWholeSnapshotAndTheNextBeginCleansUp(Layout layout) throws Exception {
    Map<String, Map<String, String>> first = Map.of(
        OUTCOMES, Map.of("2026-01", "d1", "2026-02", "d2", "2026-03", "d3"), SUMMARY, Map.of("2026-01", "s1"));
    Map<String, Map<String, String>> second = Map.of(OUTCOMES, Map.of("2026-02", "d2 restated"));

    Location healthy = root("healthy");
    publish(layout, healthy, "run-1", first);
    Map<String, Map<String, String>> before = publishedReports(healthy);
    FailingStore counting = new FailingStore();
    publish(layout, counting.around(layout.store(healthy), Integer.MAX_VALUE), "run-2", second, Q1);
    Map<String, Map<String, String>> after = publishedReports(healthy);
    assertTrue(counting.steps > 15, "the run takes " + counting.steps + " steps");

    for (int failAt = 1; failAt <= counting.steps; failAt++) {
      Location root = root("die-at-" + failAt);
      publish(layout, root, "run-1", first);
      boolean died;
      try {
        publish(layout, new FailingStore().around(layout.store(root), failAt), "run-2", second, Q1);
        died = false;
      } catch (RuntimeException e) {
        died = true;
      }
      Map<String, Map<String, String>> seen = publishedReports(root);
      assertTrue(seen.equals(after) || (died && seen.equals(before)),
          "died at step " + failAt + " of " + counting.steps + " (thrown: " + died + "): a reader sees " + seen);

      try (OutputLock lock = layout.lock(root, "run-3");
          ReportSnapshot next = ReportSnapshot.begin(lock, "run-3", layout.store(root))) {
        assertFalse(Files.exists(tmp.resolve("die-at-" + failAt + "/.staging")), "staging removed, step " + failAt);
        assertEquals(Set.of(), hiddenTemporaries(tmp.resolve("die-at-" + failAt)), "step " + failAt);
        List<String> snapshots = names(tmp.resolve("die-at-" + failAt + "/snapshots"));
        assertTrue(snapshots.contains("run-3") && snapshots.size() <= 3 && !(seen.equals(before) && snapshots.contains("run-2")),
            "step " + failAt + ": snapshots " + snapshots);
        assertEquals(seen, publishedReports(root), "begin changes nothing a reader sees");
      }
      publish(layout, root, "run-4", second);
      assertEquals(after, publishedReports(root), "the next run publishes, step " + failAt);
    }
  }

  private static void publish(Layout layout, Location root, String runId, Map<String, Map<String, String>> reports) throws IOException {
    publish(layout, root, runId, reports, Q1);
  }

  private static void publish(Layout layout, Location root, String runId, Map<String, Map<String, String>> reports,
      ReportSnapshot.Replacing replacing) throws IOException {
    publish(layout, layout.store(root), runId, reports, replacing);
  }

  /** A whole run through {@code store}: stage and commit {@code reports} (report to month to content), then publish. */
  private static void publish(Layout layout, SnapshotStore store, String runId, Map<String, Map<String, String>> reports,
      ReportSnapshot.Replacing replacing) throws IOException {
    try (OutputLock lock = layout.lock(store.root(), runId); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId, store)) {
      for (Map.Entry<String, Map<String, String>> report : new TreeMap<>(reports).entrySet()) {
        stage(snapshot, report.getKey(), MONTH, report.getValue());
        snapshot.commitPartitions(report.getKey(), MONTH, replacing);
      }
      snapshot.publish();
    }
  }

  /** Writes one file per partition value into the snapshot's staging, as Spark would. */
  private static void stage(ReportSnapshot snapshot, String report, String column, Map<String, String> values) throws IOException {
    for (Map.Entry<String, String> value : values.entrySet()) {
      Path folder = snapshot.stagingDir(report).toLocalPath().resolve(column + "=" + value.getKey());
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("part-0"), value.getValue());
    }
  }

  /** What a reader that resolves {@code report} finds: relative path to content, hidden files left out. */
  private static Map<String, String> published(Location root, String report) throws IOException {
    Path folder = ReportSnapshot.publishedReport(root, report).toLocalPath();
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        String relative = folder.relativize(file).toString();
        if (!file.getFileName().toString().startsWith(".")) {
          files.put(relative, Files.readString(file));
        }
      }
    }
    return files;
  }

  private static Map<String, Map<String, String>> publishedReports(Location root) throws IOException {
    Map<String, Map<String, String>> reports = new TreeMap<>();
    for (String report : List.of(OUTCOMES, SUMMARY)) {
      reports.put(report, published(root, report));
    }
    return reports;
  }

  /** Temporary names a half-done switch leaves under the root. */
  private static Set<String> hiddenTemporaries(Path root) throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      return Set.copyOf(entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
    }
  }

  private Location root(String name) {
    return Location.local(tmp.resolve(name));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  /** Counts the primitive steps of a store and makes every one fail from step {@code failAt} on, as if the process died there. */
  private static final class FailingStore {
    int steps;

    /** {@code store}, failing from step {@code failAt}: {@link SnapshotStore#root()} alone is no step. */
    SnapshotStore around(SnapshotStore store, int failAt) {
      return (SnapshotStore) Proxy.newProxyInstance(SnapshotStore.class.getClassLoader(), new Class<?>[] {SnapshotStore.class},
          (proxy, method, args) -> {
            if (!method.getName().equals("root") && ++steps >= failAt) {
              throw new IOException("died at step " + steps + " (" + method.getName() + ")");
            }
            try {
              return method.invoke(store, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
