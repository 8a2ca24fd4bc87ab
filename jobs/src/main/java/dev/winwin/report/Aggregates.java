package dev.winwin.report;

import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.classify.Classification;
import dev.winwin.schema.Types;

/** Aggregate columns the analyst reports share, so that one measure means the same in every report. */
final class Aggregates {
  static final String CLASSIFIED_DEALS = "classified_deals";
  static final String WIN_WIN_SHARE_OF_CLASSIFIED = "win_win_share_of_classified";

  private Aggregates() {}

  /** A count as a decimal, so that a share of counts is divided exactly rather than in floating point. */
  static Column exactly(Column count) {
    return count.cast(DataTypes.createDecimalType(20, 0));
  }

  /** {@code part / whole} as a ratio, null when {@code whole} is 0. */
  static Column shareOf(Column part, Column whole) {
    return when(whole.gt(0), exactly(part).divide(exactly(whole))).cast(Types.RATIO);
  }

  /** Won deals with an outcome other than unclassified. */
  static Column classifiedDeals() {
    return count(when(col(OUTCOME).notEqual(Classification.UNCLASSIFIED), lit(1)));
  }

  /** Win-win deals / classified deals; null without classified deals. */
  static Column winWinShareOfClassified() {
    return shareOf(count(when(col(OUTCOME).equalTo(Classification.WIN_WIN), lit(1))), classifiedDeals());
  }

  /** Σ pocket margin / Σ pocket revenue over the deals with cost lines, as in {@code monthly_summary}. */
  static Column pocketMarginPct() {
    Column costed = col(COST_LINES).gt(0);
    Column costedRevenue = sum(when(costed, col(POCKET_REVENUE)));
    return when(costedRevenue.gt(0), sum(when(costed, col(POCKET_MARGIN))).divide(costedRevenue)).cast(Types.RATIO);
  }

  /** {@code <outcome>_deals} and {@code <outcome>_share} (of won deals) for every outcome of {@code monthly_summary}. */
  static List<Column> outcomeMix() {
    List<Column> columns = new ArrayList<>();
    MonthlySummaryReport.OUTCOMES.forEach((key, matches) -> {
      columns.add(count(when(matches, lit(1))).as(key + "_deals"));
      columns.add(shareOf(count(when(matches, lit(1))), count(lit(1))).as(key + "_share"));
    });
    return columns;
  }
}
