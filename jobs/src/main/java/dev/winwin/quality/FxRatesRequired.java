package dev.winwin.quality;

import static dev.winwin.schema.Columns.CURRENCY;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Source;

/** DOMAIN §2: fx_rates is required as soon as a deal uses a currency besides the base currency. */
final class FxRatesRequired implements RunRule {
  /** How many of the foreign currencies the message names. */
  private static final int NAMED = 3;
  private static final RuleCatalogue.Rule RULE = new RuleCatalogue.Rule(RuleCatalogue.FX_RATES_REQUIRED, Source.FX_RATES,
      Optional.empty(), RuleCatalogue.Stage.RUN,
      "fx_rates/ holds no rows although a deal uses a currency other than the base currency: the run stops");

  @Override
  public RuleCatalogue.Rule rule() {
    return RULE;
  }

  /** A few of the currencies besides the base currency in the judged deals, when fx_rates/ held no rows: column {@code currency}. */
  @Override
  public Dataset<Row> breaking(Input input) {
    Dataset<Row> currencies = input.judged().get(Source.DEALS).select(col(CURRENCY));
    if (input.rowsRead(Source.FX_RATES) > 0) {
      return currencies.limit(0);
    }
    return currencies.distinct().filter(col(CURRENCY).notEqual(input.baseCurrency())).limit(NAMED);
  }

  @Override
  public String stopsWith(List<Row> breaking, Input input) {
    List<String> foreign = breaking.stream().map(row -> row.getString(0)).sorted().toList();
    return "The input folder " + input.inputRoot().replaceAll("/+$", "") + "/" + Source.FX_RATES.folder()
        + " is required: deals use " + String.join(", ", foreign) + " besides " + input.baseCurrency() + ".";
  }
}
