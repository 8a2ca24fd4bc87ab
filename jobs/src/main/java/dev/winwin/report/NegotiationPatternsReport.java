package dev.winwin.report;

import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.AT_RISK_SHARE;
import static dev.winwin.schema.Columns.BUYER_ROLE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.PRICING_MODEL;
import static dev.winwin.schema.Columns.PROVIDER_MOVES_AFTER_COMMIT;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.SOURCING;
import static dev.winwin.schema.NegotiationPatternsSchema.KEPT_SELLING_AFTER_COMMIT;
import static dev.winwin.schema.NegotiationPatternsSchema.MEAN_CONCESSION_ASYMMETRY;
import static dev.winwin.schema.NegotiationPatternsSchema.MEAN_POCKET_MARGIN_PCT;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.config.Settings;
import dev.winwin.schema.NegotiationPatternsSchema;
import dev.winwin.schema.Types;

/**
 * {@code negotiation_patterns}: one row per close month × segment × buyer role × sourcing × pricing
 * model × whether the provider kept selling after the buyer's commitment, with won deals; the
 * pecking-order, concession-trading, skin-in-the-game and unselling effects. Partitioned by
 * {@code close_month}. A deal without a buyer role, sourcing or pricing model, or whose moves after
 * commitment are unknown (no commit date or no timed negotiation event), falls in the group whose
 * key is null.
 *
 * <p>Means are over the deals that have the value ({@code mean_concession_asymmetry} only over
 * deals with negotiation events). {@code at_risk_share} is Σ at-risk amount / Σ invoice amount,
 * an unknown at-risk amount counting as 0; the two sums are published too, so that groups can be
 * re-aggregated exactly.
 */
public final class NegotiationPatternsReport {
  private NegotiationPatternsReport() {}

  /**
   * Grain in: one won deal ({@code deal_outcomes} columns); out: one group of the report's keys,
   * the columns of {@link NegotiationPatternsSchema}; {@code settings}' {@code provisional-below}
   * marks the months with too few classified deals.
   */
  public static Dataset<Row> build(Dataset<Row> dealOutcomes, Settings.ReportSettings settings, String runId) {
    Column invoice = Aggregates.invoiceRevenue();
    Column atRisk = coalesce(sum(col(AT_RISK_AMOUNT)), lit(BigDecimal.ZERO));
    Column deals = count(lit(1));
    List<Column> aggregates = new ArrayList<>(List.of(
        deals.as(DEALS),
        invoice.cast(Types.MONEY).as(INVOICE_REVENUE),
        atRisk.cast(Types.MONEY).as(AT_RISK_AMOUNT),
        Aggregates.ratio(atRisk, invoice).as(AT_RISK_SHARE)));
    aggregates.addAll(Aggregates.winWinShareWithInterval());
    aggregates.addAll(Aggregates.outcomeMix(deals, Optional.empty()));
    aggregates.add(avg(col(POCKET_MARGIN_PCT)).cast(Types.RATIO).as(MEAN_POCKET_MARGIN_PCT));
    aggregates.add(Aggregates.meanSatisfaction().as(MEAN_SATISFACTION));
    aggregates.add(avg(col(CONCESSION_ASYMMETRY)).cast(Types.RATIO).as(MEAN_CONCESSION_ASYMMETRY));
    Column keptSelling = when(col(PROVIDER_MOVES_AFTER_COMMIT).isNotNull(), col(PROVIDER_MOVES_AFTER_COMMIT).gt(0));
    Dataset<Row> groups = dealOutcomes
        .groupBy(col(CLOSE_MONTH), col(SEGMENT), col(BUYER_ROLE), col(SOURCING), col(PRICING_MODEL), keptSelling.as(KEPT_SELLING_AFTER_COMMIT))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    return NegotiationPatternsSchema.SCHEMA.conform(ProvisionalMonths.mark(groups, dealOutcomes, settings.provisionalBelow())
        .withColumn(RUN_ID, lit(runId)));
  }
}
