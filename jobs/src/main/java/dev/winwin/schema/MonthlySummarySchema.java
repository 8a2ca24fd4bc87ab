package dev.winwin.schema;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.REGION;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/** {@code monthly_summary}: one row per close month × segment × region × offering type, partitioned by {@code close_month}. */
public final class MonthlySummarySchema {
  public static final String NAME = "monthly_summary";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, CLOSE_MONTH,
      List.of(
          column(CLOSE_MONTH, StringType),
          column(SEGMENT, StringType),
          column(REGION, StringType),
          column(OFFERING_TYPE, StringType),
          column(DEALS_WON, LongType),
          column(DEALS_LOST, LongType),
          column(WIN_RATE, Types.RATIO),
          column(INVOICE_REVENUE, Types.MONEY),
          column(POCKET_REVENUE, Types.MONEY),
          column(POCKET_MARGIN, Types.MONEY),
          column(POCKET_MARGIN_PCT, Types.RATIO),
          column(MEAN_SATISFACTION, Types.SCORE_0_100)),
      ReportSchema.winWinShareWithInterval(),
      ReportSchema.outcomeMix(true),
      List.of(
          column(PROVISIONAL, BooleanType),
          column(RUN_ID, StringType)));

  private MonthlySummarySchema() {}
}
