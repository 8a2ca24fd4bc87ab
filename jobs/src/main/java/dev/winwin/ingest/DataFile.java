package dev.winwin.ingest;

import java.time.Instant;
import java.util.Locale;

import org.apache.hadoop.fs.Path;

/**
 * One data file of a source, as {@link SourceReader#dataFiles} lists it.
 *
 * @param path fully qualified, the same on the driver and every executor
 * @param relativePath the path under the input root, {@code deals/2026/oct.csv}: what lineage and
 *     the run manifest name the file by (unique, unlike the file name)
 * @param bytes the file's size
 * @param modified the file's modification time, as its file system reports it
 * @param format how the file is read, from its extension
 */
public record DataFile(Path path, String relativePath, long bytes, Instant modified, Format format) {
  /**
   * Parquet holds the same rows in about a sixth of the bytes of CSV or JSON Lines (5.9 on a
   * generated 1M-deal history).
   */
  private static final long PARQUET_TEXT_RATIO = 6;

  /** The formats of DOMAIN §2, taken from the file extension. */
  public enum Format {
    /** {@code .csv}: RFC 4180 with a header line. */
    CSV,
    /** {@code .jsonl} or {@code .json}: one JSON object per line. */
    JSON_LINES,
    PARQUET;

    /** The format of a file name, or null when its extension is none of DOMAIN §2. */
    static Format of(String fileName) {
      String name = fileName.toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".jsonl") || name.endsWith(".json")) {
        return JSON_LINES;
      }
      return name.endsWith(".parquet") ? PARQUET : null;
    }
  }

  /**
   * The size of the file's rows as text, what sizing decisions (shuffle partitions, whether the
   * judged rows fit in memory) go by, so that a Parquet input is not taken for a sixth of itself.
   */
  public long textBytes() {
    return format == Format.PARQUET ? bytes * PARQUET_TEXT_RATIO : bytes;
  }
}
