package dev.winwin.io;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes one report as Parquet into a staging folder, one file per partition value, each file
 * stamped with the run that wrote it.
 */
public final class ParquetReportWriter {
  /** Footer key naming the run that wrote a file. */
  public static final String RUN_ID_KEY = "winwin.run_id";
  /** Footer key naming the winwin version that wrote a file. */
  public static final String VERSION_KEY = "winwin.version";

  private ParquetReportWriter() {}

  /** {@link #write(Dataset, Location, String, String, String)} into a local folder. */
  public static void write(Dataset<Row> report, Path stagingDir, String partitionColumn, String runId, String version) {
    write(report, Location.local(stagingDir), partitionColumn, runId, version);
  }

  /**
   * Writes {@code report} under {@code stagingDir} in Spark's {@code <partitionColumn>=<value>}
   * layout and stamps every file's footer with {@link #RUN_ID_KEY} and {@link #VERSION_KEY}.
   *
   * <p>Repartitioning by the partition column first sends each value to exactly one task, so a
   * month becomes one file instead of one file per task and month. No {@code _SUCCESS} marker is
   * written: publication is signalled by the snapshot switch, not by marker files. Snappy
   * compression is set explicitly so a session default cannot change the output.
   *
   * @throws org.apache.spark.sql.AnalysisException (unchecked) if {@code stagingDir} already exists
   */
  public static void write(Dataset<Row> report, Location stagingDir, String partitionColumn, String runId,
      String version) {
    report.repartition(col(partitionColumn))
        .write()
        .mode(SaveMode.ErrorIfExists)
        // Writer options reach the job's Hadoop configuration, so the session stays unchanged.
        .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
        .option("compression", "snappy")
        .partitionBy(partitionColumn)
        .parquet(stagingDir.uri());
    Map<String, String> stamp = Map.of(RUN_ID_KEY, runId, VERSION_KEY, version);
    if (stagingDir.isLocal()) {
      for (Path file : parquetFiles(stagingDir.toLocalPath())) {
        ParquetFooterStamp.stamp(file, stamp);
      }
      return;
    }
    try {
      for (org.apache.hadoop.fs.Path file : HadoopFiles.filesEndingWith(stagingDir, ".parquet")) {
        ParquetFooterStamp.stamp(new Location(stagingDir.fs(), file), stamp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Parquet files in " + stagingDir, e);
    }
  }

  private static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      // Spark writes nothing at all for an empty partitioned dataset.
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the Parquet files in " + dir, e);
    }
  }
}
