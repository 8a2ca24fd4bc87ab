package dev.winwin.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import scala.Tuple2;

/**
 * The lines of many text files as one RDD, each line with its file and 1-based line number.
 *
 * <p>One Hadoop scan serves every file: a scan per file would cost a job configuration per file
 * and a task per small file, which dominates when a folder holds thousands of files. A file
 * larger than {@link #SPLIT_BYTES} is read in several splits; its line numbers then need a
 * counting pass first (the lines of each split), which small files never pay.
 */
final class TextLines {
  /** Bytes a split reads at least; a smaller file is one split. */
  static final long SPLIT_BYTES = 64L << 20;

  /** Turns one line into a value, or null to skip the line. */
  @FunctionalInterface
  interface LineParser<T> extends Serializable {
    /**
     * @param file the file's key: its folder and name, {@code deals/deals-2024.csv}
     * @param number the line's 1-based number in the file
     * @param text the line without its line end
     */
    T parse(String file, long number, String text);
  }

  private TextLines() {}

  /** The key of a file: its folder and name, as {@link LineParser#parse} receives it. */
  static String key(Path file) {
    return file.getParent().getName() + "/" + file.getName();
  }

  /**
   * Parses every line of {@code files} (all distinct by {@link #key}) with {@code parser}, in
   * enough partitions to keep every core busy and each about {@link #SPLIT_BYTES} of text.
   */
  static <T> JavaRDD<T> parse(SparkSession spark, List<SourceReader.DataFile> files, LineParser<T> parser) {
    return parse(spark, files, parser, SPLIT_BYTES);
  }

  /** {@link #parse(SparkSession, List, LineParser)} with splits of {@code splitBytes}; tests split small files. */
  static <T> JavaRDD<T> parse(SparkSession spark, List<SourceReader.DataFile> files, LineParser<T> parser, long splitBytes) {
    JavaNewHadoopRDD<LongWritable, Text> lines = scan(spark, files.stream().map(SourceReader.DataFile::path).toList(), splitBytes);
    boolean anySplit = files.stream().anyMatch(file -> file.bytes() > splitBytes);
    Map<String, Long> firstLines = anySplit ? firstLineOfEachSplit(lines) : Map.of();
    JavaRDD<T> parsed = lines.mapPartitionsWithInputSplit((split, records) -> {
      FileSplit fileSplit = (FileSplit) split;
      String file = key(fileSplit.getPath());
      long first = firstLines.getOrDefault(file + "@" + fileSplit.getStart(), 1L);
      return new ParsedLines<>(records, file, first, parser);
    }, true);
    long bytes = files.stream().mapToLong(SourceReader.DataFile::bytes).sum();
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(), (bytes + splitBytes - 1) / splitBytes);
    return parsed.coalesce(partitions);
  }

  /** The parsed lines of one split, skipping those the parser turns into null. */
  private static final class ParsedLines<T> implements Iterator<T> {
    private final Iterator<Tuple2<LongWritable, Text>> records;
    private final String file;
    private final LineParser<T> parser;
    private long number;
    private T next;

    ParsedLines(Iterator<Tuple2<LongWritable, Text>> records, String file, long firstNumber, LineParser<T> parser) {
      this.records = records;
      this.file = file;
      this.number = firstNumber;
      this.parser = parser;
    }

    @Override
    public boolean hasNext() {
      while (next == null && records.hasNext()) {
        next = parser.parse(file, number++, stripLineEnd(records.next()._2().toString()));
      }
      return next != null;
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
  }

  private static JavaNewHadoopRDD<LongWritable, Text> scan(SparkSession spark, List<Path> files, long splitBytes) {
    try {
      Job job = Job.getInstance(spark.sparkContext().hadoopConfiguration());
      FileInputFormat.setInputPaths(job, files.toArray(Path[]::new));
      job.getConfiguration().setLong(FileInputFormat.SPLIT_MINSIZE, splitBytes);
      job.getConfiguration().setLong(FileInputFormat.SPLIT_MAXSIZE, splitBytes);
      return (JavaNewHadoopRDD<LongWritable, Text>) JavaSparkContext.fromSparkContext(spark.sparkContext())
          .newAPIHadoopRDD(job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot configure the scan of " + files.size() + " text files", e);
    }
  }

  /** The 1-based number of the first line of every split, keyed {@code file@start}: a job counting the lines of each split. */
  private static Map<String, Long> firstLineOfEachSplit(JavaNewHadoopRDD<LongWritable, Text> lines) {
    List<Tuple2<String, Tuple2<Long, Long>>> counts = lines.mapPartitionsWithInputSplit((split, records) -> {
      long count = 0;
      while (records.hasNext()) {
        records.next();
        count++;
      }
      FileSplit fileSplit = (FileSplit) split;
      return List.of(new Tuple2<>(key(fileSplit.getPath()), new Tuple2<>(fileSplit.getStart(), count))).iterator();
    }, true).collect();
    Map<String, TreeMap<Long, Long>> byFile = new HashMap<>();
    counts.forEach(c -> byFile.computeIfAbsent(c._1(), f -> new TreeMap<>()).put(c._2()._1(), c._2()._2()));
    Map<String, Long> firstLines = new HashMap<>();
    byFile.forEach((file, splits) -> {
      long next = 1;
      for (Map.Entry<Long, Long> split : splits.entrySet()) {
        firstLines.put(file + "@" + split.getKey(), next);
        next += split.getValue();
      }
    });
    return firstLines;
  }

  /** The line without a carriage return left at its end (Windows line ends). */
  static String stripLineEnd(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
