package dev.winwin.schema;

import static dev.winwin.schema.Columns.ACCOUNT_ID;
import static dev.winwin.schema.Columns.ACCOUNT_NAME;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/** {@code account_relationships}: one row per account with won deals in the trailing 12 months, partitioned by {@code as_of_month}. */
public final class AccountRelationshipsSchema {
  public static final String NAME = "account_relationships";
  public static final String AS_OF_MONTH = "as_of_month";
  public static final String WINDOW_START = "window_start";
  public static final String FIRST_CLOSE_MONTH = "first_close_month";
  public static final String LAST_CLOSE_MONTH = "last_close_month";
  public static final String MARGIN_PCT_SLOPE = "margin_pct_slope";
  public static final String SATISFACTION_SLOPE = "satisfaction_slope";
  public static final String TRAJECTORY = "trajectory";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, AS_OF_MONTH,
      List.of(
          column(ACCOUNT_ID, StringType),
          column(ACCOUNT_NAME, StringType),
          column(FIRST_CLOSE_MONTH, StringType),
          column(LAST_CLOSE_MONTH, StringType),
          column(DEALS, LongType),
          column(INVOICE_REVENUE, Types.MONEY),
          column(POCKET_MARGIN_PCT, Types.RATIO),
          column(MEAN_SATISFACTION, Types.SCORE_0_100),
          column(CLASSIFIED_DEALS, LongType),
          column(WIN_WIN_SHARE_OF_CLASSIFIED, Types.RATIO)),
      ReportSchema.outcomeMix(false),
      List.of(
          column(MARGIN_PCT_SLOPE, Types.RATIO),
          column(SATISFACTION_SLOPE, Types.SCORE_SLOPE),
          column(TRAJECTORY, StringType),
          column(WINDOW_START, StringType),
          column(AS_OF_MONTH, StringType),
          column(RUN_ID, StringType)));

  private AccountRelationshipsSchema() {}
}
