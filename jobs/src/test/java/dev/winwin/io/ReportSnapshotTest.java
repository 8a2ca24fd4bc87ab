package dev.winwin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.UserError;
import dev.winwin.testing.TestSpark;

class ReportSnapshotTest {
  private static final String OUTCOMES = "deal_outcomes";
  private static final String MONTH = "close_month";
  private static final Set<String> Q1 = Set.of("2026-01", "2026-02", "2026-03");

  @TempDir Path root;

  private final SparkSession spark = TestSpark.session();

  @Test
  void publishReplacesWindowMonthsClearsEmptiedOnesAndHardLinksTheRest() throws Exception {
    publishOutcomes("run-1", Q1,
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}",
        "{'deal_id': 'd2', 'amount': 20, 'close_month': '2026-02'}",
        "{'deal_id': 'd3', 'amount': 30, 'close_month': '2026-03'}");
    Path january = onlyFile(root.resolve(OUTCOMES).resolve("close_month=2026-01"));
    Object januaryInode = Files.getAttribute(january, "unix:ino");
    byte[] januaryBytes = Files.readAllBytes(january);

    // d2 was restated and d3 withdrawn; January is outside the window.
    publishOutcomes("run-2", Set.of("2026-02", "2026-03"),
        "{'deal_id': 'd2', 'amount': 25, 'close_month': '2026-02'}");

    assertEquals(List.of("d1|10|2026-01", "d2|25|2026-02"), publishedRows(OUTCOMES));
    assertFalse(Files.exists(root.resolve(OUTCOMES).resolve("close_month=2026-03")), "emptied month cleared");
    Path januaryNow = root.resolve("snapshots/run-2").resolve(OUTCOMES).resolve("close_month=2026-01")
        .resolve(january.getFileName());
    assertEquals(januaryInode, Files.getAttribute(januaryNow, "unix:ino"), "carried over by hard link");
    assertTrue(Arrays.equals(januaryBytes, Files.readAllBytes(januaryNow)));
    assertEquals(Path.of("snapshots/run-2"), Files.readSymbolicLink(root.resolve("current")));
    assertEquals(Path.of("current/deal_outcomes"), Files.readSymbolicLink(root.resolve(OUTCOMES)));
  }

  @Test
  void rejectsPartitionedByRunKeepEveryEarlierRun() throws Exception {
    for (String runId : List.of("run-1", "run-2")) {
      try (OutputLock lock = OutputLock.acquire(root); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId)) {
        Dataset<Row> rejects = rows("source STRING, reason STRING, run_id STRING",
            "{'source': 'deals', 'reason': 'bad date', 'run_id': '" + runId + "'}");
        ParquetReportWriter.write(rejects, snapshot.stagingDir("rejects"), "run_id", runId, "test");
        snapshot.commitPartitions("rejects", "run_id", Set.of(snapshot.runId()));
        snapshot.publish();
      }
    }
    List<String> runs = spark.read().parquet(root.resolve("rejects").toString())
        .select("run_id").orderBy("run_id").as(Encoders.STRING()).collectAsList();
    assertEquals(List.of("run-1", "run-2"), runs);
  }

  @Test
  void killedRunLeavesPublishedRowsAndTheNextBeginRemovesItsLeftovers() throws Exception {
    publishOutcomes("run-1", Q1, "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");

    // The "killed" run gets as far as committing into its snapshot; then only the OS lock goes away.
    OutputLock killedLock = OutputLock.acquire(root);
    ReportSnapshot killed = ReportSnapshot.begin(killedLock, "run-2");
    ParquetReportWriter.write(outcomes("{'deal_id': 'd9', 'amount': 99, 'close_month': '2026-01'}"),
        killed.stagingDir(OUTCOMES), MONTH, "run-2", "test");
    ParquetReportWriter.write(outcomes("{'deal_id': 'd8', 'amount': 88, 'close_month': '2026-02'}"),
        killed.stagingDir("monthly_summary"), MONTH, "run-2", "test");
    killed.commitPartitions(OUTCOMES, MONTH, Q1);
    killedLock.close();

    assertEquals(List.of("d1|10|2026-01"), publishedRows(OUTCOMES));
    assertTrue(Files.isDirectory(root.resolve("snapshots/run-2")));
    assertTrue(Files.isDirectory(root.resolve(".staging/run-2")));

    try (OutputLock lock = OutputLock.acquire(root); ReportSnapshot next = ReportSnapshot.begin(lock, "run-3")) {
      assertEquals(List.of("run-1", "run-3"), names(root.resolve("snapshots")));
      assertFalse(Files.exists(root.resolve(".staging")), "staging of the killed run removed");
      assertEquals(List.of("d1|10|2026-01"), publishedRows(OUTCOMES));
    }
  }

  @Test
  void abandonedRunRemovesItsSnapshotAndLeavesPublishedRows() throws Exception {
    publishOutcomes("run-1", Q1, "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");

    try (OutputLock lock = OutputLock.acquire(root); ReportSnapshot failed = ReportSnapshot.begin(lock, "run-2")) {
      ParquetReportWriter.write(outcomes("{'deal_id': 'd9', 'amount': 99, 'close_month': '2026-01'}"),
          failed.stagingDir(OUTCOMES), MONTH, "run-2", "test");
      failed.commitPartitions(OUTCOMES, MONTH, Q1);
      failed.abandon();
    }

    assertEquals(List.of("run-1"), names(root.resolve("snapshots")));
    assertFalse(Files.exists(root.resolve(".staging/run-2")));
    assertEquals(List.of("d1|10|2026-01"), publishedRows(OUTCOMES));
  }

  @Test
  void refusesStagedRowsOutsideTheWindowAndPublishesNothing() throws Exception {
    publishOutcomes("run-1", Q1, "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> publishOutcomes("run-2",
        Set.of("2026-02"), "{'deal_id': 'd1', 'amount': 11, 'close_month': '2026-01'}"));

    assertTrue(e.getMessage().contains("close_month=2026-01"), e.getMessage());
    assertEquals(List.of("d1|10|2026-01"), publishedRows(OUTCOMES));
    assertEquals(List.of("run-1"), names(root.resolve("snapshots")));
  }

  @Test
  void keepsThePreviousSnapshotForReadersAndDeletesOlderOnes() throws Exception {
    for (String runId : List.of("run-1", "run-2", "run-3")) {
      publishOutcomes(runId, Q1, "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");
    }
    assertEquals(List.of("run-2", "run-3"), names(root.resolve("snapshots")));
    assertEquals(Path.of("snapshots/run-2"), Files.readSymbolicLink(root.resolve("previous")));
    assertEquals(root.resolve("snapshots/run-3").toRealPath().resolve(OUTCOMES),
        ReportSnapshot.publishedReport(root, OUTCOMES));
  }

  @Test
  void carriesOverReportsTheRunDidNotCommit() throws Exception {
    try (OutputLock lock = OutputLock.acquire(root); ReportSnapshot first = ReportSnapshot.begin(lock, "run-1")) {
      for (String report : List.of(OUTCOMES, "monthly_summary")) {
        ParquetReportWriter.write(outcomes("{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}"),
            first.stagingDir(report), MONTH, "run-1", "test");
        first.commitPartitions(report, MONTH, Q1);
      }
      first.publish();
    }
    publishOutcomes("run-2", Q1, "{'deal_id': 'd2', 'amount': 20, 'close_month': '2026-02'}");

    assertEquals(List.of("d2|20|2026-02"), publishedRows(OUTCOMES));
    assertEquals(List.of("d1|10|2026-01"), publishedRows("monthly_summary"));
  }

  @Test
  void refusesARunIdThatIsAlreadyPublished() {
    publishOutcomes("run-1", Q1, "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");
    try (OutputLock lock = OutputLock.acquire(root)) {
      UserError e = assertThrows(UserError.class, () -> ReportSnapshot.begin(lock, "run-1"));
      assertTrue(e.getMessage().startsWith("Run id run-1 is already published under " + root), e.getMessage());
    }
  }

  @Test
  void refusesToPublishOverAReportFolderItDidNotCreate() throws Exception {
    Files.createDirectories(root.resolve(OUTCOMES).resolve("close_month=2026-01"));
    UserError e = assertThrows(UserError.class, () -> publishOutcomes("run-1", Q1,
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}"));
    assertTrue(e.getMessage().startsWith(root.resolve(OUTCOMES) + " is not the link"), e.getMessage());
    assertFalse(Files.exists(root.resolve("current"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void readsPartitionValuesTheWaySparkEscapedThem() {
    assertEquals(Optional.of("2026-11-27T05:23:32Z"),
        ReportSnapshot.partitionValue("run_id=2026-11-27T05%3A23%3A32Z", "run_id"));
    assertEquals(Optional.empty(), ReportSnapshot.partitionValue("close_month=2026-01", "run_id"));
  }

  @Test
  void rejectsRunIdsThatAreNotPlainPathSegments() {
    try (OutputLock lock = OutputLock.acquire(root)) {
      for (String bad : List.of("../x", ".hidden", "a/b", "")) {
        assertThrows(IllegalArgumentException.class, () -> ReportSnapshot.begin(lock, bad), bad);
      }
    }
  }

  private void publishOutcomes(String runId, Set<String> window, String... jsonRows) {
    try (OutputLock lock = OutputLock.acquire(root); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId)) {
      ParquetReportWriter.write(outcomes(jsonRows), snapshot.stagingDir(OUTCOMES), MONTH, runId, "test");
      snapshot.commitPartitions(OUTCOMES, MONTH, window);
      snapshot.publish();
    }
  }

  private Dataset<Row> outcomes(String... jsonRows) {
    return rows("deal_id STRING, amount INT, close_month STRING", jsonRows);
  }

  private Dataset<Row> rows(String ddl, String... jsonRows) {
    return spark.read().schema(ddl).json(spark.createDataset(List.of(jsonRows), Encoders.STRING()));
  }

  /** What a reader globbing the published name sees, sorted by deal. */
  private List<String> publishedRows(String report) {
    return spark.read().parquet(root.resolve(report).toString())
        .select("deal_id", "amount", MONTH)
        .orderBy("deal_id")
        .collectAsList().stream()
        .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2))
        .toList();
  }

  private static Path onlyFile(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> parquet = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
      assertEquals(1, parquet.size(), "files in " + dir);
      return parquet.get(0);
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
