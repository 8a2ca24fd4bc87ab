package dev.winwin.enrich;

import static dev.winwin.schema.Columns.FX_RATE;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

import dev.winwin.schema.Types;

/**
 * Money in the base currency at the close month's rate (DOMAIN §4). Validation attaches the rate to
 * every row with money ({@code fx_rate}) and rejects every row whose currency or rate is missing,
 * so the rate of an accepted row is never null.
 */
public final class BaseCurrency {
  private BaseCurrency() {}

  /** {@code amount × fx_rate} as base-currency money, rounded half up to the money scale. */
  public static Column inBase(String amountColumn) {
    return col(amountColumn).multiply(col(FX_RATE)).cast(Types.MONEY);
  }
}
