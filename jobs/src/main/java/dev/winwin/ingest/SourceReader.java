package dev.winwin.ingest;

import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.locate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Reads one source folder (CSV with header, JSON Lines, Parquet, mixed, in sub-folders too) into
 * text columns with the lineage of every row: the file (relative to the input root), the line or
 * row number, the raw text. Nothing is typed or dropped here; a record that cannot be split into
 * fields is kept with {@link #MALFORMED} set so that validation can quarantine it. How text files
 * are cut into records: {@link TextRecords}.
 *
 * <p>Grain out: one row per record of a text file and per row of a Parquet file.
 */
public final class SourceReader {
  /** True when the record could not be split into the file's columns. */
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

  /** {@link #read(SparkSession, String, Source)} for a local input root. */
  public static Dataset<Row> read(SparkSession spark, java.nio.file.Path inputRoot, Source source) {
    return read(spark, inputRoot.toAbsolutePath().toString(), source);
  }

  /**
   * Reads every data file of {@code source} under {@code inputRoot}, a path or any Hadoop URI
   * ({@code hdfs://...}, {@code s3a://...}).
   *
   * @throws UserError as {@link #dataFiles} and {@link #open} do
   */
  public static Dataset<Row> read(SparkSession spark, String inputRoot, Source source) {
    return read(spark, open(spark, dataFiles(spark.sparkContext().hadoopConfiguration(), inputRoot, source), source));
  }

  /**
   * Checks the given data files of {@code source} (as {@link #dataFiles} lists them) and prepares
   * their reading: reads the CSV headers and Parquet footers, and finds where the text files larger
   * than one split are cut.
   *
   * @throws UserError when a CSV header lacks a required column or names one twice, a Parquet
   *     file lacks a required column, or a file cannot be read
   */
  public static SourceFiles open(SparkSession spark, List<DataFile> files, Source source) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<DataFile> text = files.stream().filter(file -> file.format() != DataFile.Format.PARQUET).toList();
    Map<DataFile, ParquetFooter> parquet = new LinkedHashMap<>();
    for (DataFile file : files) {
      if (file.format() == DataFile.Format.PARQUET && file.bytes() > 0) {
        parquet.put(file, ParquetFooter.read(conf, file));
      }
    }
    return new SourceFiles(source, files, text.isEmpty() ? null : TextRecords.plan(spark, text, source), parquet);
  }

  /** Reads the files of a source that {@link #open} prepared. */
  public static Dataset<Row> read(SparkSession spark, SourceFiles input) {
    Source source = input.source();
    List<Dataset<Row>> parts = new ArrayList<>();
    if (input.text() != null) {
      parts.add(spark.createDataFrame(textRows(input.text(), source), rawSchema(source)));
    }
    if (!input.parquet().isEmpty()) {
      parts.add(parquetRows(spark, input, source));
    }
    return parts.stream().reduce(Dataset::unionByName).orElseGet(() -> spark.createDataFrame(List.of(), rawSchema(source)));
  }

  /**
   * Counts the records of every file without parsing their fields, as the reconciliation's
   * independent count of what was read: the records of each text file by the rules of
   * {@link TextRecords} (a multi-line CSV record is one, a malformed line is one, a CSV header is
   * none), one job for all of them, and the rows in each Parquet footer. A JSON Lines file is
   * checked on the way, as a CSV header is when it is opened.
   *
   * @return per file (its path relative to the input root), its record count
   * @throws UserError when a JSON Lines file holds a required key in none of its records, or a
   *     file cannot be read
   */
  public static Map<String, Long> countRecords(SparkSession spark, Collection<SourceFiles> inputs) {
    Map<String, TextRecords.FileCount> text = TextRecords.count(
        inputs.stream().map(SourceFiles::text).filter(Objects::nonNull).toList());
    Map<String, Long> counts = new HashMap<>();
    for (SourceFiles input : inputs) {
      for (DataFile file : input.files()) {
        if (file.format() == DataFile.Format.PARQUET) {
          ParquetFooter footer = input.parquet().get(file);
          counts.put(file.relativePath(), footer == null ? 0 : footer.rows());
          continue;
        }
        TextRecords.FileCount count = text.get(file.relativePath());
        if (!count.missingKeys().isEmpty()) {
          throw new UserError("The input file " + display(file.path()) + " lacks the required key"
              + (count.missingKeys().size() > 1 ? "s " : " ") + String.join(", ", count.missingKeys()) + " in every record.");
        }
        counts.put(file.relativePath(), count.records());
      }
    }
    return counts;
  }

  /**
   * The data files of a source folder and its sub-folders, in name order, listed through the
   * Hadoop file system of {@code inputRoot}. Files and folders whose names start with {@code _} or
   * {@code .} ({@code _SUCCESS}, {@code .part-0.crc}, {@code _temporary/}) are skipped; a folder is
   * a folder whatever its name ({@code export.parquet/}, {@code year=2026/}).
   *
   * @throws UserError when a required folder is missing or holds no data file, a file has an
   *     unknown extension, or a folder cannot be listed
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
      listRecursively(fs, folder, source.folder(), files);
    } catch (IOException e) {
      throw new UserError("The input folder " + display(folder) + " cannot be listed: " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(DataFile::relativePath));
    if (files.isEmpty() && source.requiredFolder()) {
      throw new UserError("The required input folder " + display(folder) + " holds no .csv, .jsonl, .json or .parquet file.");
    }
    return List.copyOf(files);
  }

  private static void listRecursively(FileSystem fs, Path folder, String relative, List<DataFile> files) throws IOException {
    FileStatus[] entries = fs.listStatus(folder);
    Arrays.sort(entries, Comparator.comparing(status -> status.getPath().getName()));
    for (FileStatus status : entries) {
      String name = status.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      String path = relative + "/" + name;
      if (status.isDirectory()) {
        listRecursively(fs, status.getPath(), path, files);
        continue;
      }
      DataFile.Format format = DataFile.Format.of(name);
      if (format == null) {
        throw new UserError("The input file " + display(status.getPath()) + " has an unknown type; use .csv, .jsonl, .json or .parquet.");
      }
      files.add(new DataFile(status.getPath(), path, status.getLen(), Instant.ofEpochMilli(status.getModificationTime()), format));
    }
  }

  private static JavaRDD<Row> textRows(TextRecords text, Source source) {
    String sourceName = source.folder();
    int fieldCount = source.fields().size();
    return text.parse((file, number, raw, values) -> {
      Object[] row = new Object[5 + fieldCount];
      row[0] = sourceName;
      row[1] = file;
      row[2] = number;
      row[3] = raw;
      row[4] = values == null;
      if (values != null) {
        System.arraycopy(values, 0, row, 5, fieldCount);
      }
      return RowFactory.create(row);
    });
  }

  /**
   * Every Parquet file of a source, in one scan per schema rather than one per file: a generated
   * history has hundreds of files per source, and a plan with a scan per file costs more to
   * analyse and run than the rows do. Files are grouped by the schema in their footer, so a
   * folder whose files differ (an added column, a number typed differently) still reads each file
   * by its own schema; lineage comes from each row's file and position in its file.
   */
  private static Dataset<Row> parquetRows(SparkSession spark, SourceFiles input, Source source) {
    Map<MessageType, List<DataFile>> bySchema = new LinkedHashMap<>();
    input.parquet().forEach((file, footer) -> bySchema.computeIfAbsent(footer.schema(), schema -> new ArrayList<>()).add(file));
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
      // Explicit files, and recursive lookup, which turns partition discovery off: a folder named
      // year=2026 adds no column.
      parquet = spark.read().option("recursiveFileLookup", "true")
          .parquet(files.stream().map(data -> data.path().toString()).toArray(String[]::new));
    } catch (RuntimeException e) {
      throw new UserError("The input file " + display(first) + " is not readable Parquet: " + e.getMessage(), e);
    }
    Set<String> present = new HashSet<>(Arrays.asList(parquet.columns()));
    requireColumns(first, present, source);
    List<Column> columns = new ArrayList<>(List.of(
        lit(source.folder()).as(SOURCE),
        coalesce(col(LOOKUP_RELATIVE_PATH), col(METADATA_FILE_PATH)).as(SOURCE_FILE),
        col(METADATA_ROW_INDEX).plus(1).cast(DataTypes.LongType).as(ROW_NUMBER),
        to_json(struct(Arrays.stream(parquet.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new))).as(RAW),
        lit(false).as(MALFORMED)));
    for (String name : source.fieldNames()) {
      columns.add(present.contains(name) ? asText(parquet, name).as(name) : lit(null).cast(DataTypes.StringType).as(name));
    }
    return withLineage(spark, parquet, files).select(columns.toArray(Column[]::new));
  }

  private static final String METADATA_FILE_PATH = "_winwin_file_path";
  private static final String METADATA_ROW_INDEX = "_winwin_row_index";
  private static final String LOOKUP_FILE_PATH = "_winwin_lookup_path";
  private static final String LOOKUP_RELATIVE_PATH = "_winwin_relative_path";

  /**
   * Adds each row's index in its file and its file's path relative to the input root, looked up by
   * the path part of the file's URI: Spark's {@code _metadata.file_path} is a URI whose scheme and
   * authority it writes its own way ({@code file:/x} where Hadoop writes {@code file:///x}), but
   * whose path is the file's URI path. A row whose file is not found keeps its full URI rather than
   * being lost. The lookup is broadcast: one small table, no shuffle.
   */
  private static Dataset<Row> withLineage(SparkSession spark, Dataset<Row> parquet, List<DataFile> files) {
    List<Row> lookup = new ArrayList<>();
    String common = null;
    for (DataFile file : files) {
      String uriPath = file.path().toUri().getRawPath();
      lookup.add(RowFactory.create(uriPath, file.relativePath()));
      common = common == null ? uriPath : commonPrefix(common, uriPath);
    }
    Dataset<Row> paths = spark.createDataFrame(lookup, DataTypes.createStructType(List.of(
        DataTypes.createStructField(LOOKUP_FILE_PATH, DataTypes.StringType, false),
        DataTypes.createStructField(LOOKUP_RELATIVE_PATH, DataTypes.StringType, false))));
    Column filePath = col(METADATA_FILE_PATH);
    Dataset<Row> withPath = parquet.withColumn(METADATA_FILE_PATH, col("_metadata.file_path"))
        .withColumn(METADATA_ROW_INDEX, col("_metadata.row_index"));
    Column uriPath = filePath.substr(locate(common.substring(0, common.lastIndexOf('/') + 1), filePath), lit(Integer.MAX_VALUE));
    return withPath.join(broadcast(paths), uriPath.equalTo(col(LOOKUP_FILE_PATH)), "left");
  }

  private static String commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return a.substring(0, n);
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

  static void requireColumns(Path file, Set<String> present, Source source) {
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
}
