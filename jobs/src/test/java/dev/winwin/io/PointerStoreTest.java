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

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.UserError;
import dev.winwin.testing.TestSpark;

/**
 * The pointer layout that HDFS and object stores get, here on the local file system through the
 * same Hadoop API (HdfsEndToEndTest runs it on a real HDFS), with real Parquet read back through
 * the pointer.
 */
class PointerStoreTest {
  private static final String OUTCOMES = "deal_outcomes";
  private static final String MONTH = "close_month";
  private static final OutputLock.Policy POLICY = new OutputLock.Policy(Duration.ofHours(6), false);

  @TempDir Path tmp;

  private final SparkSession spark = TestSpark.session();

  @Test
  void pointerNamesTheNewSnapshotItsPreviousAndItsReports() throws Exception {
    Location root = root();
    publish(root, "run-1", Set.of("2026-01", "2026-02"),
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}", "{'deal_id': 'd2', 'amount': 20, 'close_month': '2026-02'}");
    publish(root, "run-2", Set.of("2026-02"), "{'deal_id': 'd2', 'amount': 25, 'close_month': '2026-02'}");

    JsonNode pointer = new ObjectMapper().readTree(tmp.resolve("out/current.json").toFile());
    assertEquals("run-2", pointer.get("snapshot").asText());
    assertEquals("run-1", pointer.get("previous").asText());
    assertEquals("snapshots/run-2/deal_outcomes", pointer.get("reports").get(OUTCOMES).asText());
    assertEquals(List.of("d1|10|2026-01", "d2|25|2026-02"), spark.read().parquet(ReportSnapshot.publishedReport(root, OUTCOMES).uri())
        .selectExpr("concat_ws('|', deal_id, amount, close_month)").orderBy("deal_id").as(Encoders.STRING()).collectAsList());
    assertTrue(Files.isDirectory(tmp.resolve("out/snapshots/run-2/deal_outcomes/close_month=2026-01")), "carried over as a copy");
    assertFalse(Files.exists(tmp.resolve("out/current")), "no links in this layout");
    assertFalse(Files.exists(tmp.resolve("out/" + OUTCOMES)), "no report names at the root in this layout");
    assertFalse(Files.exists(tmp.resolve("out/.winwin-lock.json")), "lock file removed at the end");
  }

  @Test
  void refusesARootPublishedThroughLinks() {
    try (OutputLock lock = OutputLock.acquire(tmp.resolve("out")); ReportSnapshot snapshot = ReportSnapshot.begin(lock, "run-1")) {
      snapshot.publish();
    }
    try (OutputLock lock = HadoopOutputLock.acquire(root(), "run-2", POLICY)) {
      UserError e = assertThrows(UserError.class, () -> ReportSnapshot.begin(lock, "run-2", ReportSnapshot.Mode.POINTER));
      assertTrue(e.getMessage().contains("published through symbolic links"), e.getMessage());
    }
  }

  @Test
  void saysWhichReportsThePointerListsWhenAskedForAnother() {
    Location root = root();
    publish(root, "run-1", Set.of("2026-01"), "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}");
    UserError e = assertThrows(UserError.class, () -> ReportSnapshot.publishedReport(root, "rep_scorecard"));
    assertEquals("No published report rep_scorecard under " + root + " (current.json lists [deal_outcomes]).", e.getMessage());
  }

  private Location root() {
    return Location.of(spark.sparkContext().hadoopConfiguration(), tmp.resolve("out").toUri().toString());
  }

  private void publish(Location root, String runId, Set<String> months, String... jsonRows) {
    try (OutputLock lock = HadoopOutputLock.acquire(root, runId, POLICY);
        ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId, ReportSnapshot.Mode.POINTER)) {
      ParquetReportWriter.write(spark.read().schema("deal_id STRING, amount INT, close_month STRING")
          .json(spark.createDataset(List.of(jsonRows), Encoders.STRING())), snapshot.stagingDir(OUTCOMES), MONTH, runId, "test");
      snapshot.commitPartitions(OUTCOMES, MONTH, ReportSnapshot.Replacing.partitions(months));
      snapshot.publish();
    }
  }
}
