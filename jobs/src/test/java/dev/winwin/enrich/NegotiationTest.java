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
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;

/**
 * Concession asymmetry, the provider's share of all value given away in a deal's negotiation; and
 * the provider's selling moves after the buyer's commitment, with the value they gave away.
 */
class NegotiationTest {
  private static final String EVENTS = DEAL_ID + " STRING, " + PARTY + " STRING, " + KIND + " STRING, " + AT + " TIMESTAMP, "
      + VALUE_DELTA + " DECIMAL(38,18)";
  private static final String DEALS = DEAL_ID + " STRING, " + COMMIT_DATE + " DATE, " + FX_RATE + " DECIMAL(38,18)";

  @Test
  void sharesValueGivenByProviderOverAllValueGiven() {
    Map<String, Row> perDeal = RowAssert.byKey(Negotiation.perDeal(table(EVENTS,
        // provider 300, client 100
        row("D1", "provider", "offer", null, dec("300")),
        row("D1", "client", "counter", null, dec("100")),
        // only the client gave: 0 / 50
        row("D2", "client", "concession", null, dec("50")),
        // two offers of 0: no value changed hands
        row("D3", "provider", "offer", null, dec("0")),
        row("D3", "client", "offer", null, dec("0")),
        // 1 / 3 rounds half up at six places
        row("D4", "provider", "trade", null, dec("1")),
        row("D4", "client", "trade", null, dec("2")))), DEAL_ID);

    assertEquals(List.of("D1", "D2", "D3", "D4"), List.copyOf(perDeal.keySet()));
    assertRow(perDeal, "D1", CONCESSION_ASYMMETRY, dec("0.750000"));
    assertRow(perDeal, "D2", CONCESSION_ASYMMETRY, dec("0.000000"));
    assertRow(perDeal, "D3", CONCESSION_ASYMMETRY, null);
    assertRow(perDeal, "D4", CONCESSION_ASYMMETRY, dec("0.333333"));
  }

  @Test
  void countsTheProvidersSellingMovesOnUtcDaysAfterTheCommitDate() {
    Dataset<Row> events = table(EVENTS,
        // A, committed 10 March, EUR at 1.10:
        row("A", "provider", "offer", at("2026-03-09T12:00:00Z"), dec("100")),           // before
        row("A", "provider", "concession", at("2026-03-10T23:30:00-02:00"), dec("50.05")), // 01:30Z on the 11th: after
        row("A", "provider", "counter", at("2026-03-11T00:30:00+02:00"), dec("70")),      // 22:30Z on the 10th: not after
        row("A", "provider", "offer", at("2026-03-11T00:00:00Z"), dec("0.000001")),       // the first instant after
        row("A", "provider", "trade", at("2026-03-12T09:00:00Z"), dec("30")),             // a trade is not selling
        row("A", "client", "concession", at("2026-03-12T09:00:00Z"), dec("40")),          // nor is the client's move
        row("A", "provider", "offer", null, dec("5")),                                    // no time: cannot be placed
        // B has no commit date; D's moves all came before its commitment; E's events have no time
        row("B", "provider", "offer", at("2026-03-20T09:00:00Z"), dec("10")),
        row("D", "provider", "concession", at("2026-03-01T09:00:00Z"), dec("10")),
        row("E", "provider", "concession", null, dec("10")));
    Dataset<Row> deals = table(DEALS,
        row("A", Date.valueOf("2026-03-10"), dec("1.10")),
        row("B", null, dec("1")),
        // C has no events at all
        row("C", Date.valueOf("2026-03-10"), dec("1")),
        row("D", Date.valueOf("2026-03-10"), dec("1")),
        row("E", Date.valueOf("2026-03-10"), dec("1")));
    Dataset<Row> perDeal = Negotiation.perDeal(events).withColumnRenamed(DEAL_ID, "__deal");
    Map<String, Row> after = RowAssert.byKey(Negotiation.afterCommit(
        deals.join(perDeal, deals.col(DEAL_ID).equalTo(perDeal.col("__deal")), "left").drop("__deal")), DEAL_ID);

    // A: the concession (50.05 × 1.10 = 55.055) and the offer at midnight (0.000001 × 1.10 = 0.0000011 → 0.000001)
    assertRow(after, "A", PROVIDER_MOVES_AFTER_COMMIT, 2L, VALUE_GIVEN_AFTER_COMMIT, dec("55.055001"));
    assertRow(after, "B", PROVIDER_MOVES_AFTER_COMMIT, null, VALUE_GIVEN_AFTER_COMMIT, null);
    assertRow(after, "C", PROVIDER_MOVES_AFTER_COMMIT, null, VALUE_GIVEN_AFTER_COMMIT, null);
    assertRow(after, "D", PROVIDER_MOVES_AFTER_COMMIT, 0L, VALUE_GIVEN_AFTER_COMMIT, dec("0.000000"));
    assertRow(after, "E", PROVIDER_MOVES_AFTER_COMMIT, null, VALUE_GIVEN_AFTER_COMMIT, null);
    assertEquals(List.of(DEAL_ID, COMMIT_DATE, FX_RATE, CONCESSION_ASYMMETRY, PROVIDER_MOVES_AFTER_COMMIT, VALUE_GIVEN_AFTER_COMMIT),
        List.of(after.get("A").schema().fieldNames()), "the helper columns are dropped");
  }

  private static Timestamp at(String isoWithOffset) {
    return Timestamp.from(OffsetDateTime.parse(isoWithOffset).toInstant());
  }
}
