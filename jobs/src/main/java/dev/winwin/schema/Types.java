package dev.winwin.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** The decimal types of money and ratios: exact, so that 0.30 compared with 0.30 is equal. */
public final class Types {
  private Types() {}

  /** A decimal as read from input (amounts, FX rates): 18 decimals, so no real input is rounded. */
  public static final DecimalType INPUT_DECIMAL = DataTypes.createDecimalType(38, 18);
  /** Money in the base currency. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(24, 6);
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
