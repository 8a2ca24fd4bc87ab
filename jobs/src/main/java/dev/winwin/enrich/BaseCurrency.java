package dev.winwin.enrich;

import static dev.winwin.schema.Columns.CURRENCY;
import static dev.winwin.schema.Columns.FX_RATE;
import static dev.winwin.schema.Columns.MONTH;
import static dev.winwin.schema.Columns.RATE_TO_BASE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Types;

/**
 * Money in the base currency at the close month's rate (DOMAIN §4). Validation has already
 * rejected every row whose currency or rate is missing, so a rate found here is never null.
 */
public final class BaseCurrency {
  private static final String RATE_MONTH = "__rate_month";
  private static final String RATE_CURRENCY = "__rate_currency";

  private BaseCurrency() {}

  /**
   * Adds {@code fx_rate}: the rate of the row's {@code currency} for the month in column
   * {@code monthColumn}; 1 for the base currency.
   *
   * @param fx accepted FX rows: {@code month}, {@code currency}, {@code rate_to_base}, unique per
   *     month and currency
   */
  public static Dataset<Row> withRate(Dataset<Row> rows, String monthColumn, Dataset<Row> fx, String baseCurrency) {
    Dataset<Row> rates = fx.select(col(MONTH).as(RATE_MONTH), col(CURRENCY).as(RATE_CURRENCY), col(RATE_TO_BASE));
    return rows
        .join(broadcast(rates), col(monthColumn).equalTo(col(RATE_MONTH)).and(col(CURRENCY).equalTo(col(RATE_CURRENCY))), "left")
        .withColumn(FX_RATE, when(col(CURRENCY).equalTo(lit(baseCurrency)), lit(BigDecimal.ONE)).otherwise(col(RATE_TO_BASE)))
        .drop(RATE_MONTH, RATE_CURRENCY, RATE_TO_BASE);
  }

  /** {@code amount × fx_rate} as base-currency money, rounded half up to the money scale. */
  public static Column inBase(String amountColumn) {
    return col(amountColumn).multiply(col(FX_RATE)).cast(Types.MONEY);
  }
}
