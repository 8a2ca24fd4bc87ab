package dev.winwin.classify;

import static dev.winwin.schema.Columns.BORDERLINE;
import static dev.winwin.schema.Columns.CLIENT_RESULT;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.MARGIN_GAP;
import static dev.winwin.schema.Columns.MARGIN_TARGET;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.PROVIDER_RESULT;
import static dev.winwin.schema.Columns.RESPONSES;
import static dev.winwin.schema.Columns.UNCLASSIFIED_REASON;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.config.Settings.ClassificationSettings;
import dev.winwin.enrich.Satisfaction;
import dev.winwin.schema.Types;

/**
 * Judges each side of a won deal on its own and names the outcome (DOMAIN §5).
 *
 * <p>Thresholds are compared exactly (DOMAIN §5), without dividing and without rounding a product:
 * the provider wins when pocket revenue is positive and {@code pocket_margin >= target ×
 * pocket_revenue}; the client wins when {@code satisfied_weight >= ½ × response_weight}. The
 * borderline bands and {@code margin_gap} start from the same exact differences; only the
 * published ratios are rounded, to six decimals.
 */
public final class Classification {
  public static final String WINS = "wins";
  public static final String LOSES = "loses";
  public static final String WIN_WIN = "win-win";
  public static final String WIN_LOSE = "win-lose";
  public static final String LOSE_LOSE = "lose-lose";
  public static final String UNCLASSIFIED = "unclassified";
  public static final String NO_SURVEY = "no_survey";
  public static final String NO_COST = "no_cost";
  public static final String NO_SURVEY_NO_COST = "no_survey_no_cost";
  /** The winning parties. */
  public static final String BOTH = "both";
  public static final String PROVIDER = "provider";
  public static final String CLIENT = "client";
  public static final String NONE = "none";

  private static final BigDecimal HALF = new BigDecimal("0.5");

  private Classification() {}

  /**
   * Grain in and out: one row per won deal with the metrics of {@code DealMetrics}.
   *
   * <p>Columns added: {@code margin_target, margin_gap, provider_result, client_result, outcome,
   * winning_party, borderline, unclassified_reason}. A side without evidence (no cost line, no
   * response) has a null result; such a deal is {@code unclassified} with null winning party and
   * borderline.
   */
  public static Dataset<Row> classify(Dataset<Row> metrics, ClassificationSettings settings) {
    Column target = when(col(OFFERING_TYPE).equalTo("differentiated"), lit(settings.marginTargets().get("differentiated")))
        .otherwise(lit(settings.marginTargets().get("commodity")));
    Column hasCost = col(COST_LINES).gt(0);
    Column hasSurvey = col(RESPONSES).gt(0);
    Column revenue = col(POCKET_REVENUE);
    // The target as configured (at most six decimals), not the published DECIMAL(38,6) column: a
    // product with that type would be rounded to six decimals, and a margin a fraction of a cent
    // under its target would win (issue 11, case 6). Both factors are narrow, so it stays exact.
    Column marginOverTarget = col(POCKET_MARGIN).minus(target.multiply(revenue));
    Column providerWins = revenue.gt(0).and(marginOverTarget.geq(0));
    Column satisfiedOverHalf = col(Satisfaction.SATISFIED_WEIGHT).minus(lit(HALF).multiply(col(Satisfaction.RESPONSE_WEIGHT)));
    Column clientWins = satisfiedOverHalf.geq(0);
    Column marginNearTarget = revenue.gt(0).and(abs(marginOverTarget).leq(lit(settings.marginBand()).multiply(revenue)));
    Column shareNearHalf = abs(satisfiedOverHalf).leq(lit(settings.satisfiedShareBand()).multiply(col(Satisfaction.RESPONSE_WEIGHT)));
    Column provider = col(PROVIDER_RESULT).equalTo(WINS);
    Column client = col(CLIENT_RESULT).equalTo(WINS);
    Column classified = hasCost.and(hasSurvey);
    return metrics
        .withColumn(MARGIN_TARGET, target.cast(Types.RATIO))
        .withColumn(MARGIN_GAP, when(revenue.gt(0), marginOverTarget.divide(revenue)).cast(Types.RATIO))
        .withColumn(PROVIDER_RESULT, when(hasCost, when(providerWins, lit(WINS)).otherwise(lit(LOSES))))
        .withColumn(CLIENT_RESULT, when(hasSurvey, when(clientWins, lit(WINS)).otherwise(lit(LOSES))))
        .withColumn(OUTCOME, when(not(classified), lit(UNCLASSIFIED))
            .when(provider.and(client), lit(WIN_WIN))
            .when(provider.or(client), lit(WIN_LOSE))
            .otherwise(lit(LOSE_LOSE)))
        .withColumn(WINNING_PARTY, when(classified,
            when(provider.and(client), lit(BOTH)).when(provider, lit(PROVIDER)).when(client, lit(CLIENT)).otherwise(lit(NONE))))
        .withColumn(BORDERLINE, when(classified, marginNearTarget.or(shareNearHalf)))
        .withColumn(UNCLASSIFIED_REASON, when(not(hasCost).and(not(hasSurvey)), lit(NO_SURVEY_NO_COST))
            .when(not(hasSurvey), lit(NO_SURVEY))
            .when(not(hasCost), lit(NO_COST)));
  }
}
