package dev.winwin.enrich;

import static dev.winwin.schema.Columns.CSAT_RESPONSES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.INSTRUMENT;
import static dev.winwin.schema.Columns.NPS_RESPONSES;
import static dev.winwin.schema.Columns.RESPONDENT_ROLE;
import static dev.winwin.schema.Columns.RESPONSES;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.SCORE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.config.Settings.ClassificationSettings;
import dev.winwin.schema.Types;

/**
 * What the client got, per deal (DOMAIN §4, §5): role-weighted satisfaction on 0..100 and the
 * role-weighted amount of satisfied responses, each response judged on its own instrument's scale.
 */
public final class Satisfaction {
  /** Σ weight of the satisfied responses; with {@link #RESPONSE_WEIGHT} it decides the client's result exactly. */
  public static final String SATISFIED_WEIGHT = "satisfied_weight";
  /** Σ weight of all responses. */
  public static final String RESPONSE_WEIGHT = "response_weight";

  private static final String WEIGHT = "__weight";

  private Satisfaction() {}

  /**
   * Grain in: one accepted survey response. Grain out: one row per deal with a response:
   * {@code deal_id, responses, csat_responses, nps_responses, satisfaction, satisfied_weight,
   * response_weight}.
   */
  public static Dataset<Row> perDeal(Dataset<Row> surveys, ClassificationSettings settings) {
    Column weight = roleWeight(settings.roleWeights());
    Column percentOfMax = when(col(INSTRUMENT).equalTo("csat"), col(SCORE).minus(1).multiply(25))
        .otherwise(col(SCORE).multiply(10));
    Column satisfied = when(col(INSTRUMENT).equalTo("csat"), col(SCORE).geq(settings.satisfiedCutoffs().get("csat")))
        .otherwise(col(SCORE).geq(settings.satisfiedCutoffs().get("nps")));
    return surveys
        .withColumn(WEIGHT, weight)
        .groupBy(col(DEAL_ID))
        .agg(
            count(lit(1)).as(RESPONSES),
            count(when(col(INSTRUMENT).equalTo("csat"), lit(1))).as(CSAT_RESPONSES),
            count(when(col(INSTRUMENT).equalTo("nps"), lit(1))).as(NPS_RESPONSES),
            sum(col(WEIGHT).multiply(percentOfMax)).divide(sum(col(WEIGHT))).cast(Types.SCORE_0_100).as(SATISFACTION),
            sum(when(satisfied, col(WEIGHT)).otherwise(lit(BigDecimal.ZERO))).as(SATISFIED_WEIGHT),
            sum(col(WEIGHT)).as(RESPONSE_WEIGHT));
  }

  private static Column roleWeight(Map<String, BigDecimal> weights) {
    Column weight = null;
    for (Map.Entry<String, BigDecimal> entry : weights.entrySet()) {
      Column value = lit(entry.getValue());
      weight = weight == null
          ? when(col(RESPONDENT_ROLE).equalTo(entry.getKey()), value)
          : weight.when(col(RESPONDENT_ROLE).equalTo(entry.getKey()), value);
    }
    return weight;
  }
}
