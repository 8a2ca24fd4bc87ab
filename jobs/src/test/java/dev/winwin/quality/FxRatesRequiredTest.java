package dev.winwin.quality;

import static dev.winwin.testing.Tables.row;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.schema.Source;

/** The run rule fx_rates_required, as the run finds it in the catalogue, on judged deals written by hand. Base EUR. */
class FxRatesRequiredTest {
  private static final String BASE = "EUR";
  private static final RunRule RULE = RuleCatalogue.runRules().stream()
      .filter(rule -> rule.rule().code().equals(RuleCatalogue.FX_RATES_REQUIRED)).findFirst().orElseThrow();

  private static RunRule.Input input(long fxRowsRead, Object[]... currencies) {
    Dataset<Row> deals = table("deal_id STRING, currency STRING", currencies);
    return new RunRule.Input(Map.of(Source.DEALS, deals), Map.of(Source.DEALS, (long) currencies.length, Source.FX_RATES, fxRowsRead),
        BASE, "s3a://bucket/in/");
  }

  private static List<String> breaking(RunRule.Input input) {
    return RULE.breaking(input).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }

  @Test
  void isARunRuleOfTheCatalogue() {
    assertEquals(RuleCatalogue.Stage.RUN, RULE.rule().stage());
    assertEquals(1, RuleCatalogue.all().stream().filter(rule -> rule.equals(RULE.rule())).count());
  }

  @Test
  void stopsARunWithoutFxRatesWhoseDealsUseAnotherCurrencyNamingThem() {
    RunRule.Input input = input(0, row("D1", "EUR"), row("D2", "USD"), row("D3", "GBP"), row("D4", "USD"), row("D5", null));

    List<Row> breaking = RULE.breaking(input).collectAsList();

    assertEquals(List.of("GBP", "USD"), breaking(input));
    assertEquals("The input folder s3a://bucket/in/fx_rates is required: deals use GBP, USD besides EUR.", RULE.stopsWith(breaking, input));
  }

  @Test
  void namesAtMostThreeOfTheForeignCurrencies() {
    assertEquals(3, breaking(input(0, row("D1", "USD"), row("D2", "GBP"), row("D3", "CHF"), row("D4", "JPY"))).size());
  }

  @Test
  void passesWhenFxRatesHasRows() {
    assertEquals(List.of(), breaking(input(2, row("D1", "USD"), row("D2", "GBP"))));
  }

  @Test
  void passesWhenEveryDealUsesTheBaseCurrency() {
    assertEquals(List.of(), breaking(input(0, row("D1", "EUR"), row("D2", null))));
  }
}
