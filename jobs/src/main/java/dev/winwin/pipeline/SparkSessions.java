package dev.winwin.pipeline;

import org.apache.spark.sql.SparkSession;

import dev.winwin.config.Settings.SparkSettings;

/** Starts the SparkSession of a run from the settings. */
public final class SparkSessions {
  /** Shuffle data per partition aimed at when the partitions are chosen from the input size. */
  private static final long SHUFFLE_PARTITION_BYTES = 64L << 20;

  private SparkSessions() {}

  /**
   * Shuffle partitions for an input of {@code inputBytes}: about 64 MB of input each, as a
   * shuffle carries about as much as was read, and never fewer than two per core. Many partitions
   * cost a small run dearly (every map task writes a file per partition); too few make a large
   * run sort and spill huge partitions.
   */
  public static int shufflePartitionsFor(long inputBytes, int cores) {
    return (int) Math.max(2L * cores, (inputBytes + SHUFFLE_PARTITION_BYTES - 1) / SHUFFLE_PARTITION_BYTES);
  }

  /**
   * Starts (or joins, under spark-submit) the session. An empty master leaves the choice to
   * spark-submit; timestamps are read and written in UTC so a run gives the same rows anywhere.
   */
  public static SparkSession start(SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder()
        .appName("winwin")
        .config("spark.sql.session.timeZone", "UTC");
    settings.shufflePartitions().ifPresent(partitions -> builder.config("spark.sql.shuffle.partitions", partitions));
    if (!settings.master().isEmpty()) {
      builder.master(settings.master());
    }
    settings.options().forEach(builder::config);
    return builder.getOrCreate();
  }
}
