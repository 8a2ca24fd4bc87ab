package dev.winwin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.UserError;
import dev.winwin.testing.TestSpark;

/**
 * The pointer-file publish and the lock file that HDFS and object stores get, run here on the
 * local file system through the same Hadoop API.
 */
class PointerReportSnapshotTest {
  private static final String OUTCOMES = "deal_outcomes";
  private static final String MONTH = "close_month";
  private static final Set<String> Q1 = Set.of("2026-01", "2026-02", "2026-03");
  private static final OutputLock.Policy POLICY = new OutputLock.Policy(Duration.ofHours(6), false);

  @TempDir Path tmp;

  private final SparkSession spark = TestSpark.session();

  @Test
  void pointerNamesTheNewSnapshotWithWindowMonthsReplacedAndTheRestCopied() throws Exception {
    Location root = root();
    publish(root, "run-1", Q1,
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}",
        "{'deal_id': 'd2', 'amount': 20, 'close_month': '2026-02'}",
        "{'deal_id': 'd3', 'amount': 30, 'close_month': '2026-03'}");
    publish(root, "run-2", Set.of("2026-02", "2026-03"), "{'deal_id': 'd2', 'amount': 25, 'close_month': '2026-02'}");

    JsonNode pointer = new ObjectMapper().readTree(tmp.resolve("out/current.json").toFile());
    assertEquals("run-2", pointer.get("snapshot").asText());
    assertEquals("run-1", pointer.get("previous").asText());
    assertEquals("snapshots/run-2/deal_outcomes", pointer.get("reports").get(OUTCOMES).asText());
    assertEquals(List.of("d1|10|2026-01", "d2|25|2026-02"), publishedRows(root));
    assertTrue(Files.isDirectory(tmp.resolve("out/snapshots/run-2/deal_outcomes/close_month=2026-01")), "carried over");
    assertFalse(Files.exists(tmp.resolve("out/snapshots/run-2/deal_outcomes/close_month=2026-03")), "emptied month cleared");
    assertFalse(Files.exists(tmp.resolve("out/.winwin-lock.json")), "lock file removed at the end");
    assertFalse(Files.exists(tmp.resolve("out/current")), "no links in this layout");
  }

  @Test
  void killedRunLeavesThePointerAndTheNextBeginRemovesItsLeftovers() throws Exception {
    Location root = root();
    publish(root, "run-1", Q1, "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");

    OutputLock killedLock = HadoopOutputLock.acquire(root, "run-2", POLICY);
    ReportSnapshot killed = ReportSnapshot.begin(killedLock, "run-2", ReportSnapshot.Mode.POINTER);
    ParquetReportWriter.write(outcomes("{'deal_id': 'd9', 'amount': 99, 'close_month': '2026-01'}"),
        killed.stagingDir(OUTCOMES), MONTH, "run-2", "test");
    killed.commitPartitions(OUTCOMES, MONTH, Q1);
    killedLock.close();

    assertEquals(List.of("d1|10|2026-01"), publishedRows(root));
    try (OutputLock lock = HadoopOutputLock.acquire(root, "run-3", POLICY);
        ReportSnapshot next = ReportSnapshot.begin(lock, "run-3", ReportSnapshot.Mode.POINTER)) {
      assertEquals(List.of("run-1", "run-3"), names(tmp.resolve("out/snapshots")));
      assertFalse(Files.exists(tmp.resolve("out/.staging")), "staging of the killed run removed");
    }
    assertEquals(List.of("d1|10|2026-01"), publishedRows(root));
  }

  @Test
  void refusesARootPublishedThroughLinks() {
    Path out = tmp.resolve("out");
    try (OutputLock lock = OutputLock.acquire(out); ReportSnapshot snapshot = ReportSnapshot.begin(lock, "run-1")) {
      ParquetReportWriter.write(outcomes("{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}"),
          snapshot.stagingDir(OUTCOMES), MONTH, "run-1", "test");
      snapshot.commitPartitions(OUTCOMES, MONTH, Q1);
      snapshot.publish();
    }
    try (OutputLock lock = HadoopOutputLock.acquire(root(), "run-2", POLICY)) {
      UserError e = assertThrows(UserError.class, () -> ReportSnapshot.begin(lock, "run-2", ReportSnapshot.Mode.POINTER));
      assertTrue(e.getMessage().contains("published through symbolic links"), e.getMessage());
    }
  }

  @Test
  void lockFileRefusesASecondRunAndNamesTheFirst() {
    Location root = root();
    try (OutputLock first = HadoopOutputLock.acquire(root, "run-1", POLICY)) {
      UserError e = assertThrows(UserError.class, () -> HadoopOutputLock.acquire(root, "run-2", POLICY));
      assertTrue(e.getMessage().startsWith("Another winwin run is writing to " + root + " (run run-1 on "), e.getMessage());
      assertTrue(first.isHeld());
    }
    try (OutputLock again = HadoopOutputLock.acquire(root, "run-3", POLICY)) {
      assertTrue(again.isHeld(), "free again once closed");
    }
  }

  @Test
  void staleLockFileIsBrokenOnlyWhenAskedAndOneWhoseOwnerIsGoneAlways() throws Exception {
    Location root = root();
    Path lockFile = tmp.resolve("out/.winwin-lock.json");
    Files.createDirectories(lockFile.getParent());
    Files.writeString(lockFile, """
        {"owner": "run-0", "host": "elsewhere", "pid": 1, "processStart": "", "acquiredAt": "2020-01-01T00:00:00Z", "token": "t"}
        """);

    UserError e = assertThrows(UserError.class, () -> HadoopOutputLock.acquire(root, "run-1", POLICY));
    assertTrue(e.getMessage().contains("is older than publish.lock-stale-after (PT6H)"), e.getMessage());
    assertTrue(e.getMessage().contains("--set publish.break-stale-lock=true"), e.getMessage());
    try (OutputLock broken = HadoopOutputLock.acquire(root, "run-1", new OutputLock.Policy(Duration.ofHours(6), true))) {
      assertTrue(broken.isHeld());
    }

    // A fresh lock of a process on this host that no longer exists.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(lockFile, "{\"owner\": \"run-0\", \"host\": \"" + java.net.InetAddress.getLocalHost().getHostName()
        + "\", \"pid\": " + gone.pid() + ", \"processStart\": \"\", \"acquiredAt\": \"" + java.time.Instant.now()
        + "\", \"token\": \"t\"}");
    try (OutputLock taken = HadoopOutputLock.acquire(root, "run-2", POLICY)) {
      assertTrue(taken.isHeld());
    }
  }

  private Location root() {
    return Location.of(spark.sparkContext().hadoopConfiguration(), tmp.resolve("out").toUri().toString());
  }

  private void publish(Location root, String runId, Set<String> window, String... jsonRows) {
    try (OutputLock lock = HadoopOutputLock.acquire(root, runId, POLICY);
        ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId, ReportSnapshot.Mode.POINTER)) {
      ParquetReportWriter.write(outcomes(jsonRows), snapshot.stagingDir(OUTCOMES), MONTH, runId, "test");
      snapshot.commitPartitions(OUTCOMES, MONTH, window);
      snapshot.publish();
    }
  }

  private Dataset<Row> outcomes(String... jsonRows) {
    return spark.read().schema("deal_id STRING, amount INT, close_month STRING")
        .json(spark.createDataset(List.of(jsonRows), Encoders.STRING()));
  }

  /** What a reader sees after resolving the pointer, sorted by deal. */
  private List<String> publishedRows(Location root) {
    return spark.read().parquet(ReportSnapshot.publishedReport(root, OUTCOMES).uri())
        .select("deal_id", "amount", MONTH)
        .orderBy("deal_id")
        .collectAsList().stream()
        .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2))
        .toList();
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }
}
