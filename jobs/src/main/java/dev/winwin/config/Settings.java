package dev.winwin.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Every setting of a run, read once from configuration and validated before Spark starts.
 *
 * @param input folder with one sub-folder per source: a local path or a Hadoop URI
 *     ({@code hdfs://...}, {@code s3a://...})
 * @param output folder the reports are published under: a local path or a Hadoop URI
 * @param baseCurrency ISO-4217 code all money is converted to
 * @param restateMonths months a monthly run rewrites, ending at the run month
 * @param judgeAgainFromRows input rows from which a run starting from an earlier judgement judges
 *     again only what changed; a smaller input is judged whole, which costs less than finding what
 *     changed
 * @param maxRejectShare largest share of rejected rows per source before the run fails
 * @param classification thresholds of the win/lose judgement
 * @param publish how the output is locked and published
 * @param spark how to start Spark
 * @param effective every key under {@code winwin} with its value as text, secrets masked, for the
 *     run manifest
 * @param reports parameters of the analyst reports
 */
public record Settings(
    String input,
    String output,
    String baseCurrency,
    int restateMonths,
    int judgeAgainFromRows,
    BigDecimal maxRejectShare,
    ClassificationSettings classification,
    PublishSettings publish,
    SparkSettings spark,
    Map<String, String> effective,
    ReportSettings reports) {

  /** Thresholds of the win/lose judgement (DOMAIN §5). */
  public record ClassificationSettings(
      Map<String, BigDecimal> marginTargets,
      Map<String, Integer> satisfiedCutoffs,
      Map<String, BigDecimal> roleWeights,
      BigDecimal marginBand,
      BigDecimal satisfiedShareBand) {}

  /**
   * How the output is locked and published.
   *
   * @param mode {@code auto} (symbolic links on a local file system, the pointer file
   *     {@code current.json} elsewhere), {@code links} or {@code pointer}
   * @param lockStaleAfter age after which a lock file on HDFS or an object store counts as left
   *     by a dead run
   * @param breakStaleLock remove such a lock and go on, rather than stop
   */
  public record PublishSettings(String mode, Duration lockStaleAfter, boolean breakStaleLock) {}

  /**
   * How to start Spark.
   *
   * @param master Spark master URL; empty leaves it to spark-submit
   * @param shufflePartitions partitions for joins and aggregations; empty: chosen per run from the
   *     size of the input
   * @param accelerator the engine Spark's plans run on
   * @param options further Spark settings passed unchanged; they win over the accelerator's
   */
  public record SparkSettings(String master, OptionalInt shufflePartitions, Accelerator accelerator, Map<String, String> options) {}

  /** The engine Spark runs a run's plans on: its own, or Apache DataFusion Comet's native one. */
  public enum Accelerator {
    NONE, COMET
  }

  /**
   * Parameters of the analyst reports.
   *
   * @param marginBandEdges inner edges of the pocket-margin % bands, strictly increasing; a band
   *     includes its lower edge
   * @param satisfactionBandEdges inner edges of the satisfaction bands, strictly increasing, inside
   *     0..100; a band includes its lower edge
   * @param marginSlopeTolerance largest absolute margin % slope per month that counts as flat
   * @param satisfactionSlopeTolerance largest absolute satisfaction slope per month that counts as flat
   * @param provisionalBelow a month whose classified share of won deals is below this is provisional
   */
  public record ReportSettings(
      java.util.List<BigDecimal> marginBandEdges,
      java.util.List<BigDecimal> satisfactionBandEdges,
      BigDecimal marginSlopeTolerance,
      BigDecimal satisfactionSlopeTolerance,
      BigDecimal provisionalBelow) {
    public ReportSettings {
      marginBandEdges = java.util.List.copyOf(marginBandEdges);
      satisfactionBandEdges = java.util.List.copyOf(satisfactionBandEdges);
    }
  }

}
