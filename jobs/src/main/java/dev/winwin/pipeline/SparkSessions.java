package dev.winwin.pipeline;

import org.apache.spark.sql.SparkSession;

import dev.winwin.config.Settings.SparkSettings;

/** Starts the SparkSession of a run from the settings. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Starts (or joins, under spark-submit) the session. An empty master leaves the choice to
   * spark-submit; timestamps are read and written in UTC so a run gives the same rows anywhere.
   */
  public static SparkSession start(SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder()
        .appName("winwin")
        .config("spark.sql.shuffle.partitions", settings.shufflePartitions())
        .config("spark.sql.session.timeZone", "UTC");
    if (!settings.master().isEmpty()) {
      builder.master(settings.master());
    }
    settings.options().forEach(builder::config);
    return builder.getOrCreate();
  }
}
