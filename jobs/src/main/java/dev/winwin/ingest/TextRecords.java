package dev.winwin.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

import dev.winwin.UserError;
import dev.winwin.schema.Source;

import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * The records of a source's CSV and JSON Lines files as one RDD, each with its file, line number,
 * raw text and field values; and the records of each file counted by the same rules.
 *
 * <p><b>Records.</b> Line ends are LF or CRLF; a UTF-8 byte-order mark at the start of a file is
 * skipped; blank lines are no records (but count as lines). A JSON Lines record is one line. A CSV
 * record follows {@link CsvSyntax} (RFC 4180): a quoted field may hold line breaks, so a record may
 * take several lines; a record that starts on line L and is not well-formed (quotes, or not
 * exactly the header's number of fields) is line L alone, malformed, and the next record starts on
 * line L + 1. A CSV file's first record is its header; a file with none (zero bytes, only blank
 * lines) has no records, nor has one with a header alone. A record's line number is the physical
 * line it starts on; its raw text is as written, inner line ends included, its last one not.
 *
 * <p><b>One scan, balanced.</b> All text files of a source are read by one RDD whose partitions
 * hold about {@link #SPLIT_BYTES} of text each (less when the input is small, so that every core
 * gets some): many small files are packed into one partition, and a file larger than a split is
 * cut into several pieces. Each partition prefers the hosts that hold most of its bytes.
 *
 * <p><b>Splitting a file.</b> Where a record starts cannot be told from the bytes around a split
 * boundary: it depends on every quote before it (and on the L + 1 rule, on the field counts). So
 * before reading, a pre-pass walks each file that is larger than one split from its first record
 * to its end with the same record rules (a byte scan: quotes, line ends and commas outside quotes,
 * no decoding, one task per file), and notes, for each boundary at a multiple of the split size,
 * the first record that starts at or after it and that record's line number. The pieces of the
 * file run from one such record to the next: every record is read once, by the piece it starts in,
 * even when it runs on past the piece's end, and line numbers need no counting pass. Files that
 * fit one split never pay for the pre-pass.
 */
public final class TextRecords {
  /** Bytes of text a partition reads at most, unless one record is longer. */
  static final long SPLIT_BYTES = 64L << 20;
  /** The read buffer of a task: one per task, reused for all its files, grown for a longer record. */
  private static final int BUFFER_BYTES = 1 << 20;
  private static final int HEADER_BUFFER_BYTES = 64 << 10;

  /**
   * Turns one record into a value.
   *
   * @param <T> what a record becomes
   */
  @FunctionalInterface
  public interface RecordParser<T> extends Serializable {
    /**
     * @param relativePath the file under the input root, {@code deals/2026/oct.csv}
     * @param lineNumber the 1-based physical line the record starts on
     * @param raw the record as written, without its last line end
     * @param values the source's fields in {@link Source#fieldNames()} order: trimmed text, null
     *     for a blank value or an absent column or key; null when the record is malformed. The
     *     array is reused for the next record: copy what you keep.
     * @return the value, or null to skip the record
     */
    T parse(String relativePath, long lineNumber, String raw, String[] values);
  }

  /**
   * What counting a file's records found.
   *
   * @param records the file's records, malformed ones included
   * @param missingKeys for JSON Lines, the required keys that none of the file's well-formed
   *     objects holds (a key with a null value is held); empty when the file has no well-formed
   *     object, and for CSV (whose columns the header shows)
   */
  public record FileCount(String relativePath, long records, List<String> missingKeys) {}

  /** How a file is read on the executors. */
  private record FileLayout(String uri, String relativePath, long bytes, boolean csv, int headerWidth, int[] positions,
      boolean[] wanted) implements Serializable {
    RecordSyntax syntax() {
      return csv ? new CsvSyntax(headerWidth) : RecordSyntax.LINES;
    }
  }

  /** The records of a file that start in [start, end), the first on line {@code firstLine}. */
  private record Piece(int file, long start, long end, long firstLine) implements Serializable {}

  /** The pieces one partition reads. */
  private record ScanTask(List<Piece> pieces) implements Serializable {}

  /** A file for the pre-pass: where its records start, and the split boundaries to place. */
  private record PrePass(int file, long start, long firstLine, long[] boundaries) implements Serializable {}

  /** A piece's count: records, the keys of interest seen (a bit per field), whether any object was well-formed. */
  private record PieceCount(int file, long records, long keysSeen, boolean objects) implements Serializable {}

  private final SparkSession spark;
  private final Source source;
  private final List<FileLayout> layouts;
  private final List<Tuple2<ScanTask, List<String>>> tasks;
  private final Broadcast<SerializableConfiguration> hadoopConf;

  private TextRecords(SparkSession spark, Source source, List<FileLayout> layouts, List<Tuple2<ScanTask, List<String>>> tasks,
      Broadcast<SerializableConfiguration> hadoopConf) {
    this.spark = spark;
    this.source = source;
    this.layouts = layouts;
    this.tasks = tasks;
    this.hadoopConf = hadoopConf;
  }

  /** {@link #plan(SparkSession, List, Source)} and {@link #parse(RecordParser)} in one. */
  public static <T> JavaRDD<T> parse(SparkSession spark, List<DataFile> files, Source source, RecordParser<T> parser) {
    return plan(spark, files, source).parse(parser);
  }

  /**
   * Prepares the reading of the CSV and JSON Lines files of {@code source}: reads and checks every
   * CSV header on the driver, and runs the pre-pass over the files larger than one split.
   *
   * @throws UserError when a CSV file has no readable header, names a column twice or lacks a
   *     required column, or a file cannot be read
   */
  public static TextRecords plan(SparkSession spark, List<DataFile> files, Source source) {
    return plan(spark, files, source, SPLIT_BYTES);
  }

  /** {@link #plan(SparkSession, List, Source)} with splits of {@code splitBytes}; tests split tiny files. */
  static TextRecords plan(SparkSession spark, List<DataFile> files, Source source, long splitBytes) {
    if (source.fields().size() > Long.SIZE) {
      throw new IllegalArgumentException("A source of more than 64 fields cannot have its keys counted in a long: " + source);
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<FileLayout> layouts = new ArrayList<>();
    List<Piece> pieces = new ArrayList<>();
    List<PrePass> prePasses = new ArrayList<>();
    try (RecordCursor cursor = new RecordCursor(HEADER_BUFFER_BYTES)) {
      for (DataFile file : files) {
        if (file.format() == DataFile.Format.PARQUET) {
          throw new IllegalArgumentException("Not a text file: " + file.relativePath());
        }
        long start = 0;
        long firstLine = 1;
        FileLayout layout = new FileLayout(file.path().toString(), file.relativePath(), file.bytes(), false, 0, null, null);
        if (file.format() == DataFile.Format.CSV) {
          CsvHeader header = file.bytes() == 0 ? null : CsvHeader.read(cursor, conf, file, source);
          // A file without a header has no records: its one piece is empty.
          layout = header == null ? new FileLayout(layout.uri(), file.relativePath(), file.bytes(), true, 0, null, null)
              : new FileLayout(layout.uri(), file.relativePath(), file.bytes(), true, header.width(), header.positions(), header.wanted());
          start = header == null ? file.bytes() : header.dataStart();
          firstLine = header == null ? 1 : header.dataLine();
        }
        int index = layouts.size();
        layouts.add(layout);
        if (file.bytes() <= splitBytes) {
          pieces.add(new Piece(index, start, file.bytes(), firstLine));
        } else {
          long[] boundaries = new long[(int) ((file.bytes() - 1) / splitBytes)];
          for (int j = 0; j < boundaries.length; j++) {
            boundaries[j] = (j + 1) * splitBytes;
          }
          prePasses.add(new PrePass(index, start, firstLine, boundaries));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Broadcast<SerializableConfiguration> hadoopConf = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(conf));
    pieces.addAll(prePass(spark, layouts, prePasses, hadoopConf));
    pieces.removeIf(piece -> piece.start() >= piece.end());
    pieces.sort(Comparator.comparingInt(Piece::file).thenComparingLong(Piece::start));
    return new TextRecords(spark, source, List.copyOf(layouts), tasks(spark, conf, layouts, pieces, splitBytes), hadoopConf);
  }

  /**
   * Parses every record with {@code parser}: one RDD, one partition per packed set of pieces.
   *
   * <p>Grain out: one value per record the parser does not skip.
   */
  public <T> JavaRDD<T> parse(RecordParser<T> parser) {
    List<FileLayout> files = layouts;
    Map<String, Integer> keys = keyPositions(source);
    int fieldCount = source.fields().size();
    Broadcast<SerializableConfiguration> conf = hadoopConf;
    return scan().flatMap(task -> new ParsedRecords<>(task, files, keys, fieldCount, conf.value().value(), parser));
  }

  /** The records of every file, and for JSON Lines the required keys it never holds: one job. */
  public Map<String, FileCount> count() {
    return count(List.of(this));
  }

  /** {@link #count()} of the files of several sources, in one job. */
  static Map<String, FileCount> count(List<TextRecords> plans) {
    JavaRDD<Tuple2<Integer, PieceCount>> all = null;
    for (int p = 0; p < plans.size(); p++) {
      TextRecords plan = plans.get(p);
      int planIndex = p;
      List<FileLayout> files = plan.layouts;
      Map<String, Integer> keys = keyPositions(plan.source);
      long required = requiredKeys(plan.source);
      Broadcast<SerializableConfiguration> conf = plan.hadoopConf;
      JavaRDD<Tuple2<Integer, PieceCount>> counts = plan.scan()
          .flatMap(task -> countPieces(task, files, keys, required, conf.value().value()).stream()
              .map(count -> new Tuple2<>(planIndex, count)).iterator());
      all = all == null ? counts : all.union(counts);
    }
    List<Tuple2<Integer, PieceCount>> pieces = all == null ? List.of() : namingUnreadableFiles(all::collect);
    Map<Long, List<PieceCount>> byFile = new HashMap<>();
    for (Tuple2<Integer, PieceCount> piece : pieces) {
      byFile.computeIfAbsent(((long) piece._1() << Integer.SIZE) + piece._2().file(), f -> new ArrayList<>()).add(piece._2());
    }
    Map<String, FileCount> counts = new HashMap<>();
    for (int p = 0; p < plans.size(); p++) {
      TextRecords plan = plans.get(p);
      long required = requiredKeys(plan.source);
      for (int f = 0; f < plan.layouts.size(); f++) {
        List<PieceCount> ofFile = byFile.getOrDefault(((long) p << Integer.SIZE) + f, List.of());
        long records = 0;
        long seen = 0;
        boolean objects = false;
        for (PieceCount piece : ofFile) {
          records += piece.records();
          seen |= piece.keysSeen();
          objects |= piece.objects();
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; objects && i < plan.source.fields().size(); i++) {
          if ((required & ~seen & (1L << i)) != 0) {
            missing.add(plan.source.fieldNames().get(i));
          }
        }
        String file = plan.layouts.get(f).relativePath();
        counts.put(file, new FileCount(file, records, List.copyOf(missing)));
      }
    }
    return counts;
  }

  private static List<PieceCount> countPieces(ScanTask task, List<FileLayout> files, Map<String, Integer> keys, long required,
      Configuration conf) {
    List<PieceCount> counts = new ArrayList<>();
    boolean[] present = new boolean[keys.size()];
    RecordCursor cursor = new RecordCursor(BUFFER_BYTES);
    for (Piece piece : task.pieces()) {
      FileLayout file = files.get(piece.file());
      try (RecordCursor reading = open(cursor, conf, file, piece)) {
        long records = 0;
        long seen = 0;
        boolean objects = false;
        while (reading.next(piece.end())) {
          records++;
          // Once every required key has been seen, the rest of the piece is only counted.
          if (!file.csv() && (seen & required) != required) {
            Arrays.fill(present, false);
            if (JsonRecord.parse(reading.text(), keys, null, present)) {
              objects = true;
              for (int i = 0; i < present.length; i++) {
                seen |= present[i] ? 1L << i : 0;
              }
            }
          }
        }
        counts.add(new PieceCount(piece.file(), records, seen, objects));
      } catch (IOException e) {
        throw unreadable(new Path(file.uri()), e);
      }
    }
    return counts;
  }

  private static long requiredKeys(Source source) {
    long mask = 0;
    for (int i = 0; i < source.fields().size(); i++) {
      mask |= source.fields().get(i).required() ? 1L << i : 0;
    }
    return mask;
  }

  private static Map<String, Integer> keyPositions(Source source) {
    Map<String, Integer> keys = new HashMap<>();
    for (int i = 0; i < source.fieldNames().size(); i++) {
      keys.put(source.fieldNames().get(i), i);
    }
    return keys;
  }

  /** The packed pieces as an RDD of one task per partition, with their preferred hosts. */
  private JavaRDD<ScanTask> scan() {
    List<Tuple2<ScanTask, scala.collection.immutable.Seq<String>>> withHosts = new ArrayList<>();
    for (Tuple2<ScanTask, List<String>> task : tasks) {
      withHosts.add(new Tuple2<>(task._1(), CollectionConverters.asScala(task._2()).toList()));
    }
    return spark.sparkContext().makeRDD(CollectionConverters.asScala(withHosts).toList(), ClassTag$.MODULE$.apply(ScanTask.class))
        .toJavaRDD();
  }

  /**
   * Packs the pieces, in file order, into tasks of about {@code splitBytes} (or of an even share of
   * the input over the cores, when that is less), each with the hosts that hold most of its bytes.
   */
  private static List<Tuple2<ScanTask, List<String>>> tasks(SparkSession spark, Configuration conf, List<FileLayout> files,
      List<Piece> pieces, long splitBytes) {
    long total = pieces.stream().mapToLong(piece -> piece.end() - piece.start()).sum();
    int cores = spark.sparkContext().defaultParallelism();
    long target = Math.max(1, Math.min(splitBytes, (total + cores - 1) / cores));
    List<Tuple2<ScanTask, List<String>>> tasks = new ArrayList<>();
    List<Piece> current = new ArrayList<>();
    long bytes = 0;
    for (Piece piece : pieces) {
      long size = piece.end() - piece.start();
      if (!current.isEmpty() && bytes + size > target) {
        tasks.add(new Tuple2<>(new ScanTask(List.copyOf(current)), hosts(conf, files, current)));
        current.clear();
        bytes = 0;
      }
      current.add(piece);
      bytes += size;
    }
    if (!current.isEmpty()) {
      tasks.add(new Tuple2<>(new ScanTask(List.copyOf(current)), hosts(conf, files, current)));
    }
    return tasks;
  }

  /** Up to three hosts holding the most bytes of the pieces; none on a local file system. */
  private static List<String> hosts(Configuration conf, List<FileLayout> files, List<Piece> pieces) {
    Map<String, Long> bytesByHost = new HashMap<>();
    for (Piece piece : pieces) {
      Path path = new Path(files.get(piece.file()).uri());
      try {
        FileSystem fs = path.getFileSystem(conf);
        if (fs instanceof LocalFileSystem) {
          return List.of();
        }
        for (BlockLocation block : fs.getFileBlockLocations(path, piece.start(), piece.end() - piece.start())) {
          for (String host : block.getHosts()) {
            if (!"localhost".equals(host)) {
              bytesByHost.merge(host, block.getLength(), Long::sum);
            }
          }
        }
      } catch (IOException e) {
        throw new UserError(unreadable(path, e).getMessage(), e);
      }
    }
    return bytesByHost.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(3).map(Map.Entry::getKey).toList();
  }

  /** Runs the pre-pass: the pieces of each file larger than a split, one task per file. */
  private static List<Piece> prePass(SparkSession spark, List<FileLayout> files, List<PrePass> passes,
      Broadcast<SerializableConfiguration> hadoopConf) {
    if (passes.isEmpty()) {
      return List.of();
    }
    return namingUnreadableFiles(() -> JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(passes, passes.size())
        .flatMap(pass -> splitAtRecords(pass, files.get(pass.file()), hadoopConf.value().value()).iterator())
        .collect());
  }

  /** The pieces of one file: from each boundary's first record to the next one's. */
  private static List<Piece> splitAtRecords(PrePass pass, FileLayout file, Configuration conf) {
    List<Piece> pieces = new ArrayList<>();
    long start = pass.start();
    long firstLine = pass.firstLine();
    long[] boundaries = pass.boundaries();
    int next = 0;
    try (RecordCursor cursor = open(new RecordCursor(BUFFER_BYTES), conf, file,
        new Piece(pass.file(), pass.start(), file.bytes(), pass.firstLine()))) {
      while (next < boundaries.length && cursor.next(Long.MAX_VALUE)) {
        for (; next < boundaries.length && cursor.offset() >= boundaries[next]; next++) {
          pieces.add(new Piece(pass.file(), start, cursor.offset(), firstLine));
          start = cursor.offset();
          firstLine = cursor.line();
        }
      }
    } catch (IOException e) {
      throw unreadable(new Path(file.uri()), e);
    }
    pieces.add(new Piece(pass.file(), start, file.bytes(), firstLine));
    return pieces;
  }

  /** Opens the cursor at the piece's first record; returns it. */
  private static RecordCursor open(RecordCursor cursor, Configuration conf, FileLayout file, Piece piece) throws IOException {
    Path path = new Path(file.uri());
    cursor.open(path.getFileSystem(conf), path, piece.start(), piece.firstLine(), file.syntax());
    return cursor;
  }

  private static UnreadableFile unreadable(Path path, IOException e) {
    return new UnreadableFile("The input file " + SourceReader.display(path) + " cannot be read: " + e.getMessage(), e);
  }

  /**
   * Runs a Spark action; when a task failed on a file that cannot be read, says so in one sentence
   * instead of with Spark's stack trace.
   */
  private static <R> R namingUnreadableFiles(Supplier<R> action) {
    try {
      return action.get();
    } catch (Exception e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof UnreadableFile unreadable) {
          throw new UserError(unreadable.getMessage(), e);
        }
      }
      throw e;
    }
  }

  /** A file that failed to open or read on an executor; its message names it. */
  private static final class UnreadableFile extends RuntimeException {
    UnreadableFile(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** The parsed records of one task's pieces, read lazily; the open file is closed when the task ends. */
  private static final class ParsedRecords<T> implements Iterator<T> {
    private final Iterator<Piece> pieces;
    private final List<FileLayout> files;
    private final Map<String, Integer> keys;
    private final Configuration conf;
    private final RecordParser<T> parser;
    private final RecordCursor cursor = new RecordCursor(BUFFER_BYTES);
    private final String[] values;
    private final StringBuilder unescaped = new StringBuilder();
    private String[] fields;
    private Piece piece;
    private FileLayout file;
    private T next;

    ParsedRecords(ScanTask task, List<FileLayout> files, Map<String, Integer> keys, int fieldCount, Configuration conf,
        RecordParser<T> parser) {
      this.pieces = task.pieces().iterator();
      this.files = files;
      this.keys = keys;
      this.conf = conf;
      this.parser = parser;
      this.values = new String[fieldCount];
      TaskContext context = TaskContext.get();
      if (context != null) {
        // A task can end before its records do (a limit, a failure): the file is closed then too.
        TaskCompletionListener close = done -> closeQuietly();
        context.addTaskCompletionListener(close);
      }
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null) {
          if (piece != null && cursor.next(piece.end())) {
            next = parse();
          } else if (pieces.hasNext()) {
            piece = pieces.next();
            file = files.get(piece.file());
            fields = file.csv() ? new String[file.headerWidth()] : null;
            open(cursor, conf, file, piece);
          } else {
            cursor.close();
            return false;
          }
        }
        return true;
      } catch (IOException e) {
        throw unreadable(new Path(file.uri()), e);
      }
    }

    private T parse() {
      String raw = cursor.text();
      boolean wellFormed;
      if (file.csv()) {
        wellFormed = !cursor.malformed();
        if (wellFormed) {
          CsvSyntax.fields(raw, file.wanted(), fields, unescaped);
          int[] positions = file.positions();
          for (int i = 0; i < values.length; i++) {
            values[i] = positions[i] < 0 ? null : blankToNull(fields[positions[i]]);
          }
        }
      } else {
        wellFormed = JsonRecord.parse(raw, keys, values, null);
        for (int i = 0; i < values.length && wellFormed; i++) {
          values[i] = blankToNull(values[i]);
        }
      }
      return parser.parse(file.relativePath(), cursor.line(), raw, wellFormed ? values : null);
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      T value = next;
      next = null;
      return value;
    }

    private void closeQuietly() {
      try {
        cursor.close();
      } catch (IOException e) {
        // The task is over; a failure to close a file it only read changes nothing.
      }
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The header of a CSV file: its columns, and where its records start. */
  private record CsvHeader(int width, int[] positions, boolean[] wanted, long dataStart, long dataLine) {
    /**
     * The file's first record, checked against the source.
     *
     * @return null when the file has no record at all
     */
    static CsvHeader read(RecordCursor cursor, Configuration conf, DataFile file, Source source) {
      String where = "The input file " + SourceReader.display(file.path());
      String[] names;
      try {
        cursor.open(file.path().getFileSystem(conf), file.path(), 0, 1, new CsvSyntax(0));
        if (!cursor.next(Long.MAX_VALUE)) {
          return null;
        }
        if (cursor.malformed()) {
          throw new UserError(where + " has no readable CSV header line.");
        }
        names = new String[cursor.fields()];
        boolean[] all = new boolean[names.length];
        Arrays.fill(all, true);
        CsvSyntax.fields(cursor.text(), all, names, new StringBuilder());
      } catch (IOException e) {
        throw new UserError(where + " cannot be read: " + e.getMessage(), e);
      }
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        if (columns.put(names[i].trim(), i) != null) {
          throw new UserError(where + " names the column " + names[i].trim() + " twice in its header.");
        }
      }
      SourceReader.requireColumns(file.path(), columns.keySet(), source);
      int[] positions = new int[source.fields().size()];
      boolean[] wanted = new boolean[names.length];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = columns.getOrDefault(source.fieldNames().get(i), -1);
        if (positions[i] >= 0) {
          wanted[positions[i]] = true;
        }
      }
      return new CsvHeader(names.length, positions, wanted, cursor.nextOffset(), cursor.nextLine());
    }
  }
}
