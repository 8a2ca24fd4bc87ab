package dev.winwin.report;

import static dev.winwin.schema.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Types;

/**
 * {@code deal_outcomes}: one row per won deal of the run's window, with every metric of DOMAIN §4,
 * the class and its evidence (§5) and the deal's dimensions. Partitioned by {@code close_month}.
 */
public final class DealOutcomesReport {
  public static final String NAME = "deal_outcomes";

  /** The report's columns in order; {@code close_month} is its partition column. */
  public static final List<String> COLUMNS = List.of(
      DEAL_ID, CLOSE_MONTH, CLOSE_DATE, ACCOUNT_ID, ACCOUNT_NAME, SEGMENT, REGION, REP_ID, OFFERING, OFFERING_TYPE,
      BUYER_ROLE, SOURCING, PRICING_MODEL, CURRENCY, FX_RATE,
      LIST_AMOUNT, INVOICE_AMOUNT, AT_RISK_AMOUNT, PRICE_ADJUSTMENTS, POCKET_REVENUE, DELIVERY_COST, COST_LINES,
      POCKET_MARGIN, POCKET_MARGIN_PCT, ON_INVOICE_DISCOUNT_PCT, PRICE_REALISATION, AT_RISK_SHARE,
      SATISFACTION, RESPONSES, CSAT_RESPONSES, NPS_RESPONSES, SATISFIED_SHARE, CONCESSION_ASYMMETRY,
      MARGIN_TARGET, MARGIN_GAP, PROVIDER_RESULT, CLIENT_RESULT, OUTCOME, WINNING_PARTY, BORDERLINE,
      UNCLASSIFIED_REASON, RUN_ID);

  private DealOutcomesReport() {}

  /** Grain in and out: one classified won deal. Selects the report's columns and stamps the run id. */
  public static Dataset<Row> build(Dataset<Row> classified, String runId) {
    return classified.withColumn(RUN_ID, lit(runId))
        .withColumn(FX_RATE, col(FX_RATE).cast(Types.PUBLISHED_FX_RATE))
        .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }
}
