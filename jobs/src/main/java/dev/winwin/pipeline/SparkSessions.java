package dev.winwin.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

import dev.winwin.UserError;
import dev.winwin.config.Settings.Accelerator;
import dev.winwin.config.Settings.SparkSettings;

/** Starts the SparkSession of a run from the settings. */
public final class SparkSessions {
  /** Shuffle data per partition aimed at when the partitions are chosen from the input size. */
  private static final long SHUFFLE_PARTITION_BYTES = 64L << 20;
  private static final String COMET_PLUGIN = "org.apache.spark.CometPlugin";
  /**
   * Comet's plugin and what it needs: its own shuffle (Arrow batches between native operators)
   * and off-heap memory for those operators, 2 GB like the launcher's heap.
   */
  static final Map<String, String> COMET = Map.of(
      "spark.plugins", COMET_PLUGIN,
      "spark.shuffle.manager", "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager",
      "spark.memory.offHeap.enabled", "true",
      "spark.memory.offHeap.size", "2g");
  private static final Logger LOG = LogManager.getLogger(SparkSessions.class);

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
   * spark-submit.
   *
   * @throws UserError when the accelerator's jar is not on the class path
   */
  public static SparkSession start(SparkSettings settings) {
    if (settings.accelerator() == Accelerator.COMET) {
      requireComet();
      LOG.info("Spark runs this run's plans on Apache DataFusion Comet (spark.accelerator = comet)");
    }
    SparkSession.Builder builder = SparkSession.builder().appName("winwin");
    if (!settings.master().isEmpty()) {
      builder.master(settings.master());
    }
    config(settings).forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * The Spark settings of a run: timestamps read and written in UTC, so a run gives the same rows
   * anywhere; the shuffle partitions; the accelerator's settings; then the settings' own options,
   * which win over all of these.
   */
  static Map<String, String> config(SparkSettings settings) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("spark.sql.session.timeZone", "UTC");
    settings.shufflePartitions().ifPresent(partitions -> config.put("spark.sql.shuffle.partitions", Integer.toString(partitions)));
    if (settings.accelerator() == Accelerator.COMET) {
      config.putAll(COMET);
    }
    config.putAll(settings.options());
    return config;
  }

  private static void requireComet() {
    try {
      Class.forName(COMET_PLUGIN, false, SparkSessions.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UserError("Configuration key winwin.spark.accelerator is comet, but Apache DataFusion Comet's jar is not on the class path: "
          + "the launcher has it; spark-submit needs it passed with --jars and on the driver's and executors' class path (README, \"Comet\").");
    }
  }
}
