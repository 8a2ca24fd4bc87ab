package dev.winwin.enrich;

import static dev.winwin.schema.Columns.CSAT_RESPONSES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.NPS_RESPONSES;
import static dev.winwin.schema.Columns.RESPONSES;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.testing.RowAssert.assertNumber;
import static dev.winwin.testing.RowAssert.assertRow;
import static dev.winwin.testing.Tables.dec;
import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;

import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestSettings;

/**
 * Role-weighted satisfaction on 0..100 and satisfied weight, with the default weights
 * (decision maker 3, influencer 2, end user 1) and cut-offs (CSAT 4, NPS 7).
 */
class SatisfactionTest {
  private static Map<String, Row> perDeal;

  @BeforeAll
  static void aggregate() {
    perDeal = RowAssert.byKey(Satisfaction.perDeal(table(
        "deal_id STRING, respondent_role STRING, instrument STRING, score INT",
        row("D1", "decision_maker", "csat", 5),
        row("D1", "end_user", "nps", 6),
        row("D2", "influencer", "csat", 4),
        row("D2", "influencer", "nps", 7),
        row("D2", "end_user", "csat", 1),
        row("D3", "decision_maker", "csat", 3),
        row("D3", "decision_maker", "nps", 0),
        row("D3", "end_user", "nps", 10)), TestSettings.classification()), DEAL_ID);
  }

  @Test
  void mixesCsatAndNpsOnTheirPercentOfMaximum() {
    // CSAT 5 → 100 (×3), NPS 6 → 60 (×1): 360 / 4
    assertRow(perDeal, "D1", SATISFACTION, dec("90.000"), RESPONSES, 2L, CSAT_RESPONSES, 1L, NPS_RESPONSES, 1L);
    // CSAT 4 → 75 (×2), NPS 7 → 70 (×2), CSAT 1 → 0 (×1): 290 / 5
    assertRow(perDeal, "D2", SATISFACTION, dec("58.000"), RESPONSES, 3L, CSAT_RESPONSES, 2L, NPS_RESPONSES, 1L);
    // CSAT 3 → 50 (×3), NPS 0 → 0 (×3), NPS 10 → 100 (×1): 250 / 7 = 35.714…
    assertRow(perDeal, "D3", SATISFACTION, dec("35.714"));
  }

  @Test
  void countsResponsesAtTheCutOffsAsSatisfied() {
    // D1: CSAT 5 satisfied (3), NPS 6 not (1)
    assertNumber(perDeal, "D1", Satisfaction.SATISFIED_WEIGHT, "3");
    assertNumber(perDeal, "D1", Satisfaction.RESPONSE_WEIGHT, "4");
    // D2: CSAT 4 and NPS 7 satisfied (2 + 2), CSAT 1 not (1)
    assertNumber(perDeal, "D2", Satisfaction.SATISFIED_WEIGHT, "4");
    assertNumber(perDeal, "D2", Satisfaction.RESPONSE_WEIGHT, "5");
    // D3: CSAT 3 and NPS 0 not (3 + 3), NPS 10 satisfied (1)
    assertNumber(perDeal, "D3", Satisfaction.SATISFIED_WEIGHT, "1");
    assertNumber(perDeal, "D3", Satisfaction.RESPONSE_WEIGHT, "7");
  }
}
