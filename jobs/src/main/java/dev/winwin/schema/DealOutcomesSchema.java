package dev.winwin.schema;

import static dev.winwin.schema.Columns.*;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/** {@code deal_outcomes}: one row per won deal, partitioned by {@code close_month}; columns in {@link Columns}. */
public final class DealOutcomesSchema {
  public static final String NAME = "deal_outcomes";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, CLOSE_MONTH, List.of(
      column(DEAL_ID, StringType),
      column(CLOSE_MONTH, StringType),
      column(CLOSE_DATE, DateType),
      column(ACCOUNT_ID, StringType),
      column(ACCOUNT_NAME, StringType),
      column(SEGMENT, StringType),
      column(REGION, StringType),
      column(REP_ID, StringType),
      column(OFFERING, StringType),
      column(OFFERING_TYPE, StringType),
      column(BUYER_ROLE, StringType),
      column(SOURCING, StringType),
      column(PRICING_MODEL, StringType),
      column(CURRENCY, StringType),
      column(FX_RATE, Types.PUBLISHED_FX_RATE),
      column(LIST_AMOUNT, Types.MONEY),
      column(INVOICE_AMOUNT, Types.MONEY),
      column(AT_RISK_AMOUNT, Types.MONEY),
      column(PRICE_ADJUSTMENTS, Types.MONEY),
      column(POCKET_REVENUE, Types.MONEY),
      column(DELIVERY_COST, Types.MONEY),
      column(COST_LINES, LongType),
      column(POCKET_MARGIN, Types.MONEY),
      column(POCKET_MARGIN_PCT, Types.RATIO),
      column(ON_INVOICE_DISCOUNT_PCT, Types.RATIO),
      column(PRICE_REALISATION, Types.RATIO),
      column(AT_RISK_SHARE, Types.RATIO),
      column(SATISFACTION, Types.SCORE_0_100),
      column(RESPONSES, LongType),
      column(CSAT_RESPONSES, LongType),
      column(NPS_RESPONSES, LongType),
      column(SATISFIED_SHARE, Types.RATIO),
      column(CONCESSION_ASYMMETRY, Types.RATIO),
      column(PROVIDER_MOVES_AFTER_COMMIT, LongType),
      column(VALUE_GIVEN_AFTER_COMMIT, Types.MONEY),
      column(MARGIN_TARGET, Types.RATIO),
      column(MARGIN_GAP, Types.RATIO),
      column(PROVIDER_RESULT, StringType),
      column(CLIENT_RESULT, StringType),
      column(OUTCOME, StringType),
      column(WINNING_PARTY, StringType),
      column(BORDERLINE, BooleanType),
      column(UNCLASSIFIED_REASON, StringType),
      column(REJECTED_INPUT_ROWS, LongType),
      column(RUN_ID, StringType)));

  private DealOutcomesSchema() {}
}
