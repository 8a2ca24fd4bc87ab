package dev.winwin.summary;

import static dev.winwin.ConcurrentActions.start;
import static dev.winwin.schema.Columns.ACCOUNT_ID;
import static dev.winwin.schema.Columns.ACCOUNT_NAME;
import static dev.winwin.schema.Columns.AT_RISK_AMOUNT;
import static dev.winwin.schema.Columns.BUYER_ROLE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.CONCESSION_ASYMMETRY;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.PRICING_MODEL;
import static dev.winwin.schema.Columns.PROVIDER_MOVES_AFTER_COMMIT;
import static dev.winwin.schema.Columns.REJECTED_INPUT_ROWS;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.UNCLASSIFIED_REASON;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.MEAN_SATISFACTION;
import static dev.winwin.schema.ReportColumns.PROVISIONAL;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_HIGH;
import static dev.winwin.schema.ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_LOW;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

import dev.winwin.ConcurrentActions.Started;
import dev.winwin.UserError;
import dev.winwin.classify.Classification;
import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.report.AccountRelationshipsReport;
import dev.winwin.report.Aggregates;
import dev.winwin.schema.AccountRelationshipsSchema;
import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.MarginSatisfactionMatrixSchema;
import dev.winwin.schema.MonthlySummarySchema;
import dev.winwin.schema.NegotiationPatternsSchema;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.RejectsSchema;
import dev.winwin.schema.ReportSchema;
import dev.winwin.summary.SummaryFigures.AccountMove;
import dev.winwin.summary.SummaryFigures.Accounts;
import dev.winwin.summary.SummaryFigures.Coverage;
import dev.winwin.summary.SummaryFigures.Effects;
import dev.winwin.summary.SummaryFigures.Interval;
import dev.winwin.summary.SummaryFigures.Matrix;
import dev.winwin.summary.SummaryFigures.MonthFigures;
import dev.winwin.summary.SummaryFigures.Outcome;
import dev.winwin.summary.SummaryFigures.OutcomeMix;
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
  /** Where the run manifest records the threshold that marked its months provisional. */
  private static final String PROVISIONAL_BELOW_KEY = "winwin.reports.provisional-below";

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
    Location snapshot = ReportSnapshot.publishedReport(root, DealOutcomesSchema.NAME).parent();
    return new SummaryReader(spark, root, snapshot).figures(month, currency);
  }

  private SummaryFigures figures(YearMonth month, String currency) {
    YearMonth first = month.minusMonths(TREND_MONTHS - 1L);
    Dataset<Row> outcomes = report(DealOutcomesSchema.SCHEMA).filter(inMonths(first, month));
    Dataset<Row> summary = report(MonthlySummarySchema.SCHEMA).filter(inMonths(first, month));
    Dataset<Row> monthOutcomes = outcomes.filter(col(CLOSE_MONTH).equalTo(month.toString()));
    // Each figure is a query or two over a few rows, whose cost is Spark's planning and scheduling:
    // they run side by side, so that one's planning overlaps another's tasks.
    Started<Map<YearMonth, MonthFigures>> months = start(() -> months(summary, outcomes));
    // monthly_summary has the month even when it only had lost deals.
    Started<Row> latestRun = start(() -> summary.filter(col(CLOSE_MONTH).equalTo(month.toString())).agg(max(col(RUN_ID))).first());
    Started<Map<YearMonth, List<OutcomeRevenue>>> revenue = start(() -> revenueByOutcome(outcomes));
    Started<Matrix> matrix = start(() -> matrix(first, month));
    Started<List<SegmentMove>> segments = start(() -> segments(summary, month));
    Started<Optional<Accounts>> accounts = start(() -> accounts(month));
    Started<WinLose> monthWinLose = start(() -> winLose(monthOutcomes));
    Started<WinLose> periodWinLose = start(() -> winLose(outcomes));
    Started<Effects> effects = start(() -> effects(outcomes, summary, first, month));
    Map<YearMonth, MonthFigures> byMonth = months.get();
    MonthFigures thisMonth = byMonth.get(month);
    if (thisMonth == null) {
      throw new UserError("Close month " + month + " is not published under " + root + "; run `winwin monthly --month " + month
          + "` (or a backfill that includes it) first.");
    }
    String runId = latestRun.get().getString(0);
    Optional<JsonNode> manifest = manifest(runId);
    return new SummaryFigures(
        month,
        runId,
        currency,
        List.copyOf(byMonth.keySet()),
        List.copyOf(byMonth.values()),
        thisMonth,
        Optional.ofNullable(byMonth.get(month.minusMonths(1))),
        revenue.get(),
        matrix.get(),
        segments.get(),
        accounts.get(),
        monthWinLose.get(),
        periodWinLose.get(),
        effects.get(),
        coverage(monthOutcomes, outcomes, runId, manifest),
        provisionalBelow(manifest));
  }

  private Map<YearMonth, MonthFigures> months(Dataset<Row> summary, Dataset<Row> outcomes) {
    // Margin % and satisfaction from deal_outcomes: monthly_summary's means cannot be re-aggregated exactly.
    Map<String, Row> deals = new TreeMap<>();
    for (Row row : outcomes.groupBy(col(CLOSE_MONTH))
        .agg(Aggregates.pocketMarginPct().as(POCKET_MARGIN_PCT), Aggregates.meanSatisfaction().as(MEAN_SATISFACTION)).collectAsList()) {
      deals.put(row.getString(0), row);
    }
    Map<YearMonth, MonthFigures> months = new TreeMap<>();
    String winWin = OutcomeColumns.WIN_WIN.deals();
    for (Row row : summary.groupBy(col(CLOSE_MONTH)).agg(
            sum(col(DEALS_WON)).as(DEALS_WON),
            sum(col(DEALS_LOST)).as(DEALS_LOST),
            sum(col(CLASSIFIED_DEALS)).as(CLASSIFIED_DEALS),
            sum(col(winWin)).as(winWin),
            sum(col(INVOICE_REVENUE)).as(INVOICE_REVENUE),
            // every row of a month carries the month's flag
            max(col(PROVISIONAL)).as(PROVISIONAL))
        .withColumn(WIN_WIN_SHARE_OF_CLASSIFIED_LOW, Aggregates.wilsonLow(col(winWin), col(CLASSIFIED_DEALS)))
        .withColumn(WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, Aggregates.wilsonHigh(col(winWin), col(CLASSIFIED_DEALS)))
        .collectAsList()) {
      String month = row.getString(0);
      Optional<Row> extra = Optional.ofNullable(deals.get(month));
      Optional<Interval> interval = Optional.ofNullable(row.<BigDecimal>getAs(WIN_WIN_SHARE_OF_CLASSIFIED_LOW))
          .map(low -> new Interval(low, row.getAs(WIN_WIN_SHARE_OF_CLASSIFIED_HIGH)));
      months.put(YearMonth.parse(month), new MonthFigures(YearMonth.parse(month), row.<Long>getAs(DEALS_WON), row.<Long>getAs(DEALS_LOST),
          row.<Long>getAs(CLASSIFIED_DEALS), row.<Long>getAs(winWin), row.getAs(INVOICE_REVENUE),
          extra.map(r -> r.<BigDecimal>getAs(POCKET_MARGIN_PCT)), extra.map(r -> r.<BigDecimal>getAs(MEAN_SATISFACTION)),
          interval, row.<Boolean>getAs(PROVISIONAL)));
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
      case Classification.WIN_LOSE -> Classification.CLIENT.equals(winningParty) ? Outcome.WIN_LOSE_CLIENT : Outcome.WIN_LOSE_PROVIDER;
      default -> Outcome.UNCLASSIFIED;
    };
  }

  private Matrix matrix(YearMonth first, YearMonth month) {
    Dataset<Row> cells = report(MarginSatisfactionMatrixSchema.SCHEMA).filter(inMonths(first, month))
        .groupBy(col(MarginSatisfactionMatrixSchema.MARGIN_BAND_INDEX), col(MarginSatisfactionMatrixSchema.MARGIN_BAND),
            col(MarginSatisfactionMatrixSchema.SATISFACTION_BAND_INDEX), col(MarginSatisfactionMatrixSchema.SATISFACTION_BAND))
        .agg(sum(col(DEALS)));
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
    Column classified = col(CLASSIFIED_DEALS);
    Column winWin = col(OutcomeColumns.WIN_WIN.deals());
    List<SegmentMove> moves = new ArrayList<>();
    for (Row row : summary.groupBy(col(SEGMENT)).agg(
        sum(when(before, winWin)).cast(DataTypes.LongType),
        sum(when(before, classified)).cast(DataTypes.LongType),
        sum(when(recent, winWin)).cast(DataTypes.LongType),
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
    if (!snapshot.resolve(AccountRelationshipsSchema.NAME + "/" + AccountRelationshipsSchema.AS_OF_MONTH + "=" + month).exists()) {
      return Optional.empty();
    }
    Dataset<Row> accounts = report(AccountRelationshipsSchema.SCHEMA)
        .filter(col(AccountRelationshipsSchema.AS_OF_MONTH).equalTo(month.toString()));
    Map<String, Long> byTrajectory = new LinkedHashMap<>();
    for (String label : List.of(AccountRelationshipsReport.CONVERGING, AccountRelationshipsReport.BUYING_LOYALTY,
        AccountRelationshipsReport.EXTRACTION, AccountRelationshipsReport.MUTUAL_DECLINE, AccountRelationshipsReport.STEADY)) {
      byTrajectory.put(label, 0L);
    }
    for (Row row : accounts.groupBy(col(AccountRelationshipsSchema.TRAJECTORY)).count().collectAsList()) {
      byTrajectory.put(row.getString(0), row.getLong(1));
    }
    List<AccountMove> movers = new ArrayList<>();
    for (Row row : accounts.filter(col(AccountRelationshipsSchema.TRAJECTORY).notEqual(AccountRelationshipsReport.STEADY))
        .orderBy(abs(col(AccountRelationshipsSchema.SATISFACTION_SLOPE)).desc(), col(ACCOUNT_ID))
        .limit(MOVERS).collectAsList()) {
      movers.add(new AccountMove(row.getAs(ACCOUNT_ID), row.getAs(ACCOUNT_NAME), row.getAs(AccountRelationshipsSchema.TRAJECTORY),
          row.<Long>getAs(DEALS), row.getAs(INVOICE_REVENUE),
          row.getAs(AccountRelationshipsSchema.MARGIN_PCT_SLOPE), row.getAs(AccountRelationshipsSchema.SATISFACTION_SLOPE)));
    }
    return Optional.of(new Accounts(byTrajectory, movers));
  }

  private static WinLose winLose(Dataset<Row> outcomes) {
    Column winLose = col(OUTCOME).equalTo(Classification.WIN_LOSE);
    Column provider = winLose.and(col(WINNING_PARTY).equalTo(Classification.PROVIDER));
    Column client = winLose.and(col(WINNING_PARTY).equalTo(Classification.CLIENT));
    Row row = outcomes.agg(count(when(provider, lit(1))), sum(when(provider, col(INVOICE_AMOUNT))),
        count(when(client, lit(1))), sum(when(client, col(INVOICE_AMOUNT)))).first();
    return new WinLose(row.getLong(0), decimalOrZero(row, 1), row.getLong(2), decimalOrZero(row, 3));
  }

  private Effects effects(Dataset<Row> outcomes, Dataset<Row> summary, YearMonth first, YearMonth month) {
    Dataset<Row> patterns = report(NegotiationPatternsSchema.SCHEMA).filter(inMonths(first, month));
    Column winWin = col(OutcomeColumns.WIN_WIN.deals());
    Column classifiedDeals = col(CLASSIFIED_DEALS);
    Map<String, Share> byBuyerRole = new TreeMap<>();
    for (Row row : patterns.filter(col(BUYER_ROLE).isNotNull()).groupBy(col(BUYER_ROLE))
        .agg(sum(winWin), sum(classifiedDeals)).collectAsList()) {
      byBuyerRole.put(row.getString(0), new Share(row.getLong(1), row.getLong(2)));
    }
    Map<String, Share> byOfferingType = new TreeMap<>();
    for (Row row : summary.groupBy(col(OFFERING_TYPE)).agg(sum(winWin), sum(col(CLASSIFIED_DEALS))).collectAsList()) {
      byOfferingType.put(row.getString(0), new Share(row.getLong(1), row.getLong(2)));
    }
    Column atRiskPricing = col(PRICING_MODEL).isin("fee_at_risk", "gainshare");
    Column plainPricing = col(PRICING_MODEL).isin("fixed", "time_and_materials");
    Row pricing = patterns.agg(
        sum(when(atRiskPricing, winWin)), sum(when(atRiskPricing, classifiedDeals)),
        sum(when(plainPricing, winWin)), sum(when(plainPricing, classifiedDeals)),
        Aggregates.ratio(sum(col(AT_RISK_AMOUNT)), sum(col(INVOICE_REVENUE)))).first();
    Optional<BigDecimal> feesAtRisk = Optional.ofNullable(pricing.getDecimal(4));

    Column classified = col(OUTCOME).notEqual(Classification.UNCLASSIFIED);
    Column isWinWin = col(OUTCOME).equalTo(Classification.WIN_WIN);
    Column conceded = classified.and(col(CONCESSION_ASYMMETRY).geq(lit(PROVIDER_CONCEDED_MOST)));
    Column traded = classified.and(col(CONCESSION_ASYMMETRY).lt(lit(CONCESSIONS_TRADED)));
    Row concessions = outcomes.agg(
        count(when(conceded.and(isWinWin), lit(1))), count(when(conceded, lit(1))),
        count(when(traded.and(isWinWin), lit(1))), count(when(traded, lit(1)))).first();
    Column movesAfterCommit = col(PROVIDER_MOVES_AFTER_COMMIT);
    return new Effects(byBuyerRole, byOfferingType,
        new Share(concessions.getLong(0), concessions.getLong(1)),
        new Share(concessions.getLong(2), concessions.getLong(3)),
        new Share(longOrZero(pricing, 0), longOrZero(pricing, 1)),
        new Share(longOrZero(pricing, 2), longOrZero(pricing, 3)),
        feesAtRisk,
        outcomeMix(outcomes.filter(classified.and(movesAfterCommit.gt(0)))),
        outcomeMix(outcomes.filter(classified.and(movesAfterCommit.equalTo(0)))));
  }

  private static OutcomeMix outcomeMix(Dataset<Row> classifiedDeals) {
    Row row = classifiedDeals.agg(Aggregates.classifiedDeals(), Aggregates.winWinDeals(),
        count(when(col(OUTCOME).equalTo(Classification.WIN_LOSE), lit(1))), count(when(col(OUTCOME).equalTo(Classification.LOSE_LOSE), lit(1))),
        Aggregates.meanSatisfaction()).first();
    return new OutcomeMix(row.getLong(0), row.getLong(1), row.getLong(2), row.getLong(3), Optional.ofNullable(row.getDecimal(4)));
  }

  private Coverage coverage(Dataset<Row> monthOutcomes, Dataset<Row> periodOutcomes, String runId, Optional<JsonNode> manifest) {
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : monthOutcomes.filter(col(UNCLASSIFIED_REASON).isNotNull()).groupBy(col(UNCLASSIFIED_REASON)).count().collectAsList()) {
      byReason.put(row.getString(0), row.getLong(1));
    }
    Map<String, Long> read = new LinkedHashMap<>();
    Map<String, Long> rejected = new TreeMap<>();
    if (manifest.isPresent()) {
      manifest.get().path("sources").fields().forEachRemaining(e -> {
        read.put(e.getKey(), e.getValue().path("read").asLong());
        rejected.put(e.getKey(), e.getValue().path("rejected").asLong());
      });
    } else {
      // rejects holds the latest run's rows only (DOMAIN §7): they are this run's while no later run published.
      Location rejects = snapshot.resolve(RejectsSchema.NAME + "/" + RejectsSchema.SCHEMA.partitionColumn() + "=" + runId);
      if (rejects.exists()) {
        // Only the source column: the raw rows (survey comments among them) are never read.
        for (Row row : spark.read().parquet(rejects.uri()).groupBy(col(SOURCE)).count().collectAsList()) {
          rejected.put(row.getString(0), row.getLong(1));
        }
      }
    }
    Map<String, Map<String, Share>> bySegmentAndRole = new TreeMap<>();
    for (Row row : periodOutcomes.groupBy(col(SEGMENT), col(BUYER_ROLE)).agg(Aggregates.classifiedDeals(), count(lit(1))).collectAsList()) {
      bySegmentAndRole.computeIfAbsent(row.getString(0), segment -> new HashMap<>())
          .put(row.getString(1), new Share(row.getLong(2), row.getLong(3)));
    }
    return new Coverage(byReason, bySegmentAndRole, classifiedWithRejectedInputs(monthOutcomes), classifiedWithRejectedInputs(periodOutcomes),
        rejected, read);
  }

  /** Classified deals judged although some of their input rows were rejected, of all classified deals. */
  private static Share classifiedWithRejectedInputs(Dataset<Row> outcomes) {
    Column classified = col(OUTCOME).notEqual(Classification.UNCLASSIFIED);
    Row row = outcomes.agg(count(when(classified.and(col(REJECTED_INPUT_ROWS).gt(0)), lit(1))), Aggregates.classifiedDeals()).first();
    return new Share(row.getLong(0), row.getLong(1));
  }

  /** The run's manifest; empty when it is gone or unreadable: it only adds the read counts and the threshold. */
  private Optional<JsonNode> manifest(String runId) {
    Location manifest = root.resolve(ReportSnapshot.RUNS + "/" + runId + "/" + ReportSnapshot.MANIFEST);
    if (!manifest.exists()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonFiles.read(manifest, JsonNode.class));
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private static Optional<BigDecimal> provisionalBelow(Optional<JsonNode> manifest) {
    Optional<JsonNode> value = manifest.map(m -> m.path("config").path(PROVISIONAL_BELOW_KEY)).filter(JsonNode::isTextual);
    try {
      return value.map(v -> new BigDecimal(v.asText()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }


  private Dataset<Row> report(ReportSchema report) {
    Location folder = snapshot.resolve(report.name());
    if (!folder.exists()) {
      throw new UserError("The published output under " + root + " has no " + report.name() + " report; run `winwin monthly` with this "
          + "version of winwin to publish it.");
    }
    Dataset<Row> rows = spark.read().parquet(folder.uri());
    List<String> missing = report.columnNames().stream().filter(c -> !List.of(rows.columns()).contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new UserError("The " + report.name() + " report under " + root + " lacks the columns " + String.join(", ", missing)
          + ": it was published by an older winwin; rerun `winwin backfill` over its months with this version.");
    }
    // Partition values are read back by type inference: keep the key as the text it was written as.
    return rows.withColumn(report.partitionColumn(), col(report.partitionColumn()).cast(DataTypes.StringType));
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
