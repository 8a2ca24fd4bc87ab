package dev.winwin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.winwin.config.Settings.Accelerator;
import dev.winwin.config.Settings.SparkSettings;

/** The Spark settings a run starts its session with. */
class SparkSessionsTest {
  @Test
  void withoutAnAcceleratorARunIsInUtcWithTheSettingsPartitionsAndOptions() {
    Map<String, String> config = SparkSessions.config(
        new SparkSettings("local[*]", OptionalInt.of(16), Accelerator.NONE, Map.of("spark.ui.enabled", "false")));

    assertEquals(Map.of("spark.sql.session.timeZone", "UTC", "spark.sql.shuffle.partitions", "16", "spark.ui.enabled", "false"), config);
    assertFalse(config.containsKey("spark.plugins"));
  }

  @Test
  void cometBringsItsPluginShuffleAndOffHeapMemoryAndTheSettingsOptionsWin() {
    Map<String, String> config = SparkSessions.config(
        new SparkSettings("local[*]", OptionalInt.empty(), Accelerator.COMET, Map.of("spark.memory.offHeap.size", "4g")));

    assertEquals("org.apache.spark.CometPlugin", config.get("spark.plugins"));
    assertEquals("org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager", config.get("spark.shuffle.manager"));
    assertEquals("true", config.get("spark.memory.offHeap.enabled"));
    assertEquals("4g", config.get("spark.memory.offHeap.size"));
    assertEquals("UTC", config.get("spark.sql.session.timeZone"));
    assertFalse(config.containsKey("spark.sql.shuffle.partitions"));
  }
}
