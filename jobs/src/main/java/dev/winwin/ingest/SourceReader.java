package dev.winwin.ingest;

import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.winwin.UserError;
import dev.winwin.schema.Field;
import dev.winwin.schema.Source;

/**
 * Reads one source folder (CSV with header, JSON Lines, Parquet, mixed) into text columns with the
 * lineage of every row: the file (relative to the input root), the line or row number, the raw
 * text. Nothing is typed or dropped here; a line that cannot be split into fields is kept with
 * {@link #MALFORMED} set so that validation can quarantine it.
 *
 * <p>Grain out: one row per data line of a text file and per row of a Parquet file.
 */
public final class SourceReader {
  /** True when the line could not be split into the file's columns. */
  public static final String MALFORMED = "malformed";

  private SourceReader() {}

  /** The schema every source is read into: lineage, then each field of the source as text. */
  public static StructType rawSchema(Source source) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
        DataTypes.createStructField(ROW_NUMBER, DataTypes.LongType, false),
        DataTypes.createStructField(RAW, DataTypes.StringType, true),
        DataTypes.createStructField(MALFORMED, DataTypes.BooleanType, false)));
    for (String name : source.fieldNames()) {
      fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * One data file of a source: its fully qualified path (the same on the driver and every
   * executor), its path relative to the input root, its size, and when it was last modified
   * (milliseconds since the epoch, as its file system says).
   */
  public record DataFile(Path path, String relativePath, long bytes, long modified) {
    /**
     * Parquet holds the same rows in about a sixth of the bytes of CSV or JSON Lines (5.9 on a
     * generated 1M-deal history).
     */
    private static final long PARQUET_TEXT_RATIO = 6;

    /**
     * The size of the file's rows as text, what sizing decisions (shuffle partitions, whether the
     * judged rows fit in memory) go by, so that a Parquet input is not taken for a sixth of itself.
     */
    public long textBytes() {
      return format(path).equals("parquet") ? bytes * PARQUET_TEXT_RATIO : bytes;
    }
  }

  /** {@link #read(SparkSession, String, Source)} for a local input root. */
  public static Dataset<Row> read(SparkSession spark, java.nio.file.Path inputRoot, Source source) {
    return read(spark, inputRoot.toAbsolutePath().toString(), source);
  }

  /**
   * Reads every data file of {@code source} under {@code inputRoot}, a path or any Hadoop URI
   * ({@code hdfs://...}, {@code s3a://...}).
   *
   * @throws UserError when a required folder is missing or empty, a file lacks a required column,
   *     or a file cannot be read
   */
  public static Dataset<Row> read(SparkSession spark, String inputRoot, Source source) {
    return read(spark, dataFiles(spark.sparkContext().hadoopConfiguration(), inputRoot, source), source);
  }

  /**
   * Reads the given data files of {@code source}, as {@link #dataFiles} lists them.
   *
   * @throws UserError when a file lacks a required column or cannot be read
   */
  public static Dataset<Row> read(SparkSession spark, List<DataFile> files, Source source) {
    Map<String, List<DataFile>> byFormat = new HashMap<>();
    for (DataFile data : files) {
      byFormat.computeIfAbsent(format(data.path()), f -> new ArrayList<>()).add(data);
    }
    Dataset<Row> all = spark.createDataFrame(List.of(), rawSchema(source));
    if (byFormat.containsKey("csv")) {
      all = all.unionByName(spark.createDataFrame(csvRows(spark, byFormat.get("csv"), source), rawSchema(source)));
    }
    if (byFormat.containsKey("json")) {
      all = all.unionByName(spark.createDataFrame(jsonRows(spark, byFormat.get("json"), source), rawSchema(source)));
    }
    if (byFormat.containsKey("parquet")) {
      all = all.unionByName(parquetRows(spark, byFormat.get("parquet"), source));
    }
    return all;
  }

  /**
   * Counts the records of every source without parsing them, as the reconciliation's independent
   * count of what was read: the non-blank lines of each text file (less the header of a CSV file)
   * and the rows in each Parquet footer, read on the driver. One job for all text files.
   *
   * @param files per source, its data files as {@link #dataFiles} lists them
   * @return per source folder, its record count; sources without files are absent
   */
  public static Map<String, Long> countRecords(SparkSession spark, Map<Source, List<DataFile>> files) {
    Map<String, Long> counts = new HashMap<>();
    List<DataFile> textFiles = new ArrayList<>();
    for (Source source : files.keySet()) {
      for (DataFile data : files.get(source)) {
        switch (format(data.path())) {
          case "parquet" -> counts.merge(source.folder(), ParquetFooter.read(spark, data).rows(), Long::sum);
          case "csv" -> {
            counts.merge(source.folder(), -1L, Long::sum);
            textFiles.add(data);
          }
          default -> textFiles.add(data);
        }
      }
    }
    if (!textFiles.isEmpty()) {
      Map<String, Long> linesPerFile = TextLines.parse(spark, textFiles, (file, number, text) -> text.isBlank() ? null : file).countByValue();
      linesPerFile.forEach((file, lines) -> counts.merge(file.substring(0, file.indexOf('/')), lines, Long::sum));
    }
    return counts;
  }

  /**
   * The data files of a source folder in name order, listed through the Hadoop file system of
   * {@code inputRoot}; hidden and underscore files are skipped.
   */
  public static List<DataFile> dataFiles(Configuration conf, String inputRoot, Source source) {
    Path root;
    FileSystem fs;
    try {
      Path given = new Path(inputRoot);
      fs = given.getFileSystem(conf);
      root = fs.makeQualified(given);
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("The input root " + inputRoot + " cannot be opened: " + e.getMessage(), e);
    }
    Path folder = new Path(root, source.folder());
    List<DataFile> files = new ArrayList<>();
    try {
      if (!fs.exists(folder) || !fs.getFileStatus(folder).isDirectory()) {
        if (source.requiredFolder()) {
          throw new UserError("The required input folder " + display(folder) + " is missing.");
        }
        return List.of();
      }
      for (FileStatus status : fs.listStatus(folder)) {
        String name = status.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_") && status.isFile()) {
          files.add(new DataFile(status.getPath(), source.folder() + "/" + name, status.getLen(), status.getModificationTime()));
        }
      }
    } catch (IOException e) {
      throw new UserError("The input folder " + display(folder) + " cannot be listed: " + e.getMessage(), e);
    }
    files.sort(java.util.Comparator.comparing(DataFile::relativePath));
    for (DataFile file : files) {
      format(file.path());
    }
    if (files.isEmpty() && source.requiredFolder()) {
      throw new UserError("The required input folder " + display(folder) + " holds no .csv, .jsonl, .json or .parquet file.");
    }
    return List.copyOf(files);
  }

  private static String format(Path file) {
    String name = file.getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return "json";
    }
    if (name.endsWith(".parquet")) {
      return "parquet";
    }
    throw new UserError("The input file " + display(file) + " has an unknown type; use .csv, .jsonl, .json or .parquet.");
  }

  private static JavaRDD<Row> csvRows(SparkSession spark, List<DataFile> files, Source source) {
    // Each file has its own header: where the source's fields are in it, and how many columns it has.
    Map<String, int[]> positionsByFile = new HashMap<>();
    for (DataFile data : files) {
      List<String> header = csvHeader(spark, data.path());
      requireColumns(data.path(), Set.copyOf(header), source);
      int[] positions = new int[source.fieldNames().size() + 1];
      for (int i = 0; i < source.fieldNames().size(); i++) {
        positions[i] = header.indexOf(source.fieldNames().get(i));
      }
      positions[positions.length - 1] = header.size();
      positionsByFile.put(data.relativePath(), positions);
    }
    String sourceName = source.folder();
    return TextLines.parse(spark, files, (file, number, text) -> {
      if (number == 1 || text.isBlank()) {
        return null;
      }
      int[] positions = positionsByFile.get(file);
      int fieldCount = positions.length - 1;
      List<String> values = CsvLine.parse(text);
      boolean malformed = values == null || values.size() != positions[fieldCount];
      Object[] row = lineage(sourceName, file, number, text, malformed, fieldCount);
      for (int i = 0; i < fieldCount && !malformed; i++) {
        row[5 + i] = positions[i] < 0 ? null : emptyToNull(values.get(positions[i]));
      }
      return RowFactory.create(row);
    });
  }

  private static JavaRDD<Row> jsonRows(SparkSession spark, List<DataFile> files, Source source) {
    String[] names = source.fieldNames().toArray(String[]::new);
    String sourceName = source.folder();
    return TextLines.parse(spark, files, (file, number, text) -> {
      if (text.isBlank()) {
        return null;
      }
      Map<String, String> values = JsonLine.parse(text);
      Object[] row = lineage(sourceName, file, number, text, values == null, names.length);
      for (int i = 0; i < names.length && values != null; i++) {
        row[5 + i] = emptyToNull(values.get(names[i]));
      }
      return RowFactory.create(row);
    });
  }

  /**
   * Every Parquet file of a source, in one scan per schema rather than one per file: a generated
   * history has hundreds of files per source, and a plan with a scan per file costs more to
   * analyse and run than the rows do. Files are grouped by the schema in their footer, so a
   * folder whose files differ (an added column, a number typed differently) still reads each file
   * by its own schema; lineage comes from each row's file name and position in its file.
   */
  private static Dataset<Row> parquetRows(SparkSession spark, List<DataFile> files, Source source) {
    Map<MessageType, List<DataFile>> bySchema = new LinkedHashMap<>();
    for (DataFile data : files) {
      bySchema.computeIfAbsent(ParquetFooter.read(spark, data).schema(), schema -> new ArrayList<>()).add(data);
    }
    Dataset<Row> all = null;
    for (List<DataFile> group : bySchema.values()) {
      Dataset<Row> rows = readParquet(spark, group, source);
      all = all == null ? rows : all.unionByName(rows);
    }
    return all;
  }

  /** Files that share one schema: one scan, its required columns checked once for all of them. */
  private static Dataset<Row> readParquet(SparkSession spark, List<DataFile> files, Source source) {
    Path first = files.get(0).path();
    Dataset<Row> parquet;
    try {
      parquet = spark.read().parquet(files.stream().map(data -> data.path().toString()).toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new UserError("The input file " + display(first) + " is not readable Parquet: " + e.getMessage(), e);
    }
    Set<String> present = new HashSet<>(Arrays.asList(parquet.columns()));
    requireColumns(first, present, source);
    List<Column> columns = new ArrayList<>(List.of(
        lit(source.folder()).as(SOURCE),
        concat(lit(source.folder() + "/"), col("_metadata.file_name")).as(SOURCE_FILE),
        col("_metadata.row_index").plus(1).cast(DataTypes.LongType).as(ROW_NUMBER),
        to_json(struct(Arrays.stream(parquet.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new))).as(RAW),
        lit(false).as(MALFORMED)));
    for (String name : source.fieldNames()) {
      columns.add(present.contains(name) ? asText(parquet, name).as(name) : lit(null).cast(DataTypes.StringType).as(name));
    }
    return parquet.select(columns.toArray(Column[]::new));
  }

  /**
   * A Parquet column as the text a CSV export would hold: trimmed, blank as null, timestamps in
   * ISO-8601 with their offset, so one set of rules judges every format alike.
   */
  private static Column asText(Dataset<Row> parquet, String name) {
    boolean timestamp = parquet.schema().apply(name).dataType() instanceof org.apache.spark.sql.types.TimestampType;
    Column text = timestamp ? date_format(col(name), "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX") : trim(col(name).cast(DataTypes.StringType));
    return when(text.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(text);
  }

  private static Object[] lineage(String source, String file, long rowNumber, String raw, boolean malformed, int fieldCount) {
    Object[] row = new Object[5 + fieldCount];
    row[0] = source;
    row[1] = file;
    row[2] = rowNumber;
    row[3] = raw;
    row[4] = malformed;
    return row;
  }

  private static List<String> csvHeader(SparkSession spark, Path file) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        file.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(file), StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      List<String> header = first == null ? null : CsvLine.parse(TextLines.stripLineEnd(first.replace("\uFEFF", "")));
      if (header == null) {
        throw new UserError("The input file " + display(file) + " has no readable CSV header line.");
      }
      List<String> names = header.stream().map(String::trim).toList();
      Set<String> seen = new HashSet<>();
      for (String name : names) {
        if (!seen.add(name)) {
          throw new UserError("The input file " + display(file) + " names the column " + name + " twice in its header.");
        }
      }
      return names;
    } catch (IOException | UncheckedIOException e) {
      throw new UserError("The input file " + display(file) + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void requireColumns(Path file, Set<String> present, Source source) {
    for (Field field : source.fields()) {
      if (field.required() && !present.contains(field.name())) {
        throw new UserError("The input file " + display(file) + " lacks the required column " + field.name() + ".");
      }
    }
  }

  /** A local file as a plain path, anything else as its URI, for messages. */
  static String display(Path path) {
    return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
