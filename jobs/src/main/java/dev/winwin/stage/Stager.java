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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
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
 * records it read. Text records go straight from the reader to the row rules; Parquet rows come
 * as {@link SourceReader} reads them. This is the only place input is parsed; everything after it
 * reads the staged files.
 */
public final class Stager {
  private Stager() {}

  /**
   * One Parquet file a staging task wrote: its path and size, the rows it holds per input file id,
   * and per input file id with a well-formed record, which required fields any of them had (a bit
   * per field in the source's order).
   */
  public record StagedPart(String path, long bytes, Map<Integer, Long> rowsPerFile, Map<Integer, Long> requiredSeen)
      implements Serializable {}

  /** One record on its way to the row rules: its file, line or row number, raw text and field texts (null when malformed). */
  private record Record(String file, long number, String raw, String[] texts) {}

  /**
   * Stages {@code files} of {@code source} into Parquet files under {@code folder}. A file's rows
   * are the records its reader gave: each becomes one staged row, judged or {@code malformed_row}.
   *
   * @param fileIds the staged store's number of each file, by its path relative to the input root
   * @return the files written, with their rows per input file; a file with no records has none
   * @throws dev.winwin.UserError when a file cannot be read, or a JSON Lines file never holds a
   *     required key
   */
  public static List<StagedPart> stage(SparkSession spark, Source source, List<DataFile> files,
      Map<String, Integer> fileIds, Location folder) {
    if (files.isEmpty()) {
      return List.of();
    }
    SourceFiles opened = SourceReader.open(spark, files, source);
    JavaRDD<Record> records = SourceReader.textRecords(spark, opened,
        (file, number, raw, values) -> new Record(file, number, raw, values == null ? null : values.clone()));
    Optional<Dataset<Row>> parquet = SourceReader.parquetRows(spark, opened);
    if (parquet.isPresent()) {
      records = records.union(records(parquet.get(), source));
    }
    List<StagedPart> parts = write(records, source, fileIds, folder);
    requireKeysOfJsonLines(spark, source, files, fileIds, parts);
    return parts;
  }

  /**
   * A JSON Lines file that never holds a required key stops the run, as a missing CSV column does
   * (DOMAIN §3). Staging saw which required fields had a value in some record; only a file where
   * one never had is counted again, key by key, since a key present with null still counts as held.
   */
  private static void requireKeysOfJsonLines(SparkSession spark, Source source, List<DataFile> files, Map<String, Integer> fileIds,
      List<StagedPart> parts) {
    long required = requiredFields(source);
    Map<Integer, Long> seen = new HashMap<>();
    parts.forEach(part -> part.requiredSeen().forEach((id, fields) -> seen.merge(id, fields, (a, b) -> a | b)));
    List<DataFile> suspects = files.stream()
        .filter(file -> file.format() == DataFile.Format.JSON_LINES)
        .filter(file -> Optional.ofNullable(seen.get(fileIds.get(file.relativePath()))).map(fields -> fields != required).orElse(false))
        .toList();
    if (!suspects.isEmpty()) {
      SourceReader.countRecords(spark, List.of(SourceReader.open(spark, suspects, source)));
    }
  }

  /** A bit per required field of {@code source}, in field order. */
  private static long requiredFields(Source source) {
    long bits = 0;
    for (int i = 0; i < source.fields().size(); i++) {
      if (source.fields().get(i).required()) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  /**
   * Stages rows as {@link SourceReader#read} gives them (lineage and each field as text) into
   * Parquet files under {@code folder}: how tests stage rows written by hand.
   *
   * @param fileIds the staged store's number of each file, by its path relative to the input root
   */
  public static List<StagedPart> stageRows(Dataset<Row> rows, Source source, Map<String, Integer> fileIds, Location folder) {
    return write(records(rows, source), source, fileIds, folder);
  }

  /** The bits of {@code fields} whose texts are present. */
  private static long present(String[] texts, long fields) {
    long bits = 0;
    for (int i = 0; i < texts.length; i++) {
      if (texts[i] != null && (fields & (1L << i)) != 0) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  /** Rows with {@link SourceReader#rawSchema} as records; a field's text trimmed and a blank one absent. */
  private static JavaRDD<Record> records(Dataset<Row> rows, Source source) {
    StructType schema = SourceReader.rawSchema(source);
    int fields = source.fieldNames().size();
    int firstField = schema.fieldIndex(source.fieldNames().get(0));
    int malformed = schema.fieldIndex(SourceReader.MALFORMED);
    int file = schema.fieldIndex(SOURCE_FILE);
    int number = schema.fieldIndex(ROW_NUMBER);
    int raw = schema.fieldIndex(RAW);
    return rows.javaRDD().map(row -> {
      String[] texts = null;
      if (!row.getBoolean(malformed)) {
        texts = new String[fields];
        for (int i = 0; i < fields; i++) {
          String text = row.getString(firstField + i);
          texts[i] = text == null || text.isBlank() ? null : text.trim();
        }
      }
      return new Record(row.getString(file), row.getLong(number), row.getString(raw), texts);
    });
  }

  /** Judges every record and writes each partition's rows into one Parquet file of its own. */
  private static List<StagedPart> write(JavaRDD<Record> records, Source source, Map<String, Integer> fileIds, Location folder) {
    Broadcast<SerializableConfiguration> conf = SerializableConfiguration.broadcast(records.context());
    String folderUri = folder.uri();
    Map<String, Integer> ids = Map.copyOf(fileIds);
    long required = requiredFields(source);
    FlatMapFunction<Iterator<Record>, StagedPart> writePart = partition -> {
      if (!partition.hasNext()) {
        return List.<StagedPart>of().iterator();
      }
      TaskContext task = TaskContext.get();
      // An attempt writes a file of its own: a failed attempt's file is never listed, and removed.
      Path path = new Path(folderUri, String.format(Locale.ROOT, "part-%05d-%d.parquet", task.partitionId(), task.attemptNumber()));
      Configuration hadoop = conf.value().value();
      RowJudge judge = RowJudge.of(source);
      TypedRecord typed = new TypedRecord(source);
      Map<Integer, Long> counts = new HashMap<>();
      Map<Integer, Long> requiredSeen = new HashMap<>();
      try (StagedRows.Writer writer = new StagedRows.Writer(source, path, hadoop)) {
        while (partition.hasNext()) {
          Record record = partition.next();
          judge.judge(record.texts(), typed);
          int fileId = ids.get(record.file());
          writer.write(fileId, record.number(), record.raw(), typed);
          counts.merge(fileId, 1L, Long::sum);
          if (record.texts() != null) {
            requiredSeen.merge(fileId, present(record.texts(), required), (a, b) -> a | b);
          }
        }
      }
      long bytes;
      try {
        bytes = path.getFileSystem(hadoop).getFileStatus(path).getLen();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the size of the staged file " + path, e);
      }
      return List.of(new StagedPart(path.toString(), bytes, counts, requiredSeen)).iterator();
    };
    return records.mapPartitions(writePart).collect();
  }
}
