package dev.winwin.enrich;

import static dev.winwin.schema.Columns.AT;
import static dev.winwin.schema.Columns.COMMIT_DATE;
import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.FX_RATE;
import static dev.winwin.schema.Columns.KIND;
import static dev.winwin.schema.Columns.PARTY;
import static dev.winwin.schema.Columns.PROVIDER_MOVES_AFTER_COMMIT;
import static dev.winwin.schema.Columns.VALUE_DELTA;
import static dev.winwin.schema.Columns.VALUE_GIVEN_AFTER_COMMIT;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import dev.winwin.schema.Types;

/**
 * What the negotiation's moves say (DOMAIN §1, §4): how one-sided the concessions were, and whether
 * the provider went on selling after the buyer had committed (the essay's "unselling").
 *
 * <p>"After the commit date" is decided in UTC: an event counts when its {@code at}, an instant,
 * falls on a UTC calendar day later than {@code commit_date}, i.e. at or after 00:00Z of the day
 * after. An event at {@code 2026-03-10T23:30-02:00} (01:30Z on the 11th) is after a commitment of
 * 10 March; one at {@code 2026-03-11T00:30+02:00} (22:30Z on the 10th) is not.
 */
public final class Negotiation {
  /** The provider's moves that sell: an offer, a counter-offer or a concession, not a trade. */
  static final List<String> SELLING_MOVES = List.of("offer", "counter", "concession");
  private static final String PROVIDER = "provider";
  private static final String MOVES = "__provider_moves";
  private static final String TIMED_EVENTS = "__timed_events";
  private static final String MICROS = "micros";
  private static final String VALUE = "value";
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Negotiation() {}

  /**
   * Grain in: one accepted negotiation event. Grain out: one row per deal with events:
   * {@code deal_id, concession_asymmetry} = provider value given / (provider + client value given),
   * null when no value changed hands; and, for {@link #afterCommit}, the deal's events with a time
   * and its provider selling moves with their time and value.
   */
  public static Dataset<Row> perDeal(Dataset<Row> events) {
    Column total = sum(col(VALUE_DELTA));
    Column byProvider = sum(when(col(PARTY).equalTo(PROVIDER), col(VALUE_DELTA)).otherwise(lit(BigDecimal.ZERO)));
    Column sellingMove = col(PARTY).equalTo(PROVIDER).and(col(KIND).isin(SELLING_MOVES.toArray())).and(col(AT).isNotNull());
    return events.groupBy(col(DEAL_ID))
        .agg(when(total.gt(0), byProvider.divide(total)).cast(Types.RATIO).as(CONCESSION_ASYMMETRY),
            count(col(AT)).as(TIMED_EVENTS),
            // collect_list skips the nulls of the other events
            collect_list(when(sellingMove, struct(unix_micros(col(AT)).as(MICROS), col(VALUE_DELTA).as(VALUE)))).as(MOVES));
  }

  /**
   * Grain in and out: one won deal with {@code commit_date}, {@code fx_rate} and the columns of
   * {@link #perDeal} (null for a deal without events). Adds {@code provider_moves_after_commit}, the
   * provider's offers, counters and concessions after the commit date, and
   * {@code value_given_after_commit}, their Σ {@code value_delta} in the base currency (each move
   * converted at the deal's rate and rounded like other child money, then summed). Both are null when
   * the deal has no commit date or no event with a time; 0 when none of its moves came after.
   * Drops the helper columns of {@link #perDeal}.
   */
  public static Dataset<Row> afterCommit(Dataset<Row> deals) {
    Column known = col(COMMIT_DATE).isNotNull().and(col(TIMED_EVENTS).gt(0));
    Column dayAfterCommit = unix_date(col(COMMIT_DATE)).cast(DataTypes.LongType).plus(1).multiply(MICROS_PER_DAY);
    Column after = filter(col(MOVES), move -> move.getField(MICROS).geq(dayAfterCommit));
    Column valueGiven = aggregate(after, lit(BigDecimal.ZERO).cast(Types.MONEY),
        (given, move) -> given.plus(move.getField(VALUE).multiply(col(FX_RATE)).cast(Types.MONEY)).cast(Types.MONEY));
    return deals
        .withColumn(PROVIDER_MOVES_AFTER_COMMIT, when(known, size(after).cast(DataTypes.LongType)))
        .withColumn(VALUE_GIVEN_AFTER_COMMIT, when(known, valueGiven))
        .drop(MOVES, TIMED_EVENTS);
  }
}
