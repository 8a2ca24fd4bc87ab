package dev.winwin.schema;

import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.AT_RISK_SHARE;
import static dev.winwin.schema.Columns.BUYER_ROLE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.PRICING_MODEL;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.SOURCING;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/**
 * {@code negotiation_patterns}: one row per close month × segment × buyer role × sourcing × pricing
 * model × kept selling after commitment with won deals, partitioned by {@code close_month}.
 */
public final class NegotiationPatternsSchema {
  public static final String NAME = "negotiation_patterns";
  public static final String MEAN_POCKET_MARGIN_PCT = "mean_pocket_margin_pct";
  public static final String MEAN_CONCESSION_ASYMMETRY = "mean_concession_asymmetry";
  /** Key: whether the provider made selling moves after the buyer's commitment; null when unknown. */
  public static final String KEPT_SELLING_AFTER_COMMIT = "kept_selling_after_commit";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, CLOSE_MONTH,
      List.of(
          column(CLOSE_MONTH, StringType),
          column(SEGMENT, StringType),
          column(BUYER_ROLE, StringType),
          column(SOURCING, StringType),
          column(PRICING_MODEL, StringType),
          column(KEPT_SELLING_AFTER_COMMIT, BooleanType),
          column(DEALS, LongType),
          column(INVOICE_REVENUE, Types.MONEY),
          column(AT_RISK_AMOUNT, Types.MONEY),
          column(AT_RISK_SHARE, Types.RATIO)),
      ReportSchema.winWinShareWithInterval(),
      ReportSchema.outcomeMix(false),
      List.of(
          column(MEAN_POCKET_MARGIN_PCT, Types.RATIO),
          column(MEAN_SATISFACTION, Types.SCORE_0_100),
          column(MEAN_CONCESSION_ASYMMETRY, Types.RATIO),
          column(PROVISIONAL, BooleanType),
          column(RUN_ID, StringType)));

  private NegotiationPatternsSchema() {}
}
