package dev.winwin.pipeline;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.DELIVERY_COST;
import static dev.winwin.schema.Columns.PRICE_ADJUSTMENTS;
import static dev.winwin.schema.Columns.STAGE;
import static org.apache.spark.sql.functions.col;

import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.classify.Classification;
import dev.winwin.config.Settings;
import dev.winwin.enrich.BaseCurrency;
import dev.winwin.enrich.DealMetrics;
import dev.winwin.enrich.DealTotals;
import dev.winwin.enrich.Negotiation;
import dev.winwin.enrich.Satisfaction;
import dev.winwin.quality.Validation;
import dev.winwin.report.DealOutcomesReport;
import dev.winwin.report.MonthlySummaryReport;
import dev.winwin.report.RejectsReport;
import dev.winwin.schema.Source;

/**
 * The composition of the steps from validated sources to reports; no I/O, no actions. The runner
 * reads the sources, runs this and writes what it returns.
 */
public final class Pipeline {
  private static final String ADJUSTMENT_LINES = "price_adjustment_lines";

  private Pipeline() {}

  /** The reports of one run. */
  public record Reports(Dataset<Row> dealOutcomes, Dataset<Row> monthlySummary, Dataset<Row> rejects) {}

  /**
   * @param judged every source as {@link Validation#validate} returns it
   * @param window the close months to report
   */
  public static Reports reports(Map<Source, Dataset<Row>> judged, Settings settings, RunWindow window, String runId) {
    String base = settings.baseCurrency();
    Dataset<Row> fx = Validation.accepted(judged.get(Source.FX_RATES));
    Dataset<Row> closed = BaseCurrency.withCloseMonth(Validation.accepted(judged.get(Source.DEALS)))
        .filter(col(STAGE).isin("won", "lost").and(col(CLOSE_MONTH).isin(window.months().toArray())));
    Dataset<Row> won = BaseCurrency.withRate(closed.filter(col(STAGE).equalTo("won")), CLOSE_MONTH, fx, base);
    Dataset<Row> wonIds = won.select(col(DEAL_ID));

    Dataset<Row> metrics = DealMetrics.build(
        won,
        DealTotals.perDeal(Validation.accepted(judged.get(Source.PRICE_ADJUSTMENTS)), won, fx, base, PRICE_ADJUSTMENTS, ADJUSTMENT_LINES),
        DealTotals.perDeal(Validation.accepted(judged.get(Source.COST_LINES)), won, fx, base, DELIVERY_COST, COST_LINES),
        Satisfaction.perDeal(ofDeals(judged.get(Source.SURVEYS), wonIds), settings.classification()),
        Negotiation.perDeal(ofDeals(judged.get(Source.NEGOTIATION_EVENTS), wonIds)));
    Dataset<Row> dealOutcomes = DealOutcomesReport.build(Classification.classify(metrics, settings.classification()), runId);
    return new Reports(
        dealOutcomes,
        MonthlySummaryReport.build(dealOutcomes, closed.filter(col(STAGE).equalTo("lost")), runId),
        RejectsReport.build(judged.values(), runId));
  }

  /** The accepted child rows of the given deals. */
  private static Dataset<Row> ofDeals(Dataset<Row> judgedChildren, Dataset<Row> dealIds) {
    return Validation.accepted(judgedChildren).join(dealIds, judgedChildren.col(DEAL_ID).equalTo(dealIds.col(DEAL_ID)), "left_semi");
  }
}
