package dev.winwin.schema;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.REP_ID;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/** {@code rep_scorecard}: one row per close month × rep with won or lost deals, partitioned by {@code close_month}. */
public final class RepScorecardSchema {
  public static final String NAME = "rep_scorecard";
  public static final String MEAN_ON_INVOICE_DISCOUNT_PCT = "mean_on_invoice_discount_pct";
  public static final String WIN_WIN_RANK = "win_win_rank";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, CLOSE_MONTH,
      List.of(
          column(CLOSE_MONTH, StringType),
          column(REP_ID, StringType),
          column(DEALS_WON, LongType),
          column(DEALS_LOST, LongType),
          column(WIN_RATE, Types.RATIO),
          column(OutcomeColumns.WIN_WIN.deals(), LongType)),
      ReportSchema.winWinShareWithInterval(),
      List.of(
          column(INVOICE_REVENUE, Types.MONEY),
          column(MEAN_ON_INVOICE_DISCOUNT_PCT, Types.RATIO),
          column(POCKET_MARGIN_PCT, Types.RATIO),
          column(MEAN_SATISFACTION, Types.SCORE_0_100),
          column(WIN_WIN_RANK, IntegerType),
          column(PROVISIONAL, BooleanType),
          column(RUN_ID, StringType)));

  private RepScorecardSchema() {}
}
