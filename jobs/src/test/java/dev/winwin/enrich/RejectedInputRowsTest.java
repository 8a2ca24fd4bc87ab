package dev.winwin.enrich;

import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.REJECTED_INPUT_ROWS;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.strings;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;

/** Rejected child rows per deal, over the four deal-child sources as validation leaves them. */
class RejectedInputRowsTest {
  private static Map<String, Row> perDeal;

  @BeforeAll
  static void count() {
    var children = strings(DEAL_ID, STATUS);
    perDeal = RowAssert.byKey(RejectedInputRows.perDeal(List.of(
        // price adjustments: one rejected row of D1; a rejected row whose deal_id is missing names no deal
        table(children, row("D1", "rejected"), row("D1", "accepted"), row(null, "rejected")),
        // cost lines: a bad amount and a duplicate id of D1 count twice; D2's accepted line not at all
        table(children, row("D1", "rejected"), row("D1", "rejected"), row("D2", "accepted")),
        // surveys: D2's bad score; D9's orphan counts for D9, which is no won deal and joins nothing
        table(children, row("D2", "rejected"), row("D9", "rejected")),
        // negotiation events
        table(children, row("D3", "rejected"), row("D3", "accepted")))), DEAL_ID);
  }

  @Test
  void countsTheRejectedRowsOfEverySourceThatNameTheDeal() {
    assertEquals(List.of("D1", "D2", "D3", "D9"), List.copyOf(perDeal.keySet()));
    assertRow(perDeal, "D1", REJECTED_INPUT_ROWS, 3L);
    assertRow(perDeal, "D2", REJECTED_INPUT_ROWS, 1L);
    assertRow(perDeal, "D3", REJECTED_INPUT_ROWS, 1L);
    assertRow(perDeal, "D9", REJECTED_INPUT_ROWS, 1L);
  }
}
