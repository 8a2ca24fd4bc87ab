package dev.winwin.enrich;

import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;

/** Concession asymmetry: the provider's share of all value given away in a deal's negotiation. */
class NegotiationTest {

  @Test
  void sharesValueGivenByProviderOverAllValueGiven() {
    Map<String, Row> perDeal = RowAssert.byKey(Negotiation.perDeal(table(
        "deal_id STRING, party STRING, value_delta DECIMAL(24,8)",
        // provider 300, client 100
        row("D1", "provider", dec("300")),
        row("D1", "client", dec("100")),
        // only the client gave: 0 / 50
        row("D2", "client", dec("50")),
        // two offers of 0: no value changed hands
        row("D3", "provider", dec("0")),
        row("D3", "client", dec("0")),
        // 1 / 3 rounds half up at six places
        row("D4", "provider", dec("1")),
        row("D4", "client", dec("2")))), DEAL_ID);

    assertEquals(List.of("D1", "D2", "D3", "D4"), List.copyOf(perDeal.keySet()));
    assertRow(perDeal, "D1", CONCESSION_ASYMMETRY, dec("0.750000"));
    assertRow(perDeal, "D2", CONCESSION_ASYMMETRY, dec("0.000000"));
    assertRow(perDeal, "D3", CONCESSION_ASYMMETRY, null);
    assertRow(perDeal, "D4", CONCESSION_ASYMMETRY, dec("0.333333"));
  }
}
