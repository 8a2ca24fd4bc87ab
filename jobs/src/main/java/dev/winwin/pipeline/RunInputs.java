package dev.winwin.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.winwin.Secrets;
import dev.winwin.config.Settings;
import dev.winwin.ingest.DataFile;
import dev.winwin.ingest.SourceReader;
import dev.winwin.io.OutputLock;
import dev.winwin.schema.Source;
import dev.winwin.stage.StagedStore;

/**
 * The input of one run once it is staged.
 *
 * @param staged the run's input as the staged store holds it
 * @param fileTable the run's input files with their ids: {@code file_id, file_rank, source_file}
 * @param rowsRead rows read per source, counted before validation so that the reconciliation can
 *     fail; a source without rows may be missing
 */
record RunInputs(StagedStore.StagedInput staged, Dataset<Row> fileTable, Map<Source, Long> rowsRead) {
  // The run's log lines keep the runner's name: users and the README know them by it.
  private static final Logger LOG = LogManager.getLogger(Runner.class);

  RunInputs {
    rowsRead = Map.copyOf(rowsRead);
  }

  /**
   * Lists every source's input files, sizes the shuffle for their bytes (unless the settings fix
   * it), and stages what is new into the output's staged store.
   */
  static RunInputs stage(SparkSession spark, Settings settings, OutputLock lock, String runId, boolean restage) {
    Map<Source, List<DataFile>> inputFiles = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      inputFiles.put(source, SourceReader.dataFiles(spark.sparkContext().hadoopConfiguration(), settings.input(), source));
    }
    LOG.info("Reading and validating {} sources under {}", inputFiles.size(), Secrets.uris(settings.input()));
    long inputBytes = inputFiles.values().stream().flatMap(List::stream).mapToLong(DataFile::textBytes).sum();
    if (settings.spark().shufflePartitions().isEmpty()) {
      spark.conf().set("spark.sql.shuffle.partitions", SparkSessions.shufflePartitionsFor(inputBytes, spark.sparkContext().defaultParallelism()));
    }
    StagedStore.StagedInput staged = StagedStore.open(lock, restage).refresh(spark, inputFiles, runId);
    Map<String, Long> rowsPerFolder = staged.rowsPerSource();
    Map<Source, Long> rowsRead = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      rowsRead.put(source, rowsPerFolder.getOrDefault(source.folder(), 0L));
    }
    return new RunInputs(staged, staged.fileTable().table(spark), rowsRead);
  }

  /** Every source's staged rows: what validation judges, and where the rejects report finds the raw text. */
  Map<Source, Dataset<Row>> stagedRows(SparkSession spark) {
    Map<Source, Dataset<Row>> rows = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      rows.put(source, staged.rows(spark, source));
    }
    return rows;
  }

  /** Rows read from {@code source}'s folder. */
  long rowsRead(Source source) {
    return rowsRead.getOrDefault(source, 0L);
  }

  /** Every input file for the manifest: staged or reused, and the dropped ones. */
  List<RunManifest.InputFile> manifestFiles() {
    List<RunManifest.InputFile> files = new ArrayList<>();
    staged.files().forEach((source, stagedFiles) -> stagedFiles.forEach(file -> files.add(new RunManifest.InputFile(
        source.folder(), file.path(), file.bytes(), file.rows(), file.use().name().toLowerCase(Locale.ROOT)))));
    staged.dropped().forEach(path -> files.add(new RunManifest.InputFile(path.substring(0, path.indexOf('/')), path, 0, 0, "dropped")));
    return List.copyOf(files);
  }
}
