package dev.winwin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.testing.TestSpark;

class ParquetFooterStampTest {
  private static final String SCHEMA = "deal_id STRING, amount INT, close_month STRING";

  @TempDir Path tmp;

  private final SparkSession spark = TestSpark.session();

  @Test
  void writerStampsOneFilePerMonthAndLeavesNoMarkersOrStaleChecksums() throws Exception {
    Path staging = tmp.resolve("staging");
    ParquetReportWriter.write(deals(), staging, "close_month", "run-7", "1.2.3");

    assertEquals(List.of("close_month=2026-09", "close_month=2026-10"), names(staging));
    for (Path month : List.of(staging.resolve("close_month=2026-09"), staging.resolve("close_month=2026-10"))) {
      List<String> files = names(month);
      assertEquals(1, files.size(), "one file, no checksum, in " + month + ": " + files);
      Map<String, String> footer = keyValues(month.resolve(files.get(0)));
      assertEquals("run-7", footer.get(ParquetReportWriter.RUN_ID_KEY));
      assertEquals("1.2.3", footer.get(ParquetReportWriter.VERSION_KEY));
      assertTrue(footer.containsKey("org.apache.spark.sql.parquet.row.metadata"), "Spark's schema entry is kept");
    }
    assertEquals(List.of("d1|10|2026-09", "d2|20|2026-10", "d3|30|2026-10"), rows(staging));
  }

  @Test
  void restampingReplacesTheValueAndKeepsTheDataReadable() throws Exception {
    Path out = tmp.resolve("plain");
    deals().coalesce(1).write().parquet(out.toUri().toString());
    Path file = parquetFiles(out).get(0);
    assertTrue(Files.exists(file.resolveSibling("." + file.getFileName() + ".crc")));

    ParquetFooterStamp.stamp(file, Map.of("winwin.run_id", "first", "extra", "x"));
    ParquetFooterStamp.stamp(file, Map.of("winwin.run_id", "second"));

    Map<String, String> footer = keyValues(file);
    assertEquals("second", footer.get("winwin.run_id"));
    assertEquals("x", footer.get("extra"));
    assertFalse(Files.exists(file.resolveSibling("." + file.getFileName() + ".crc")), "stale checksum removed");
    assertEquals(List.of("d1|10|2026-09", "d2|20|2026-10", "d3|30|2026-10"), rows(out));
  }

  @Test
  void restampsByRewriteWhereAFileCannotBeChangedInPlace() throws Exception {
    Path out = tmp.resolve("hdfs-like");
    deals().coalesce(1).write().parquet(out.toUri().toString());
    Path file = parquetFiles(out).get(0);
    byte[] before = Files.readAllBytes(file);

    ParquetFooterStamp.rewrite(Location.local(file), Map.of("winwin.run_id", "rewritten"));

    assertEquals("rewritten", keyValues(file).get("winwin.run_id"));
    assertTrue(Files.size(file) > before.length, "footer grew, data bytes kept");
    assertEquals(List.of("d1|10|2026-09", "d2|20|2026-10", "d3|30|2026-10"), rows(out));
    try (Stream<Path> left = Files.list(out)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("stamping")), "no temporary copy left");
    }
  }

  @Test
  void refusesAFileThatIsNotParquet() throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.parquet"), "deal_id,amount\nd1,10\n");
    assertThrows(IllegalArgumentException.class, () -> ParquetFooterStamp.stamp(file, Map.of("k", "v")));
  }

  private Dataset<Row> deals() {
    return spark.read().schema(SCHEMA).json(spark.createDataset(List.of(
        "{'deal_id': 'd1', 'amount': 10, 'close_month': '2026-09'}",
        "{'deal_id': 'd2', 'amount': 20, 'close_month': '2026-10'}",
        "{'deal_id': 'd3', 'amount': 30, 'close_month': '2026-10'}"), Encoders.STRING()));
  }

  private List<String> rows(Path dir) {
    return spark.read().parquet(dir.toUri().toString())
        .select("deal_id", "amount", "close_month")
        .orderBy("deal_id")
        .collectAsList().stream()
        .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2))
        .toList();
  }

  private Map<String, String> keyValues(Path file) throws Exception {
    var input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()),
        spark.sparkContext().hadoopConfiguration());
    try (ParquetFileReader reader = ParquetFileReader.open(input)) {
      return reader.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<Path> parquetFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("part-.*\\.parquet")).toList();
    }
  }
}
