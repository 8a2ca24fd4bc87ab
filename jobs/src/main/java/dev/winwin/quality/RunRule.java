package dev.winwin.quality;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.schema.Source;

/**
 * A rule of {@link RuleCatalogue.Stage#RUN} with its check: it looks at the whole judged input, and
 * a run that breaks it stops instead of rejecting rows. The check is a dataset, so the caller decides
 * when it runs.
 */
public interface RunRule {
  /** What a run rule is checked on. */
  record Input(Map<Source, Dataset<Row>> judged, Map<Source, Long> rowsRead, String baseCurrency, String inputRoot) {
    public Input {
      judged = Map.copyOf(judged);
      rowsRead = Map.copyOf(rowsRead);
    }

    long rowsRead(Source source) {
      return rowsRead.getOrDefault(source, 0L);
    }
  }

  /** The rule as the catalogue lists it. */
  RuleCatalogue.Rule rule();

  /** The rows that break the rule, at most a few to name; empty when the input passes. No action. */
  Dataset<Row> breaking(Input input);

  /** The sentence the run stops with, naming {@code breaking}: rows of {@link #breaking}, never empty. */
  String stopsWith(List<Row> breaking, Input input);
}
