package dev.winwin.schema;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/**
 * {@code margin_satisfaction_matrix}: one row per close month × pocket-margin band × satisfaction
 * band with deals, partitioned by {@code close_month}.
 */
public final class MarginSatisfactionMatrixSchema {
  public static final String NAME = "margin_satisfaction_matrix";
  public static final String MARGIN_BAND = "margin_band";
  public static final String MARGIN_BAND_INDEX = "margin_band_index";
  public static final String MARGIN_BAND_LOWER = "margin_band_lower";
  public static final String MARGIN_BAND_UPPER = "margin_band_upper";
  public static final String SATISFACTION_BAND = "satisfaction_band";
  public static final String SATISFACTION_BAND_INDEX = "satisfaction_band_index";
  public static final String SATISFACTION_BAND_LOWER = "satisfaction_band_lower";
  public static final String SATISFACTION_BAND_UPPER = "satisfaction_band_upper";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, CLOSE_MONTH, List.of(
      column(CLOSE_MONTH, StringType),
      column(MARGIN_BAND, StringType),
      column(MARGIN_BAND_INDEX, IntegerType),
      column(MARGIN_BAND_LOWER, Types.RATIO),
      column(MARGIN_BAND_UPPER, Types.RATIO),
      column(SATISFACTION_BAND, StringType),
      column(SATISFACTION_BAND_INDEX, IntegerType),
      column(SATISFACTION_BAND_LOWER, Types.SCORE_0_100),
      column(SATISFACTION_BAND_UPPER, Types.SCORE_0_100),
      column(DEALS, LongType),
      column(INVOICE_REVENUE, Types.MONEY),
      column(POCKET_REVENUE, Types.MONEY),
      column(POCKET_MARGIN, Types.MONEY),
      column(PROVISIONAL, BooleanType),
      column(RUN_ID, StringType)));

  private MarginSatisfactionMatrixSchema() {}
}
