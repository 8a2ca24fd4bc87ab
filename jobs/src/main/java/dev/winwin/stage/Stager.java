package dev.winwin.stage;

import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE_FILE;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import dev.winwin.ingest.DataFile;
import dev.winwin.ingest.SourceFiles;
import dev.winwin.ingest.SourceReader;
import dev.winwin.io.Location;
import dev.winwin.quality.RowJudge;
import dev.winwin.quality.TypedRecord;
import dev.winwin.schema.Source;

/**
 * Parses input files and applies the row rules to every record in one pass, writing the typed rows
 * as Parquet ({@link StagedRows}): one Spark job per source, each task writing one file of the
 * records it read. This is the only place input text is parsed; everything after it reads the
 * staged files.
 */
public final class Stager {
  private Stager() {}

  /** One Parquet file a staging task wrote: its path and size, and the rows it holds per input file id. */
  public record StagedPart(String path, long bytes, Map<Integer, Long> rowsPerFile) implements Serializable {}

  /**
   * Stages {@code files} of {@code source} into Parquet files under {@code folder}.
   *
   * @param fileIds the staged store's number of each file, by its path relative to the input root
   * @return the files written, with their rows per input file; a file with no records has none
   */
  public static List<StagedPart> stage(SparkSession spark, Source source, List<DataFile> files,
      Map<String, Integer> fileIds, Location folder) {
    if (files.isEmpty()) {
      return List.of();
    }
    SourceFiles opened = SourceReader.open(spark, files, source);
    // The independent count of what was read (it also stops the run on a JSON Lines file that never
    // holds a required key): every record must come out staged, exactly once.
    Map<String, Long> counted = SourceReader.countRecords(spark, List.of(opened));
    List<StagedPart> parts = stageRows(SourceReader.read(spark, opened), source, fileIds, folder);
    Map<Integer, Long> staged = new HashMap<>();
    parts.forEach(part -> part.rowsPerFile().forEach((id, rows) -> staged.merge(id, rows, Long::sum)));
    for (DataFile file : files) {
      long read = counted.getOrDefault(file.relativePath(), 0L);
      long written = staged.getOrDefault(fileIds.get(file.relativePath()), 0L);
      if (read != written) {
        throw new IllegalStateException(String.format(java.util.Locale.ROOT,
            "Staging did not account for every record of %s: read %d, staged %d.", file.relativePath(), read, written));
      }
    }
    return parts;
  }

  /**
   * Stages rows as {@link SourceReader} reads them (lineage and each field as text) into Parquet
   * files under {@code folder}.
   *
   * @param fileIds the staged store's number of each file, by its path relative to the input root
   */
  public static List<StagedPart> stageRows(Dataset<Row> rows, Source source, Map<String, Integer> fileIds, Location folder) {
    Broadcast<SerializableConfiguration> conf = SerializableConfiguration.broadcast(rows.sparkSession().sparkContext());
    String folderUri = folder.uri();
    Map<String, Integer> ids = Map.copyOf(fileIds);
    List<String> fields = source.fieldNames();
    int firstField = SourceReader.rawSchema(source).fieldIndex(fields.get(0));
    int malformed = SourceReader.rawSchema(source).fieldIndex(SourceReader.MALFORMED);
    int sourceFile = SourceReader.rawSchema(source).fieldIndex(SOURCE_FILE);
    int rowNumber = SourceReader.rawSchema(source).fieldIndex(ROW_NUMBER);
    int raw = SourceReader.rawSchema(source).fieldIndex(RAW);
    FlatMapFunction<Iterator<Row>, StagedPart> writePart = partition -> {
      if (!partition.hasNext()) {
        return List.<StagedPart>of().iterator();
      }
      TaskContext task = TaskContext.get();
      Path path = new Path(folderUri, String.format("part-%05d-%d.parquet", task.partitionId(), task.attemptNumber()));
      Configuration hadoop = conf.value().value();
      RowJudge judge = RowJudge.of(source);
      TypedRecord record = new TypedRecord(source);
      String[] texts = new String[fields.size()];
      Map<Integer, Long> counts = new HashMap<>();
      try (StagedRows.Writer writer = new StagedRows.Writer(source, path, hadoop)) {
        while (partition.hasNext()) {
          Row row = partition.next();
          boolean isMalformed = row.getBoolean(malformed);
          for (int i = 0; i < texts.length && !isMalformed; i++) {
            texts[i] = trimmedOrNull(row.getString(firstField + i));
          }
          judge.judge(isMalformed ? null : texts, record);
          int fileId = ids.get(row.getString(sourceFile));
          writer.write(fileId, row.getLong(rowNumber), row.getString(raw), record);
          counts.merge(fileId, 1L, Long::sum);
        }
      }
      long bytes;
      try {
        bytes = path.getFileSystem(hadoop).getFileStatus(path).getLen();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the size of the staged file " + path, e);
      }
      return List.of(new StagedPart(path.toString(), bytes, counts)).iterator();
    };
    return rows.javaRDD().mapPartitions(writePart).collect();
  }

  /** A field's text as the row rules take it: trimmed, and null when blank. */
  private static String trimmedOrNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
