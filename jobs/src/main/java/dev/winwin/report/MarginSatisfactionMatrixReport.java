package dev.winwin.report;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND_INDEX;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND_LOWER;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.MARGIN_BAND_UPPER;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND_INDEX;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND_LOWER;
import static dev.winwin.schema.MarginSatisfactionMatrixSchema.SATISFACTION_BAND_UPPER;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.config.Settings;
import dev.winwin.schema.MarginSatisfactionMatrixSchema;
import dev.winwin.schema.Types;

/**
 * {@code margin_satisfaction_matrix}: one row per close month × pocket-margin band × satisfaction
 * band that has at least one deal; the heat map behind the premium-value / premium-price picture.
 * Partitioned by {@code close_month}.
 *
 * <p>Bands come from configuration as inner edges; every band includes its lower edge and excludes
 * its upper one (the first band has no lower edge, the last no upper edge). Deals without a pocket
 * margin % (no cost lines, or pocket revenue of 0 or less) or without satisfaction (no survey
 * response) are left out.
 */
public final class MarginSatisfactionMatrixReport {
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  private MarginSatisfactionMatrixReport() {}

  /**
   * Grain in: one won deal ({@code deal_outcomes}); out: one row per month and pair of bands with
   * deals. Adds band labels, 0-based band indexes (for ordering) and band edges (null at the open
   * ends), {@code deals, invoice_revenue, pocket_revenue, pocket_margin}, {@code provisional} (see
   * {@link ProvisionalMonths}) and the run id: the columns of {@link MarginSatisfactionMatrixSchema}.
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, Settings.ReportSettings settings, String runId) {
    List<BigDecimal> marginEdges = settings.marginBandEdges();
    List<BigDecimal> satisfactionEdges = settings.satisfactionBandEdges();
    Column margin = col(POCKET_MARGIN_PCT);
    Column satisfaction = col(SATISFACTION);
    Column marginIndex = bandIndex(margin, marginEdges);
    Column satisfactionIndex = bandIndex(satisfaction, satisfactionEdges);
    Dataset<Row> cells = dealOutcomes
        .filter(margin.isNotNull().and(satisfaction.isNotNull()))
        .withColumn(MARGIN_BAND_INDEX, marginIndex)
        .withColumn(SATISFACTION_BAND_INDEX, satisfactionIndex)
        .groupBy(col(CLOSE_MONTH), col(MARGIN_BAND_INDEX), col(SATISFACTION_BAND_INDEX))
        .agg(count(lit(1)).as(DEALS),
            Aggregates.invoiceRevenue().cast(Types.MONEY).as(INVOICE_REVENUE),
            sum(col(POCKET_REVENUE)).cast(Types.MONEY).as(POCKET_REVENUE),
            sum(col(POCKET_MARGIN)).cast(Types.MONEY).as(POCKET_MARGIN))
        .select(col(CLOSE_MONTH),
            pick(col(MARGIN_BAND_INDEX), marginLabels(marginEdges)).as(MARGIN_BAND),
            col(MARGIN_BAND_INDEX),
            pick(col(MARGIN_BAND_INDEX), lowerEdges(marginEdges)).cast(Types.RATIO).as(MARGIN_BAND_LOWER),
            pick(col(MARGIN_BAND_INDEX), upperEdges(marginEdges)).cast(Types.RATIO).as(MARGIN_BAND_UPPER),
            pick(col(SATISFACTION_BAND_INDEX), satisfactionLabels(satisfactionEdges)).as(SATISFACTION_BAND),
            col(SATISFACTION_BAND_INDEX),
            pick(col(SATISFACTION_BAND_INDEX), withEnds(lowerEdges(satisfactionEdges), BigDecimal.ZERO, null)).cast(Types.SCORE_0_100)
                .as(SATISFACTION_BAND_LOWER),
            pick(col(SATISFACTION_BAND_INDEX), withEnds(upperEdges(satisfactionEdges), null, HUNDRED)).cast(Types.SCORE_0_100)
                .as(SATISFACTION_BAND_UPPER),
            col(DEALS), col(INVOICE_REVENUE), col(POCKET_REVENUE), col(POCKET_MARGIN));
    return MarginSatisfactionMatrixSchema.SCHEMA.conform(ProvisionalMonths.mark(cells, dealOutcomes, settings.provisionalBelow())
        .withColumn(RUN_ID, lit(runId)));
  }

  /** The labels of the margin bands in interval notation, e.g. {@code <0%, [0%, 10%), ..., >=40%}. */
  public static List<String> marginLabels(List<BigDecimal> edges) {
    List<String> labels = new ArrayList<>();
    labels.add("<" + percent(edges.get(0)));
    for (int i = 1; i < edges.size(); i++) {
      labels.add("[" + percent(edges.get(i - 1)) + ", " + percent(edges.get(i)) + ")");
    }
    labels.add(">=" + percent(edges.get(edges.size() - 1)));
    return labels;
  }

  /** The labels of the satisfaction bands in interval notation, e.g. {@code [0, 20), ..., [80, 100]}. */
  public static List<String> satisfactionLabels(List<BigDecimal> edges) {
    List<String> labels = new ArrayList<>();
    BigDecimal lower = BigDecimal.ZERO;
    for (BigDecimal edge : edges) {
      labels.add("[" + plain(lower) + ", " + plain(edge) + ")");
      lower = edge;
    }
    labels.add("[" + plain(lower) + ", 100]");
    return labels;
  }

  /** The 0-based band of {@code value}: how many edges are at or below it, so lower edges are inclusive. */
  static Column bandIndex(Column value, List<BigDecimal> edges) {
    Column index = lit(0);
    for (BigDecimal edge : edges) {
      index = index.plus(when(value.geq(lit(edge)), lit(1)).otherwise(lit(0)));
    }
    return index;
  }

  /** The element of {@code values} at the 0-based {@code index}. */
  private static Column pick(Column index, List<?> values) {
    Column picked = null;
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      Column literal = lit(value);
      picked = picked == null ? when(index.equalTo(i), literal) : picked.when(index.equalTo(i), literal);
    }
    return picked;
  }

  private static List<BigDecimal> lowerEdges(List<BigDecimal> edges) {
    List<BigDecimal> lower = new ArrayList<>();
    lower.add(null);
    lower.addAll(edges);
    return lower;
  }

  private static List<BigDecimal> upperEdges(List<BigDecimal> edges) {
    List<BigDecimal> upper = new ArrayList<>(edges);
    upper.add(null);
    return upper;
  }

  private static List<BigDecimal> withEnds(List<BigDecimal> edges, BigDecimal first, BigDecimal last) {
    List<BigDecimal> ends = new ArrayList<>(edges);
    if (first != null) {
      ends.set(0, first);
    }
    if (last != null) {
      ends.set(ends.size() - 1, last);
    }
    return ends;
  }

  private static String percent(BigDecimal fraction) {
    return plain(fraction.movePointRight(2)) + "%";
  }

  private static String plain(BigDecimal number) {
    return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
  }
}
