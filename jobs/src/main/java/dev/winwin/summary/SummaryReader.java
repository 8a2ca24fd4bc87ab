package dev.winwin.summary;

import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.BUYER_ROLE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.COST_LINES;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.PRICING_MODEL;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.UNCLASSIFIED_REASON;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import com.fasterxml.jackson.databind.JsonNode;

import dev.winwin.UserError;
import dev.winwin.classify.Classification;
import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.report.AccountRelationshipsReport;
import dev.winwin.report.DealOutcomesReport;
import dev.winwin.report.MarginSatisfactionMatrixReport;
import dev.winwin.report.MonthlySummaryReport;
import dev.winwin.report.NegotiationPatternsReport;
import dev.winwin.report.RejectsReport;
import dev.winwin.summary.SummaryFigures.AccountMove;
import dev.winwin.summary.SummaryFigures.Accounts;
import dev.winwin.summary.SummaryFigures.Coverage;
import dev.winwin.summary.SummaryFigures.Effects;
import dev.winwin.summary.SummaryFigures.Matrix;
import dev.winwin.summary.SummaryFigures.MonthFigures;
import dev.winwin.summary.SummaryFigures.Outcome;
import dev.winwin.summary.SummaryFigures.OutcomeRevenue;
import dev.winwin.summary.SummaryFigures.SegmentMove;
import dev.winwin.summary.SummaryFigures.Share;
import dev.winwin.summary.SummaryFigures.WinLose;

/**
 * Reads the figures of the leadership summary from the published Parquet reports, and nothing
 * else (no raw input), on any Hadoop file system: all reports are read from the one snapshot that
 * is published when the reading starts ({@link ReportSnapshot#publishedReport}, through links or
 * {@code current.json}), so a publish in the middle cannot mix two runs. Each query collects a
 * handful of rows.
 */
public final class SummaryReader {
  static final int TREND_MONTHS = AccountRelationshipsReport.TRAILING_MONTHS;
  static final int MOVERS = 5;
  /** Concession asymmetry at or above which the provider gave most of the value. */
  static final BigDecimal PROVIDER_CONCEDED_MOST = new BigDecimal("0.6");
  /** Concession asymmetry below which concessions were traded (the client gave at least as much). */
  static final BigDecimal CONCESSIONS_TRADED = new BigDecimal("0.4");

  private final SparkSession spark;
  private final Location root;
  private final Location snapshot;

  private SummaryReader(SparkSession spark, Location root, Location snapshot) {
    this.spark = spark;
    this.root = root;
    this.snapshot = snapshot;
  }

  /**
   * @param root the output root the reports are published under
   * @throws UserError if nothing is published there, or {@code month} is not
   */
  public static SummaryFigures read(SparkSession spark, Location root, YearMonth month, String currency) {
    Location snapshot = ReportSnapshot.publishedReport(root, DealOutcomesReport.NAME).parent();
    return new SummaryReader(spark, root, snapshot).figures(month, currency);
  }

  private SummaryFigures figures(YearMonth month, String currency) {
    YearMonth first = month.minusMonths(TREND_MONTHS - 1L);
    Dataset<Row> outcomes = report(DealOutcomesReport.NAME).filter(inMonths(first, month));
    Dataset<Row> summary = report(MonthlySummaryReport.NAME).filter(inMonths(first, month));
    Map<YearMonth, MonthFigures> byMonth = months(summary, outcomes);
    MonthFigures thisMonth = byMonth.get(month);
    if (thisMonth == null) {
      throw new UserError("Close month " + month + " is not published under " + root + "; run `winwin monthly --month " + month
          + "` (or a backfill that includes it) first.");
    }
    List<YearMonth> period = List.copyOf(byMonth.keySet());
    // monthly_summary has the month even when it only had lost deals.
    String runId = summary.filter(col(CLOSE_MONTH).equalTo(month.toString())).agg(max(col(RUN_ID))).first().getString(0);
    return new SummaryFigures(
        month,
        runId,
        currency,
        period,
        List.copyOf(byMonth.values()),
        thisMonth,
        Optional.ofNullable(byMonth.get(month.minusMonths(1))),
        revenueByOutcome(outcomes),
        matrix(first, month),
        segments(summary, month),
        accounts(month),
        winLose(outcomes.filter(col(CLOSE_MONTH).equalTo(month.toString()))),
        winLose(outcomes),
        effects(outcomes, summary, first, month),
        coverage(outcomes.filter(col(CLOSE_MONTH).equalTo(month.toString())), runId));
  }

  private Map<YearMonth, MonthFigures> months(Dataset<Row> summary, Dataset<Row> outcomes) {
    Map<String, Row> deals = new TreeMap<>();
    Column costed = col(COST_LINES).gt(0);
    for (Row row : outcomes.groupBy(col(CLOSE_MONTH)).agg(
        sum(when(costed, col(POCKET_MARGIN))).as("margin"),
        sum(when(costed, col(POCKET_REVENUE))).as("costed_revenue"),
        avg(col(SATISFACTION)).as("satisfaction")).collectAsList()) {
      deals.put(row.getString(0), row);
    }
    Map<YearMonth, MonthFigures> months = new TreeMap<>();
    for (Row row : summary.groupBy(col(CLOSE_MONTH)).agg(
        sum(col("deals_won")).as("won"),
        sum(col("deals_lost")).as("lost"),
        sum(col("unclassified_deals")).as("unclassified"),
        sum(col("win_win_deals")).as("win_win"),
        sum(col("invoice_revenue")).as("revenue")).collectAsList()) {
      String month = row.getString(0);
      Row extra = deals.get(month);
      Optional<BigDecimal> margin = Optional.empty();
      Optional<BigDecimal> satisfaction = Optional.empty();
      if (extra != null) {
        BigDecimal costedRevenue = extra.getAs("costed_revenue");
        if (costedRevenue != null && costedRevenue.signum() > 0) {
          margin = Optional.of(((BigDecimal) extra.getAs("margin")).divide(costedRevenue, 6, RoundingMode.HALF_UP));
        }
        satisfaction = Optional.ofNullable(extra.getAs("satisfaction"));
      }
      long won = row.getLong(1);
      months.put(YearMonth.parse(month), new MonthFigures(YearMonth.parse(month), won, row.getLong(2), won - row.getLong(3),
          row.getLong(4), row.getAs("revenue"), margin, satisfaction));
    }
    return months;
  }

  private static Map<YearMonth, List<OutcomeRevenue>> revenueByOutcome(Dataset<Row> outcomes) {
    Map<YearMonth, Map<Outcome, OutcomeRevenue>> byMonth = new TreeMap<>();
    for (Row row : outcomes.groupBy(col(CLOSE_MONTH), col(OUTCOME), col(WINNING_PARTY))
        .agg(count(lit(1)), sum(col(INVOICE_AMOUNT))).collectAsList()) {
      Map<Outcome, OutcomeRevenue> byOutcome = byMonth.computeIfAbsent(YearMonth.parse(row.getString(0)), m -> {
        Map<Outcome, OutcomeRevenue> empty = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
          empty.put(outcome, new OutcomeRevenue(outcome, 0, BigDecimal.ZERO));
        }
        return empty;
      });
      Outcome outcome = outcomeOf(row.getString(1), row.getString(2));
      OutcomeRevenue sofar = byOutcome.get(outcome);
      byOutcome.put(outcome, new OutcomeRevenue(outcome, sofar.deals() + row.getLong(3), sofar.revenue().add(row.getDecimal(4))));
    }
    Map<YearMonth, List<OutcomeRevenue>> lists = new TreeMap<>();
    byMonth.forEach((month, byOutcome) -> lists.put(month, List.copyOf(byOutcome.values())));
    return lists;
  }

  static Outcome outcomeOf(String outcome, String winningParty) {
    return switch (outcome) {
      case Classification.WIN_WIN -> Outcome.WIN_WIN;
      case Classification.LOSE_LOSE -> Outcome.LOSE_LOSE;
      case Classification.WIN_LOSE -> "client".equals(winningParty) ? Outcome.WIN_LOSE_CLIENT : Outcome.WIN_LOSE_PROVIDER;
      default -> Outcome.UNCLASSIFIED;
    };
  }

  private Matrix matrix(YearMonth first, YearMonth month) {
    Dataset<Row> cells = report(MarginSatisfactionMatrixReport.NAME).filter(inMonths(first, month))
        .groupBy(col(MarginSatisfactionMatrixReport.MARGIN_BAND_INDEX), col(MarginSatisfactionMatrixReport.MARGIN_BAND),
            col(MarginSatisfactionMatrixReport.SATISFACTION_BAND_INDEX), col(MarginSatisfactionMatrixReport.SATISFACTION_BAND))
        .agg(sum(col(MarginSatisfactionMatrixReport.DEALS)));
    Map<Integer, String> marginBands = new TreeMap<>();
    Map<Integer, String> satisfactionBands = new TreeMap<>();
    List<Row> rows = cells.collectAsList();
    for (Row row : rows) {
      marginBands.put(row.getInt(0), row.getString(1));
      satisfactionBands.put(row.getInt(2), row.getString(3));
    }
    int marginCount = marginBands.isEmpty() ? 0 : marginBands.keySet().stream().max(Integer::compare).orElseThrow() + 1;
    int satisfactionCount = satisfactionBands.isEmpty() ? 0 : satisfactionBands.keySet().stream().max(Integer::compare).orElseThrow() + 1;
    long[][] deals = new long[marginCount][satisfactionCount];
    long total = 0;
    for (Row row : rows) {
      deals[row.getInt(0)][row.getInt(2)] = row.getLong(4);
      total += row.getLong(4);
    }
    return new Matrix(labels(marginBands, marginCount), labels(satisfactionBands, satisfactionCount), deals, total);
  }

  /** Band labels by index; a band without any deal in the period has no row, so no label: it shows as its index. */
  private static List<String> labels(Map<Integer, String> byIndex, int count) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      labels.add(byIndex.getOrDefault(i, "band " + (i + 1)));
    }
    return labels;
  }

  private static List<SegmentMove> segments(Dataset<Row> summary, YearMonth month) {
    YearMonth recentStart = month.minusMonths(2);
    YearMonth beforeStart = month.minusMonths(5);
    Column recent = inMonths(recentStart, month);
    Column before = inMonths(beforeStart, recentStart.minusMonths(1));
    Column classified = col("deals_won").minus(col("unclassified_deals"));
    List<SegmentMove> moves = new ArrayList<>();
    for (Row row : summary.groupBy(col(SEGMENT)).agg(
        sum(when(before, col("win_win_deals"))).cast(DataTypes.LongType),
        sum(when(before, classified)).cast(DataTypes.LongType),
        sum(when(recent, col("win_win_deals"))).cast(DataTypes.LongType),
        sum(when(recent, classified)).cast(DataTypes.LongType)).collectAsList()) {
      moves.add(new SegmentMove(row.getString(0), new Share(longOrZero(row, 1), longOrZero(row, 2)),
          new Share(longOrZero(row, 3), longOrZero(row, 4))));
    }
    moves.sort((a, b) -> {
      double ma = a.changePoints().map(Math::abs).orElse(-1.0);
      double mb = b.changePoints().map(Math::abs).orElse(-1.0);
      return ma != mb ? Double.compare(mb, ma) : a.segment().compareTo(b.segment());
    });
    return moves;
  }

  private Optional<Accounts> accounts(YearMonth month) {
    if (!snapshot.resolve(AccountRelationshipsReport.NAME + "/" + AccountRelationshipsReport.AS_OF_MONTH + "=" + month).exists()) {
      return Optional.empty();
    }
    Dataset<Row> accounts = report(AccountRelationshipsReport.NAME)
        .filter(col(AccountRelationshipsReport.AS_OF_MONTH).equalTo(month.toString()));
    Map<String, Long> byTrajectory = new LinkedHashMap<>();
    for (String label : List.of(AccountRelationshipsReport.CONVERGING, AccountRelationshipsReport.BUYING_LOYALTY,
        AccountRelationshipsReport.EXTRACTION, AccountRelationshipsReport.MUTUAL_DECLINE, AccountRelationshipsReport.STEADY)) {
      byTrajectory.put(label, 0L);
    }
    for (Row row : accounts.groupBy(col(AccountRelationshipsReport.TRAJECTORY)).count().collectAsList()) {
      byTrajectory.put(row.getString(0), row.getLong(1));
    }
    List<AccountMove> movers = new ArrayList<>();
    for (Row row : accounts.filter(col(AccountRelationshipsReport.TRAJECTORY).notEqual(AccountRelationshipsReport.STEADY))
        .orderBy(abs(col(AccountRelationshipsReport.SATISFACTION_SLOPE)).desc(), col("account_id"))
        .limit(MOVERS).collectAsList()) {
      movers.add(new AccountMove(row.getAs("account_id"), row.getAs("account_name"), row.getAs(AccountRelationshipsReport.TRAJECTORY),
          row.<Long>getAs(AccountRelationshipsReport.DEALS), row.getAs(AccountRelationshipsReport.INVOICE_REVENUE),
          row.getAs(AccountRelationshipsReport.MARGIN_PCT_SLOPE), row.getAs(AccountRelationshipsReport.SATISFACTION_SLOPE)));
    }
    return Optional.of(new Accounts(byTrajectory, movers));
  }

  private static WinLose winLose(Dataset<Row> outcomes) {
    Column winLose = col(OUTCOME).equalTo(Classification.WIN_LOSE);
    Column provider = winLose.and(col(WINNING_PARTY).equalTo("provider"));
    Column client = winLose.and(col(WINNING_PARTY).equalTo("client"));
    Row row = outcomes.agg(count(when(provider, lit(1))), sum(when(provider, col(INVOICE_AMOUNT))),
        count(when(client, lit(1))), sum(when(client, col(INVOICE_AMOUNT)))).first();
    return new WinLose(row.getLong(0), decimalOrZero(row, 1), row.getLong(2), decimalOrZero(row, 3));
  }

  private Effects effects(Dataset<Row> outcomes, Dataset<Row> summary, YearMonth first, YearMonth month) {
    Dataset<Row> patterns = report(NegotiationPatternsReport.NAME).filter(inMonths(first, month));
    Map<String, Share> byBuyerRole = new TreeMap<>();
    for (Row row : patterns.filter(col(BUYER_ROLE).isNotNull()).groupBy(col(BUYER_ROLE))
        .agg(sum(col("win_win_deals")), sum(col("classified_deals"))).collectAsList()) {
      byBuyerRole.put(row.getString(0), new Share(row.getLong(1), row.getLong(2)));
    }
    Map<String, Share> byOfferingType = new TreeMap<>();
    for (Row row : summary.groupBy(col(OFFERING_TYPE))
        .agg(sum(col("win_win_deals")), sum(col("deals_won").minus(col("unclassified_deals")))).collectAsList()) {
      byOfferingType.put(row.getString(0), new Share(row.getLong(1), row.getLong(2)));
    }
    Column atRiskPricing = col(PRICING_MODEL).isin("fee_at_risk", "gainshare");
    Column plainPricing = col(PRICING_MODEL).isin("fixed", "time_and_materials");
    Row pricing = patterns.agg(
        sum(when(atRiskPricing, col("win_win_deals"))), sum(when(atRiskPricing, col("classified_deals"))),
        sum(when(plainPricing, col("win_win_deals"))), sum(when(plainPricing, col("classified_deals"))),
        sum(col(AT_RISK_AMOUNT)), sum(col(NegotiationPatternsReport.INVOICE_REVENUE))).first();
    BigDecimal invoice = pricing.isNullAt(5) ? BigDecimal.ZERO : pricing.getDecimal(5);
    Optional<BigDecimal> feesAtRisk = invoice.signum() > 0
        ? Optional.of(decimalOrZero(pricing, 4).divide(invoice, 6, RoundingMode.HALF_UP)) : Optional.empty();

    Column classified = col(OUTCOME).notEqual(Classification.UNCLASSIFIED);
    Column winWin = col(OUTCOME).equalTo(Classification.WIN_WIN);
    Column conceded = classified.and(col(CONCESSION_ASYMMETRY).geq(lit(PROVIDER_CONCEDED_MOST)));
    Column traded = classified.and(col(CONCESSION_ASYMMETRY).lt(lit(CONCESSIONS_TRADED)));
    Row concessions = outcomes.agg(
        count(when(conceded.and(winWin), lit(1))), count(when(conceded, lit(1))),
        count(when(traded.and(winWin), lit(1))), count(when(traded, lit(1)))).first();
    return new Effects(byBuyerRole, byOfferingType,
        new Share(concessions.getLong(0), concessions.getLong(1)),
        new Share(concessions.getLong(2), concessions.getLong(3)),
        new Share(longOrZero(pricing, 0), longOrZero(pricing, 1)),
        new Share(longOrZero(pricing, 2), longOrZero(pricing, 3)),
        feesAtRisk);
  }

  private Coverage coverage(Dataset<Row> monthOutcomes, String runId) {
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : monthOutcomes.filter(col(UNCLASSIFIED_REASON).isNotNull()).groupBy(col(UNCLASSIFIED_REASON)).count().collectAsList()) {
      byReason.put(row.getString(0), row.getLong(1));
    }
    Map<String, Long> read = new LinkedHashMap<>();
    Map<String, Long> rejected = new TreeMap<>();
    Optional<JsonNode> sources = manifestSources(runId);
    if (sources.isPresent()) {
      sources.get().fields().forEachRemaining(e -> {
        read.put(e.getKey(), e.getValue().path("read").asLong());
        rejected.put(e.getKey(), e.getValue().path("rejected").asLong());
      });
    } else {
      // rejects holds the latest run's rows only (DOMAIN §7): they are this run's while no later run published.
      Location rejects = snapshot.resolve(RejectsReport.NAME + "/" + RUN_ID + "=" + runId);
      if (rejects.exists()) {
        // Only the source column: the raw rows (survey comments among them) are never read.
        for (Row row : spark.read().parquet(rejects.uri()).groupBy(col(SOURCE)).count().collectAsList()) {
          rejected.put(row.getString(0), row.getLong(1));
        }
      }
    }
    return new Coverage(byReason, rejected, read);
  }

  /** The per-source counts of the run's manifest; empty when the manifest is gone or unreadable. */
  private Optional<JsonNode> manifestSources(String runId) {
    Location manifest = root.resolve(ReportSnapshot.RUNS + "/" + runId + "/" + ReportSnapshot.MANIFEST);
    if (!manifest.exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonFiles.read(manifest, JsonNode.class).path("sources"));
    } catch (UncheckedIOException e) {
      // The counts only add the reject share to the summary; the rest of it still shows.
      return Optional.empty();
    }
  }

  private Dataset<Row> report(String name) {
    Location folder = snapshot.resolve(name);
    if (!folder.exists()) {
      throw new UserError("The published output under " + root + " has no " + name + " report; run `winwin monthly` with this "
          + "version of winwin to publish it.");
    }
    Dataset<Row> rows = spark.read().parquet(folder.uri());
    // Partition values are read back by type inference: keep month keys as the text they were written as.
    for (String column : List.of(CLOSE_MONTH, AccountRelationshipsReport.AS_OF_MONTH, RUN_ID)) {
      if (List.of(rows.columns()).contains(column)) {
        rows = rows.withColumn(column, col(column).cast(DataTypes.StringType));
      }
    }
    return rows;
  }

  private static Column inMonths(YearMonth first, YearMonth last) {
    return col(CLOSE_MONTH).geq(first.toString()).and(col(CLOSE_MONTH).leq(last.toString()));
  }

  private static long longOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0L : ((Number) row.get(i)).longValue();
  }

  private static BigDecimal decimalOrZero(Row row, int i) {
    return row.isNullAt(i) ? BigDecimal.ZERO : row.getDecimal(i);
  }
}
