package dev.winwin.summary;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every number of the leadership summary, read from the published reports. The renderers only
 * format these; they compute nothing but ratios of the counts given here.
 *
 * @param month the summary's close month
 * @param runId the run that last published {@code month}
 * @param currency ISO-4217 code of the base currency
 * @param periodMonths the months of the 12 ending at {@code month} that are published, ascending;
 *     the "period" of the map, the effects and the win-lose split
 * @param trend one entry per month of {@code periodMonths}
 * @param thisMonth the figures of {@code month}
 * @param previousMonth the month before, when it is published
 * @param revenueByOutcome per month of the period, its won deals and revenue by outcome, in
 *     {@link Outcome} order
 * @param matrix deals of the period by margin band × satisfaction band
 * @param segments win-win share by segment, last 3 months against the 3 before, most moved first
 * @param accounts trajectories as of {@code month}, when {@code account_relationships} has it
 * @param winLoseMonth who won {@code month}'s win-lose deals
 * @param winLosePeriod who won the period's win-lose deals
 * @param effects the negotiation effects over the period
 * @param coverage what could not be classified, and what was rejected
 * @param provisionalBelow the {@code reports.provisional-below} of the run that published the month,
 *     from its manifest when it is there
 */
public record SummaryFigures(
    YearMonth month,
    String runId,
    String currency,
    List<YearMonth> periodMonths,
    List<MonthFigures> trend,
    MonthFigures thisMonth,
    Optional<MonthFigures> previousMonth,
    Map<YearMonth, List<OutcomeRevenue>> revenueByOutcome,
    Matrix matrix,
    List<SegmentMove> segments,
    Optional<Accounts> accounts,
    WinLose winLoseMonth,
    WinLose winLosePeriod,
    Effects effects,
    Coverage coverage,
    Optional<BigDecimal> provisionalBelow) {

  /** The summary month's won deals and revenue by outcome. */
  public List<OutcomeRevenue> revenueThisMonth() {
    return revenueByOutcome.getOrDefault(month, List.of());
  }

  /** A part of a whole, both counted; the share is empty when the whole is 0. */
  public record Share(long part, long whole) {
    public Optional<Double> value() {
      return whole == 0 ? Optional.empty() : Optional.of((double) part / whole);
    }
  }

  /** The 95 % Wilson interval of a share, as the reports publish it (see docs/reports.md). */
  public record Interval(BigDecimal low, BigDecimal high) {}

  /**
   * One close month from {@code monthly_summary} (and {@code deal_outcomes} for margin and
   * satisfaction, which {@code monthly_summary} cannot re-aggregate exactly).
   *
   * @param winWinInterval the 95 % interval of the month's win-win share, when it has classified deals
   * @param provisional the month's classified share of won deals is below {@code reports.provisional-below}
   */
  public record MonthFigures(
      YearMonth month,
      long wonDeals,
      long lostDeals,
      long classifiedDeals,
      long winWinDeals,
      BigDecimal invoiceRevenue,
      Optional<BigDecimal> pocketMarginPct,
      Optional<BigDecimal> meanSatisfaction,
      Optional<Interval> winWinInterval,
      boolean provisional) {

    /** Win-win deals of the classified won deals: the headline measure. */
    public Share winWin() {
      return new Share(winWinDeals, classifiedDeals);
    }

    public Share unclassified() {
      return new Share(wonDeals - classifiedDeals, wonDeals);
    }

    public Share winRate() {
      return new Share(wonDeals, wonDeals + lostDeals);
    }
  }

  /** The outcomes as leadership reads them; win-lose split by who won. */
  public enum Outcome {
    WIN_WIN("win-win", "Win-win", "Win-win"),
    WIN_LOSE_PROVIDER("win_lose_provider", "Win-lose, we won", "We won"),
    WIN_LOSE_CLIENT("win_lose_client", "Win-lose, client won", "Client won"),
    LOSE_LOSE("lose-lose", "Lose-lose", "Lose-lose"),
    UNCLASSIFIED("unclassified", "Not yet classified", "Unclassified");

    private final String key;
    private final String label;
    private final String shortLabel;

    Outcome(String key, String label, String shortLabel) {
      this.key = key;
      this.label = label;
      this.shortLabel = shortLabel;
    }

    /** For chart legends. */
    public String shortLabel() {
      return shortLabel;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }
  }

  public record OutcomeRevenue(Outcome outcome, long deals, BigDecimal revenue) {}

  /**
   * Deals by band pair.
   *
   * @param marginBands labels, lowest band first
   * @param satisfactionBands labels, lowest band first
   * @param deals {@code deals[margin][satisfaction]}
   * @param total deals in the map (those with both a margin % and a satisfaction)
   */
  public record Matrix(List<String> marginBands, List<String> satisfactionBands, long[][] deals, long total) {}

  public record SegmentMove(String segment, Share before, Share recent) {
    /** Change of win-win share in percentage points, when both periods have classified deals. */
    public Optional<Double> changePoints() {
      return before.value().flatMap(b -> recent.value().map(r -> (r - b) * 100));
    }
  }

  /**
   * {@code account_relationships} as of the summary month.
   *
   * @param byTrajectory accounts per trajectory label
   * @param movers the non-steady accounts with the steepest satisfaction slope, steepest first
   */
  public record Accounts(Map<String, Long> byTrajectory, List<AccountMove> movers) {}

  public record AccountMove(String accountId, String accountName, String trajectory, long deals, BigDecimal revenue,
      BigDecimal marginPctSlope, BigDecimal satisfactionSlope) {}

  public record WinLose(long providerDeals, BigDecimal providerRevenue, long clientDeals, BigDecimal clientRevenue) {
    public Share providerShare() {
      return new Share(providerDeals, providerDeals + clientDeals);
    }
  }

  /**
   * The essay's effects over the period, each as win-win shares of classified deals.
   *
   * @param byBuyerRole pecking order: procurement, business, executive
   * @param byOfferingType commodity against differentiated
   * @param providerConcededMost concession asymmetry of 0.6 or more: the provider gave most
   * @param concessionsTraded asymmetry below 0.4: the client gave at least as much
   * @param atRiskPricing fee-at-risk and gainshare deals
   * @param plainPricing fixed and time-and-materials deals
   * @param feesAtRisk Σ at-risk amount / Σ invoice over all won deals of the period
   * @param keptSelling deals where the provider made selling moves after the buyer's commitment
   * @param stoppedSelling deals with a commitment and timed negotiation events but no such move
   */
  public record Effects(
      Map<String, Share> byBuyerRole,
      Map<String, Share> byOfferingType,
      Share providerConcededMost,
      Share concessionsTraded,
      Share atRiskPricing,
      Share plainPricing,
      Optional<BigDecimal> feesAtRisk,
      OutcomeMix keptSelling,
      OutcomeMix stoppedSelling) {}

  /**
   * The classified deals of one group: how many, their outcomes and their mean satisfaction.
   *
   * @param winLose both sides of win-lose together
   */
  public record OutcomeMix(long classified, long winWin, long winLose, long loseLose, Optional<BigDecimal> meanSatisfaction) {
    public Share winWinShare() {
      return new Share(winWin, classified);
    }

    public Share winLoseShare() {
      return new Share(winLose, classified);
    }

    public Share loseLoseShare() {
      return new Share(loseLose, classified);
    }
  }

  /**
   * @param unclassifiedByReason the month's unclassified deals per reason
   * @param classifiedBySegmentAndRole over the period, per segment and buyer role (null: unknown),
   *     classified deals of won deals
   * @param withRejectedInputsMonth the month's classified deals with rejected input rows, of its classified deals
   * @param withRejectedInputsPeriod the same over the period
   * @param rejectedBySource rows rejected by the run that published the month, per source
   * @param readBySource rows read per source, from that run's manifest when it is there
   */
  public record Coverage(Map<String, Long> unclassifiedByReason, Map<String, Map<String, Share>> classifiedBySegmentAndRole,
      Share withRejectedInputsMonth, Share withRejectedInputsPeriod, Map<String, Long> rejectedBySource, Map<String, Long> readBySource) {}
}
