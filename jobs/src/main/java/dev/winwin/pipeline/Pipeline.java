package dev.winwin.pipeline;

import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.DEAL_WON_MONTH;
import static dev.winwin.schema.Columns.DELIVERY_COST;
import static dev.winwin.schema.Columns.GROUP_MONTH;
import static dev.winwin.schema.Columns.PRICE_ADJUSTMENTS;
import static dev.winwin.schema.Columns.STAGE;
import static org.apache.spark.sql.functions.col;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.classify.Classification;
import dev.winwin.config.Settings;
import dev.winwin.enrich.DealMetrics;
import dev.winwin.enrich.DealTotals;
import dev.winwin.enrich.Negotiation;
import dev.winwin.enrich.RejectedInputRows;
import dev.winwin.enrich.Satisfaction;
import dev.winwin.quality.Validation;
import dev.winwin.report.AccountRelationshipsReport;
import dev.winwin.report.DealOutcomesReport;
import dev.winwin.report.MarginSatisfactionMatrixReport;
import dev.winwin.report.MonthlySummaryReport;
import dev.winwin.report.NegotiationPatternsReport;
import dev.winwin.report.RejectsReport;
import dev.winwin.report.RepScorecardReport;
import dev.winwin.schema.CloseMonth;
import dev.winwin.schema.Source;

/**
 * The composition of the steps from validated sources to reports; no I/O, no actions. The runner
 * reads the sources, runs this and writes what it returns.
 */
public final class Pipeline {
  private static final String ADJUSTMENT_LINES = "price_adjustment_lines";

  private Pipeline() {}

  /**
   * The reports of one run.
   *
   * @param scopeOutcomes the classified won deals of every month a report of this run reads: the
   *     window and the trailing months of {@code account_relationships}; the runner caches it
   * @param dealOutcomes the classified won deals of the window only
   */
  public record Reports(
      Dataset<Row> scopeOutcomes,
      Dataset<Row> dealOutcomes,
      Dataset<Row> monthlySummary,
      Dataset<Row> marginSatisfactionMatrix,
      Dataset<Row> accountRelationships,
      Dataset<Row> repScorecard,
      Dataset<Row> negotiationPatterns,
      Dataset<Row> rejects) {}

  /**
   * @param judged every source as {@link Validation#validate} returns it
   * @param staged every source's staged rows, where the rejects report finds the raw text
   * @param files every input file of the run: {@code file_id}, {@code source_file}
   * @param window the close months to report; {@code account_relationships} is as of its last month
   */
  public static Reports reports(Map<Source, Dataset<Row>> judged, Map<Source, Dataset<Row>> staged, Dataset<Row> files,
      Settings settings, RunWindow window, String runId) {
    // The trailing months of account_relationships can reach before the window: classify them too,
    // but publish only the window's months in the per-month reports.
    RunWindow scope = new RunWindow(min(window.first(), AccountRelationshipsReport.windowStart(window.last())), window.last());
    Object[] windowMonths = window.months().toArray();
    Object[] scopeMonths = scope.months().toArray();
    Dataset<Row> closed = CloseMonth.withCloseMonth(Validation.accepted(ofMonths(judged.get(Source.DEALS), scopeMonths)))
        .filter(col(STAGE).isin("won", "lost").and(col(CLOSE_MONTH).isin(scopeMonths)));
    // Validation attached each won deal's fx_rate at its close month, and each child row's at its deal's.
    Dataset<Row> won = closed.filter(col(STAGE).equalTo("won"));

    Dataset<Row> metrics = DealMetrics.build(
        won,
        DealTotals.perDeal(ofWonDeals(judged.get(Source.PRICE_ADJUSTMENTS), scopeMonths), PRICE_ADJUSTMENTS, ADJUSTMENT_LINES),
        DealTotals.perDeal(ofWonDeals(judged.get(Source.COST_LINES), scopeMonths), DELIVERY_COST, COST_LINES),
        Satisfaction.perDeal(ofWonDeals(judged.get(Source.SURVEYS), scopeMonths), settings.classification()),
        Negotiation.perDeal(ofWonDeals(judged.get(Source.NEGOTIATION_EVENTS), scopeMonths)),
        RejectedInputRows.perDeal(dealChildren(judged, scopeMonths)));
    Dataset<Row> scopeOutcomes = DealOutcomesReport.build(Classification.classify(metrics, settings.classification()), runId);
    Dataset<Row> dealOutcomes = scopeOutcomes.filter(col(CLOSE_MONTH).isin(windowMonths));
    Dataset<Row> lost = closed.filter(col(STAGE).equalTo("lost").and(col(CLOSE_MONTH).isin(windowMonths)));
    return new Reports(
        scopeOutcomes,
        dealOutcomes,
        MonthlySummaryReport.build(dealOutcomes, lost, settings.reports(), runId),
        MarginSatisfactionMatrixReport.build(dealOutcomes, settings.reports(), runId),
        AccountRelationshipsReport.build(scopeOutcomes, window.last(), settings.reports(), runId),
        RepScorecardReport.build(dealOutcomes, lost, settings.reports(), runId),
        NegotiationPatternsReport.build(dealOutcomes, settings.reports(), runId),
        RejectsReport.build(judged, staged, files, runId));
  }

  /** The judged rows of every source whose rows hang off a deal, of the deals whose latest version closed in {@code closeMonths}. */
  private static List<Dataset<Row>> dealChildren(Map<Source, Dataset<Row>> judged, Object[] closeMonths) {
    return Arrays.stream(Source.values()).filter(Source::isDealChild).map(source -> ofMonths(judged.get(source), closeMonths)).toList();
  }

  private static YearMonth min(YearMonth a, YearMonth b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * The accepted child rows of the deals won in {@code closeMonths}: their deal's close month came
   * with them from validation, so no join with the deals (and no shuffle of the child rows) is needed.
   */
  public static Dataset<Row> ofWonDeals(Dataset<Row> judgedChildren, Object[] closeMonths) {
    return Validation.accepted(ofMonths(judgedChildren, closeMonths)).filter(col(DEAL_WON_MONTH).isin(closeMonths));
  }

  /**
   * The judged rows of the deals whose latest version closed in {@code closeMonths}, and of their
   * children: validation gave every row that month as {@code group_month}.
   */
  private static Dataset<Row> ofMonths(Dataset<Row> judged, Object[] closeMonths) {
    return judged.filter(col(GROUP_MONTH).isin(closeMonths));
  }
}
