package dev.winwin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.UserError;
import dev.winwin.testing.TestSpark;

/** The links layout of a local output root, with real Parquet read back by the report's folder name. */
class LinkStoreTest {
  private static final String OUTCOMES = "deal_outcomes";
  private static final String MONTH = "close_month";

  @TempDir Path root;

  private final SparkSession spark = TestSpark.session();

  @Test
  void hardLinksCarriedOverMonthsAndSwitchesCurrentAndPrevious() throws Exception {
    publish("run-1", Set.of("2026-01", "2026-02"),
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}", "{'deal_id': 'd2', 'amount': 20, 'close_month': '2026-02'}");
    Path january = onlyParquet(root.resolve(OUTCOMES).resolve("close_month=2026-01"));
    Object inode = Files.getAttribute(january, "unix:ino");
    byte[] bytes = Files.readAllBytes(january);

    publish("run-2", Set.of("2026-02"), "{'deal_id': 'd2', 'amount': 25, 'close_month': '2026-02'}");

    assertEquals(List.of("d1|10|2026-01", "d2|25|2026-02"), spark.read().parquet(root.resolve(OUTCOMES).toString())
        .selectExpr("concat_ws('|', deal_id, amount, close_month)").orderBy("deal_id").as(Encoders.STRING()).collectAsList());
    Path carried = root.resolve("snapshots/run-2").resolve(OUTCOMES).resolve("close_month=2026-01").resolve(january.getFileName());
    assertEquals(inode, Files.getAttribute(carried, "unix:ino"), "carried over by hard link");
    assertArrayEquals(bytes, Files.readAllBytes(carried));
    assertEquals(Path.of("snapshots/run-2"), Files.readSymbolicLink(root.resolve("current")));
    assertEquals(Path.of("snapshots/run-1"), Files.readSymbolicLink(root.resolve("previous")));
    assertEquals(Path.of("current/deal_outcomes"), Files.readSymbolicLink(root.resolve(OUTCOMES)));
    assertEquals(root.resolve("snapshots/run-2").toRealPath().resolve(OUTCOMES), LinkStore.publishedReport(root, OUTCOMES));
    assertFalse(Files.exists(root.resolve(PointerStore.POINTER)), "no pointer in this layout");
  }

  @Test
  void refusesToPublishOverAReportFolderItDidNotCreate() throws Exception {
    Files.createDirectories(root.resolve(OUTCOMES).resolve("close_month=2026-01"));
    UserError e = assertThrows(UserError.class, () -> publish("run-1", Set.of("2026-01"),
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-01'}"));
    assertTrue(e.getMessage().startsWith(root.resolve(OUTCOMES) + " is not the link"), e.getMessage());
    assertFalse(Files.exists(root.resolve("current"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void refusesARootPublishedThroughThePointerFile() throws Exception {
    Files.writeString(root.resolve(PointerStore.POINTER), "{}");
    try (OutputLock lock = OutputLock.acquire(root)) {
      UserError e = assertThrows(UserError.class, () -> ReportSnapshot.begin(lock, "run-1", ReportSnapshot.Mode.LINKS));
      assertTrue(e.getMessage().contains("is published through the pointer file current.json"), e.getMessage());
    }
  }

  @Test
  void refusesACurrentThatIsNotItsLink() throws Exception {
    Files.createDirectories(root.resolve("current"));
    try (OutputLock lock = OutputLock.acquire(root)) {
      UserError e = assertThrows(UserError.class, () -> ReportSnapshot.begin(lock, "run-1"));
      assertTrue(e.getMessage().contains("is not a link into snapshots/"), e.getMessage());
    }
  }

  private void publish(String runId, Set<String> months, String... jsonRows) {
    try (OutputLock lock = OutputLock.acquire(root); ReportSnapshot snapshot = ReportSnapshot.begin(lock, runId)) {
      ParquetReportWriter.write(spark.read().schema("deal_id STRING, amount INT, close_month STRING")
          .json(spark.createDataset(List.of(jsonRows), Encoders.STRING())), snapshot.stagingDir(OUTCOMES), MONTH, runId, "test");
      snapshot.commitPartitions(OUTCOMES, MONTH, ReportSnapshot.Replacing.partitions(months));
      snapshot.publish();
    }
  }

  private static Path onlyParquet(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> parquet = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
      assertEquals(1, parquet.size(), "files in " + dir);
      return parquet.get(0);
    }
  }
}
