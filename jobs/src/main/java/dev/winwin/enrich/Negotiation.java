package dev.winwin.enrich;

import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.PARTY;
import static dev.winwin.schema.Columns.VALUE_DELTA;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Types;

/** How one-sided a negotiation was (DOMAIN §4): the provider's share of all value given away. */
public final class Negotiation {
  private Negotiation() {}

  /**
   * Grain in: one accepted negotiation event. Grain out: one row per deal with events:
   * {@code deal_id, concession_asymmetry} = provider value given / (provider + client value given),
   * null when no value changed hands.
   */
  public static Dataset<Row> perDeal(Dataset<Row> events) {
    Column total = sum(col(VALUE_DELTA));
    Column byProvider = sum(when(col(PARTY).equalTo("provider"), col(VALUE_DELTA)).otherwise(lit(BigDecimal.ZERO)));
    return events.groupBy(col(DEAL_ID))
        .agg(when(total.gt(0), byProvider.divide(total)).cast(Types.RATIO).as(CONCESSION_ASYMMETRY));
  }
}
