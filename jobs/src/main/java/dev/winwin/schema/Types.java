package dev.winwin.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** The decimal types of money and ratios: exact, so that 0.30 compared with 0.30 is equal. */
public final class Types {
  private Types() {}

  /**
   * Input money in its own currency (DOMAIN §2: at most 6 decimals, below 10^12): precision 18, so
   * that Spark and Parquet hold it as a long, and sums of such values stay longs while they fit.
   */
  public static final DecimalType STAGED_MONEY = DataTypes.createDecimalType(18, 6);
  /** An FX rate (DOMAIN §2: at most 10 decimals; winwin bounds it below 10^8): a long as well. */
  public static final DecimalType STAGED_RATE = DataTypes.createDecimalType(18, 10);
  /** The rate {@code deal_outcomes} shows; wider than {@link #STAGED_RATE}, as the report has always had it. */
  public static final DecimalType PUBLISHED_FX_RATE = DataTypes.createDecimalType(38, 18);
  /**
   * Money in the base currency. Wide, so that no accepted input overflows it: an amount just below
   * 10^12 at a rate just below 10^8 is 10^20, and a deal's or a report's sums of such amounts stay
   * far below 10^32; Spark's ANSI mode would fail the run on an overflow.
   */
  public static final DecimalType MONEY = DataTypes.createDecimalType(38, 6);
  /**
   * Shares and percentages as fractions (0.30 = 30%), rounded half up for the reports. Wide, because
   * a valid deal can have an extreme ratio (a margin of −4,999,999 on a tiny pocket revenue) and
   * Spark's ANSI mode fails a run on overflow.
   */
  public static final DecimalType RATIO = DataTypes.createDecimalType(38, 6);
  /** Satisfaction on 0..100. */
  public static final DecimalType SCORE_0_100 = DataTypes.createDecimalType(7, 3);
  /** A trend of satisfaction: points of 0..100 per month. */
  public static final DecimalType SCORE_SLOPE = DataTypes.createDecimalType(9, 3);
}
