package dev.winwin.stage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.fs.FileStatus;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.quality.Validation;
import dev.winwin.schema.Source;

/**
 * The judged input of the last run, kept beside the staged store ({@code _staged/judged/<key>/}):
 * every source after the cross-row rules, as Parquet, with its reconciliation counts. A run whose
 * staged files, base currency and cross-row rules are those of the kept judgement reads it instead
 * of judging again, so a rerun with, say, another margin target starts at the reports.
 *
 * <p>Like the staged store it is a cache: a judgement is trusted only once its counts file, written
 * last, exists; anything else under {@code judged/} is removed when the cache is opened, under the
 * output's lock.
 *
 * @param <C> the counts kept with a judgement
 */
public final class JudgedCache<C> {
  static final String FOLDER = "judged";
  static final String COUNTS = "counts.json";
  private static final Logger LOG = LogManager.getLogger(JudgedCache.class);

  private final Location folder;
  private final Class<C> countsType;
  private final boolean kept;

  private JudgedCache(Location folder, Class<C> countsType, boolean kept) {
    this.folder = folder;
    this.countsType = countsType;
    this.kept = kept;
  }

  /**
   * The cache entry for judging {@code input} against {@code baseCurrency}: kept from an earlier run
   * when one judged exactly this, otherwise empty; other entries are removed.
   */
  public static <C> JudgedCache<C> open(OutputLock lock, StagedStore.StagedInput input, String baseCurrency, Class<C> countsType) {
    if (!lock.isHeld()) {
      throw new IllegalStateException("The lock on " + lock.root() + " has been released");
    }
    Location root = lock.root().resolve(StagedStore.FOLDER + "/" + FOLDER);
    String key = key(input, lock.root().resolve(StagedStore.FOLDER).uri(), baseCurrency);
    Location folder = root.resolve(key);
    boolean kept = folder.resolve(COUNTS).exists();
    for (FileStatus entry : StoreFiles.children(root)) {
      if (!(kept && entry.getPath().getName().equals(key))) {
        StoreFiles.delete(root, entry.getPath());
      }
    }
    return new JudgedCache<>(folder, countsType, kept);
  }

  /** The kept judgement: every source's judged rows and the counts stored with them; empty when none was kept. */
  public Optional<Judged<C>> read(SparkSession spark) {
    if (!kept) {
      return Optional.empty();
    }
    LOG.info("Reusing the judged input of an earlier run from {}", folder);
    Map<Source, Dataset<Row>> judged = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      judged.put(source, read(spark, source));
    }
    return Optional.of(new Judged<>(judged, JsonFiles.read(folder.resolve(COUNTS), countsType)));
  }

  /**
   * Writes one judged source into this entry and returns it read back: how {@link Validation}
   * materialises it. The rows are not partitioned by month: sorting every judged row by month to
   * write a folder per month cost more than a monthly run saves by reading only its months (a cold
   * 1M-deal backfill judged in 64 s instead of 90, docs/performance.md), and a filter on
   * {@code group_month} reads the rows quickly enough.
   */
  public Dataset<Row> write(Source source, Dataset<Row> judged) {
    // The schema is kept beside the rows: a source without rows leaves no Parquet file to read it from.
    JsonFiles.write(schemaFile(source), judged.schema().json());
    judged.write().parquet(folder.resolve(source.folder()).uri());
    return read(judged.sparkSession(), source);
  }

  private Dataset<Row> read(SparkSession spark, Source source) {
    StructType schema = (StructType) DataType.fromJson(JsonFiles.read(schemaFile(source), String.class));
    return spark.read().schema(schema).parquet(folder.resolve(source.folder()).uri());
  }

  private Location schemaFile(Source source) {
    return folder.resolve(source.folder() + ".schema.json");
  }

  /** Makes the written entry trusted by storing its counts, last. */
  public void commit(C counts) {
    JsonFiles.write(folder.resolve(COUNTS), counts);
  }

  /** A judgement: each source's judged rows and their counts. */
  public record Judged<C>(Map<Source, Dataset<Row>> sources, C counts) {}

  /**
   * Staged files (each by path, id and rows), their parts (by their path under {@code stagedRoot},
   * so that a moved or copied output root keeps its judgement), the base currency and the rules'
   * revisions, hashed.
   */
  static String key(StagedStore.StagedInput input, String stagedRoot, String baseCurrency) {
    StringBuilder text = new StringBuilder("judgement revision ").append(Validation.REVISION)
        .append("\nrow rules ").append(StagedStore.fingerprint())
        .append("\nbase currency ").append(baseCurrency).append('\n');
    input.files().forEach((source, files) -> files.forEach(file -> text.append(source.folder()).append(' ').append(file.path())
        .append(' ').append(file.fileId()).append(' ').append(file.rows()).append('\n')));
    input.parts().forEach((source, parts) -> parts.forEach(part -> text.append(
        part.startsWith(stagedRoot) ? part.substring(stagedRoot.length()) : part).append('\n')));
    return StoreFiles.digest(text.toString());
  }

}
