package dev.winwin.report;

import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_HIGH;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_LOW;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.classify.Classification;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.Types;

/**
 * The measures the reports and the leadership summary share, each written once so that one
 * measure means the same everywhere. Aggregates are over rows with the {@code deal_outcomes}
 * columns; rows that are not won deals (lost deals unioned in for win rates) have null metrics and
 * outcome, and so count in none of them.
 */
public final class Aggregates {
  /** z of a two-sided 95 % interval. */
  public static final double WILSON_Z = 1.959964;
  /** Which deals each outcome of the reports counts: win-lose is split by who won it. */
  static final Map<OutcomeColumns, Column> OUTCOMES = outcomes();

  private Aggregates() {}

  /** A count as a decimal, so that a share of counts is divided exactly rather than in floating point. */
  public static Column exactly(Column count) {
    return count.cast(DataTypes.createDecimalType(20, 0));
  }

  /** {@code part / whole} as a ratio rounded half up to six decimals, null when {@code whole} is 0 or less. */
  public static Column ratio(Column part, Column whole) {
    return when(whole.gt(0), part.divide(whole)).cast(Types.RATIO);
  }

  /** {@code part / whole} of two counts as a ratio, null when {@code whole} is 0. */
  public static Column shareOf(Column part, Column whole) {
    return ratio(exactly(part), exactly(whole));
  }

  /** Won deals with an outcome other than unclassified. */
  public static Column classifiedDeals() {
    return count(when(col(OUTCOME).notEqual(Classification.UNCLASSIFIED), lit(1)));
  }

  /** Won deals that are win-win. */
  public static Column winWinDeals() {
    return count(when(OUTCOMES.get(OutcomeColumns.WIN_WIN), lit(1)));
  }

  /** Win-win deals / classified deals; null without classified deals. */
  public static Column winWinShareOfClassified() {
    return shareOf(winWinDeals(), classifiedDeals());
  }

  /**
   * {@code classified_deals}, {@code win_win_share_of_classified} and its 95 % Wilson interval
   * ({@code _low}, {@code _high}), as {@code monthly_summary}, {@code rep_scorecard} and
   * {@code negotiation_patterns} publish them.
   */
  static List<Column> winWinShareWithInterval() {
    return List.of(
        classifiedDeals().as(CLASSIFIED_DEALS),
        winWinShareOfClassified().as(WIN_WIN_SHARE_OF_CLASSIFIED),
        wilsonLow(winWinDeals(), classifiedDeals()).as(WIN_WIN_SHARE_OF_CLASSIFIED_LOW),
        wilsonHigh(winWinDeals(), classifiedDeals()).as(WIN_WIN_SHARE_OF_CLASSIFIED_HIGH));
  }

  /**
   * The lower bound of the 95 % Wilson score interval of the share {@code part / whole}:
   * (x + z²/2 − z·√(x(n − x)/n + z²/4)) / (n + z²) with x = part, n = whole, z = {@value #WILSON_Z};
   * null when {@code whole} is 0. Computed in floating point (it needs a square root) and rounded half
   * up to six decimals like every ratio; it is reported, never compared with a threshold.
   */
  public static Column wilsonLow(Column part, Column whole) {
    return wilson(part, whole, -1);
  }

  /** The upper bound of the interval of {@link #wilsonLow}. */
  public static Column wilsonHigh(Column part, Column whole) {
    return wilson(part, whole, 1);
  }

  private static Column wilson(Column part, Column whole, int sign) {
    double z2 = WILSON_Z * WILSON_Z;
    Column x = part.cast(DataTypes.DoubleType);
    Column n = whole.cast(DataTypes.DoubleType);
    Column spread = sqrt(x.multiply(n.minus(x)).divide(n).plus(z2 / 4)).multiply(WILSON_Z);
    return when(whole.gt(0), x.plus(z2 / 2).plus(spread.multiply(sign)).divide(n.plus(z2))).cast(Types.RATIO);
  }

  /** Σ invoice amount, 0 for a group without won deals. */
  public static Column invoiceRevenue() {
    return coalesce(sum(col(INVOICE_AMOUNT)), lit(BigDecimal.ZERO));
  }

  /** Σ pocket margin / Σ pocket revenue over the deals with cost lines; null when that revenue is 0 or less. */
  public static Column pocketMarginPct() {
    Column costed = col(COST_LINES).gt(0);
    return ratio(sum(when(costed, col(POCKET_MARGIN))), sum(when(costed, col(POCKET_REVENUE))));
  }

  /** Mean satisfaction over the deals with survey responses. */
  public static Column meanSatisfaction() {
    return avg(col(SATISFACTION)).cast(Types.SCORE_0_100);
  }

  /**
   * {@code <outcome>_deals} and {@code <outcome>_share} (of {@code wonDeals}) for every outcome, and
   * {@code <outcome>_revenue_share} (of {@code revenue}) when it is given.
   */
  static List<Column> outcomeMix(Column wonDeals, Optional<Column> revenue) {
    List<Column> columns = new ArrayList<>();
    OUTCOMES.forEach((outcome, matches) -> {
      Column deals = count(when(matches, lit(1)));
      columns.add(deals.as(outcome.deals()));
      columns.add(shareOf(deals, wonDeals).as(outcome.share()));
      revenue.ifPresent(total -> columns.add(
          ratio(coalesce(sum(when(matches, col(INVOICE_AMOUNT))), lit(BigDecimal.ZERO)), total).as(outcome.revenueShare())));
    });
    return columns;
  }

  private static Map<OutcomeColumns, Column> outcomes() {
    Column winLose = col(OUTCOME).equalTo(Classification.WIN_LOSE);
    Map<OutcomeColumns, Column> outcomes = new EnumMap<>(OutcomeColumns.class);
    outcomes.put(OutcomeColumns.WIN_WIN, col(OUTCOME).equalTo(Classification.WIN_WIN));
    outcomes.put(OutcomeColumns.WIN_LOSE_PROVIDER, winLose.and(col(WINNING_PARTY).equalTo(Classification.PROVIDER)));
    outcomes.put(OutcomeColumns.WIN_LOSE_CLIENT, winLose.and(col(WINNING_PARTY).equalTo(Classification.CLIENT)));
    outcomes.put(OutcomeColumns.LOSE_LOSE, col(OUTCOME).equalTo(Classification.LOSE_LOSE));
    outcomes.put(OutcomeColumns.UNCLASSIFIED, col(OUTCOME).equalTo(Classification.UNCLASSIFIED));
    return outcomes;
  }
}
