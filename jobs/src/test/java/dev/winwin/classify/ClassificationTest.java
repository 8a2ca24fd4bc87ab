package dev.winwin.classify;

import static dev.winwin.schema.Columns.BORDERLINE;
import static dev.winwin.schema.Columns.CLIENT_RESULT;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.MARGIN_GAP;
import static dev.winwin.schema.Columns.MARGIN_TARGET;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.PROVIDER_RESULT;
import static dev.winwin.schema.Columns.UNCLASSIFIED_REASON;
import static dev.winwin.schema.Columns.WINNING_PARTY;
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
 * The judgement of DOMAIN §5 with the default settings: margin targets 0.30 (differentiated) and
 * 0.15 (commodity), client wins at a satisfied share of one half, borderline within 0.02 of the
 * target or 0.1 of one half. Each deal's margin % and satisfied share are in its comment.
 */
class ClassificationTest {
  private static Map<String, Row> classified;

  @BeforeAll
  static void classify() {
    String ddl = "deal_id STRING, offering_type STRING, cost_lines BIGINT, responses BIGINT, "
        + "pocket_revenue DECIMAL(24,6), pocket_margin DECIMAL(24,6), satisfied_weight DECIMAL(20,2), response_weight DECIMAL(20,2)";
    classified = RowAssert.byKey(Classification.classify(table(ddl,
        // margin 0.30 exactly, share 0.5 exactly
        row("EXACT", "differentiated", 1L, 2L, dec("1000"), dec("300"), dec("3"), dec("6")),
        // margin 0.2999, share 1
        row("JUST_UNDER", "differentiated", 1L, 1L, dec("10000"), dec("2999"), dec("3"), dec("3")),
        // commodity margin 0.15 exactly, share 1
        row("COMMODITY_EXACT", "commodity", 1L, 1L, dec("1000"), dec("150"), dec("2"), dec("2")),
        // commodity margin 0.14999, share 0
        row("COMMODITY_UNDER", "commodity", 1L, 1L, dec("100000"), dec("14999"), dec("0"), dec("2")),
        // margin 0.40 on a 0.15 target, share 0.25
        row("WIN_LOSE_PROVIDER", "commodity", 1L, 2L, dec("1000"), dec("400"), dec("1"), dec("4")),
        // margin 0.10, share 0
        row("LOSE_LOSE", "differentiated", 2L, 1L, dec("1000"), dec("100"), dec("0"), dec("3")),
        // margin 0.32: gap 0.02, inside the band; share 1
        row("MARGIN_BAND_EDGE", "differentiated", 1L, 1L, dec("1000"), dec("320"), dec("1"), dec("1")),
        // margin 0.321: gap 0.021, outside the band; share 1
        row("MARGIN_BAND_OUT", "differentiated", 1L, 1L, dec("1000"), dec("321"), dec("1"), dec("1")),
        // margin 0.50; share 0.6 and 0.4: inside the share band, 0.61 outside
        row("SHARE_BAND_HIGH", "differentiated", 1L, 5L, dec("1000"), dec("500"), dec("3"), dec("5")),
        row("SHARE_BAND_LOW", "differentiated", 1L, 10L, dec("1000"), dec("500"), dec("4"), dec("10")),
        row("SHARE_BAND_OUT", "differentiated", 1L, 100L, dec("1000"), dec("500"), dec("61"), dec("100")),
        // 326.355171 / 1087.850571 = 0.29999999972: 0.30 × 1087.850571 = 326.3551713, which rounded to six
        // decimals would be 326.355171 and let this margin win (issue 11, case 6); compared exactly it loses.
        row("UNDER_BY_A_FRACTION", "differentiated", 1L, 1L, dec("1087.850571"), dec("326.355171"), dec("1"), dec("1")),
        // margin − target × revenue = 304.598168 − 326.3551803 = −21.7570123, just beyond the band 0.02 × 1087.850601
        // = 21.75701202; with the product rounded (326.355180) it would be −21.757012, inside the band.
        row("BEYOND_BAND_BY_A_FRACTION", "differentiated", 1L, 1L, dec("1087.850601"), dec("304.598168"), dec("1"), dec("1")),
        // pocket revenue −50 and 0: the provider loses whatever the margin says
        row("NEGATIVE_REVENUE", "commodity", 1L, 1L, dec("-50"), dec("-70"), dec("1"), dec("1")),
        row("ZERO_REVENUE", "commodity", 1L, 1L, dec("0"), dec("0"), dec("1"), dec("1")),
        row("NO_SURVEY", "differentiated", 1L, 0L, dec("1000"), dec("400"), null, null),
        row("NO_COST", "differentiated", 0L, 1L, dec("1000"), null, dec("1"), dec("1")),
        row("NO_EVIDENCE", "differentiated", 0L, 0L, dec("1000"), null, null, null)),
        TestSettings.classification()), DEAL_ID);
  }

  @Test
  void bothSidesWinAtExactlyTheirThresholds() {
    assertRow(classified, "EXACT", MARGIN_TARGET, dec("0.300000"), MARGIN_GAP, dec("0.000000"),
        PROVIDER_RESULT, "wins", CLIENT_RESULT, "wins", OUTCOME, "win-win", WINNING_PARTY, "both",
        BORDERLINE, true, UNCLASSIFIED_REASON, null);
  }

  @Test
  void providerLosesJustUnderTheDifferentiatedTarget() {
    assertRow(classified, "JUST_UNDER", MARGIN_GAP, dec("-0.000100"), PROVIDER_RESULT, "loses", CLIENT_RESULT, "wins",
        OUTCOME, "win-lose", WINNING_PARTY, "client");
  }

  @Test
  void providerLosesAMarginAFractionOfACentUnderTheTargetWithoutRoundingTheProduct() {
    // The gap, −0.0000003 / 1087.850571 = −0.00000000028, is published rounded to 0; the judgement is not.
    assertRow(classified, "UNDER_BY_A_FRACTION", MARGIN_GAP, dec("0.000000"), PROVIDER_RESULT, "loses", CLIENT_RESULT, "wins",
        OUTCOME, "win-lose", WINNING_PARTY, "client", BORDERLINE, true);
  }

  @Test
  void judgesTheBorderlineBandOnTheExactGap() {
    // −21.7570123 / 1087.850601 = −0.0200000003
    assertRow(classified, "BEYOND_BAND_BY_A_FRACTION", MARGIN_GAP, dec("-0.020000"), PROVIDER_RESULT, "loses", BORDERLINE, false);
  }

  @Test
  void judgesCommodityAgainstItsOwnTarget() {
    assertRow(classified, "COMMODITY_EXACT", MARGIN_TARGET, dec("0.150000"), PROVIDER_RESULT, "wins");
    assertRow(classified, "COMMODITY_UNDER", MARGIN_GAP, dec("-0.000010"), PROVIDER_RESULT, "loses",
        CLIENT_RESULT, "loses", OUTCOME, "lose-lose", WINNING_PARTY, "none");
  }

  @Test
  void namesEachOutcomeAndItsWinningParty() {
    assertRow(classified, "WIN_LOSE_PROVIDER", MARGIN_GAP, dec("0.250000"), PROVIDER_RESULT, "wins", CLIENT_RESULT, "loses",
        OUTCOME, "win-lose", WINNING_PARTY, "provider", BORDERLINE, false);
    assertRow(classified, "LOSE_LOSE", MARGIN_GAP, dec("-0.200000"), PROVIDER_RESULT, "loses", CLIENT_RESULT, "loses",
        OUTCOME, "lose-lose", WINNING_PARTY, "none", BORDERLINE, false);
  }

  @Test
  void flagsBorderlineMarginWithinTheBandInclusive() {
    assertRow(classified, "MARGIN_BAND_EDGE", MARGIN_GAP, dec("0.020000"), OUTCOME, "win-win", BORDERLINE, true);
    assertRow(classified, "MARGIN_BAND_OUT", MARGIN_GAP, dec("0.021000"), OUTCOME, "win-win", BORDERLINE, false);
  }

  @Test
  void flagsBorderlineSatisfiedShareWithinTheBandOfOneHalf() {
    assertRow(classified, "SHARE_BAND_HIGH", CLIENT_RESULT, "wins", BORDERLINE, true);
    assertRow(classified, "SHARE_BAND_LOW", CLIENT_RESULT, "loses", BORDERLINE, true);
    assertRow(classified, "SHARE_BAND_OUT", CLIENT_RESULT, "wins", BORDERLINE, false);
  }

  @Test
  void providerLosesWhenPocketRevenueIsNotPositive() {
    assertRow(classified, "NEGATIVE_REVENUE", MARGIN_GAP, null, PROVIDER_RESULT, "loses", CLIENT_RESULT, "wins",
        OUTCOME, "win-lose", WINNING_PARTY, "client", BORDERLINE, false);
    assertRow(classified, "ZERO_REVENUE", MARGIN_GAP, null, PROVIDER_RESULT, "loses", OUTCOME, "win-lose");
  }

  @Test
  void leavesDealWithoutSurveyOrCostUnclassified() {
    assertRow(classified, "NO_SURVEY", OUTCOME, "unclassified", UNCLASSIFIED_REASON, "no_survey",
        PROVIDER_RESULT, "wins", CLIENT_RESULT, null, WINNING_PARTY, null, BORDERLINE, null);
    assertRow(classified, "NO_COST", OUTCOME, "unclassified", UNCLASSIFIED_REASON, "no_cost",
        PROVIDER_RESULT, null, CLIENT_RESULT, "wins", WINNING_PARTY, null, BORDERLINE, null);
    assertRow(classified, "NO_EVIDENCE", OUTCOME, "unclassified", UNCLASSIFIED_REASON, "no_survey_no_cost",
        PROVIDER_RESULT, null, CLIENT_RESULT, null);
  }
}
