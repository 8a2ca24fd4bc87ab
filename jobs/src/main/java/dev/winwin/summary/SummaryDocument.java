package dev.winwin.summary;

import static dev.winwin.summary.Formats.count;
import static dev.winwin.summary.Formats.month;
import static dev.winwin.summary.Formats.percent;
import static dev.winwin.summary.Formats.points;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.winwin.summary.SummaryFigures.AccountMove;
import dev.winwin.summary.SummaryFigures.Matrix;
import dev.winwin.summary.SummaryFigures.MonthFigures;
import dev.winwin.summary.SummaryFigures.Outcome;
import dev.winwin.summary.SummaryFigures.OutcomeRevenue;
import dev.winwin.summary.SummaryFigures.SegmentMove;
import dev.winwin.summary.SummaryFigures.Share;
import dev.winwin.summary.SummaryFigures.WinLose;

/**
 * The one-pager as text, tables and charts, built once from the figures so that the HTML and the
 * Markdown carry the same numbers. In sentences, {@code **x**} marks a key figure (bold in both).
 */
record SummaryDocument(String title, String subtitle, List<Tile> tiles, List<Section> sections, String footer) {
  /** Marks a provisional month in the trend's labels. */
  static final String PROVISIONAL_MARK = "*";
  /** A segment × buyer role cell needs this many won deals to be named as under-represented. */
  static final int MIN_COVERAGE_CELL = 10;
  /** The buyer roles in pecking order, and the deals without one. */
  private static final List<String> BUYER_ROLES = Arrays.asList("procurement", "business", "executive", null);

  /** A headline figure. */
  record Tile(String label, String value, String detail) {}

  /**
   * @param behindChart the data the section's chart draws: HTML shows the chart instead, Markdown the table
   */
  record Table(List<String> header, List<List<String>> rows, boolean behindChart) {
    Table(List<String> header, List<List<String>> rows) {
      this(header, rows, false);
    }
  }

  /**
   * @param chart a {@code data:} URI, or empty; Markdown shows the tables instead
   * @param wide spans the page's width in HTML
   */
  record Section(String title, List<String> sentences, Optional<String> chart, String chartAlt, List<Table> tables, List<String> notes,
      boolean wide) {
    Section(String title, List<String> sentences, Optional<String> chart, String chartAlt, List<Table> tables, List<String> notes) {
      this(title, sentences, chart, chartAlt, tables, notes, false);
    }
  }

  static SummaryDocument of(SummaryFigures f, boolean withCharts, String version, String outputRoot) {
    Formats money = new Formats(f.currency());
    MonthFigures m = f.thisMonth();
    String monthName = month(f.month());
    String change = f.previousMonth()
        .flatMap(p -> p.winWin().value().flatMap(before -> m.winWin().value().map(now -> points((now - before) * 100)
            + " vs " + month(p.month()))))
        .orElse("no earlier month to compare");
    List<Tile> tiles = List.of(
        new Tile(m.provisional() ? "Win-win share, provisional" : "Win-win share", percent(m.winWin()),
            "of " + count(m.classifiedDeals()) + " classified deals, 95% interval " + interval(m) + "; " + change),
        new Tile("Won deals", count(m.wonDeals()), "win rate " + percent(m.winRate()) + "; " + count(m.lostDeals()) + " lost"),
        new Tile("Revenue", money.moneyShort(m.invoiceRevenue()), money.money(m.invoiceRevenue()) + " invoiced"),
        new Tile("Pocket margin", percent(m.pocketMarginPct()), "on deals with costs booked"),
        new Tile("Client satisfaction", Formats.score(m.meanSatisfaction()), "mean score, 0-100, surveyed deals"));
    String period = periodName(f.periodMonths());
    List<Section> sections = List.of(
        trend(f, withCharts, change),
        revenue(f, money, withCharts),
        winLose(f, money, period),
        matrix(f, period, withCharts),
        effects(f, period),
        moved(f, money),
        coverage(f, period));
    return new SummaryDocument(
        "Win-win summary: " + monthName,
        "Deals closed in " + monthName + ", as published by run " + f.runId() + ". Money in " + f.currency()
            + ". \"Win-win share\" is win-win deals out of classified won deals (both sides judged).",
        tiles, sections,
        "Rendered by winwin " + version + " from the Parquet reports under " + outputRoot
            + " only; survey comments never appear here. Report definitions: docs/reports.md.");
  }

  private static Section trend(SummaryFigures f, boolean withCharts, String change) {
    MonthFigures m = f.thisMonth();
    List<String> sentences = new ArrayList<>();
    sentences.add("Win-win share was **" + percent(m.winWin()) + "** of " + count(m.classifiedDeals()) + " classified deals in "
        + month(f.month()) + " (95% interval " + interval(m) + "; " + change + ").");
    if (m.provisional()) {
      sentences.add(month(f.month()) + " is **provisional**: only " + percent(new Share(m.classifiedDeals(), m.wonDeals()))
          + " of its won deals are classified yet" + f.provisionalBelow().map(t -> " (a month needs " + percent(t.doubleValue()) + ")").orElse("")
          + ", and its share will move as surveys and costs arrive.");
    }
    List<Double> shares = f.trend().stream().flatMap(t -> t.winWin().value().stream()).toList();
    if (shares.size() > 1) {
      sentences.add("From " + month(f.periodMonths().get(0)) + " to " + month(f.month()) + " it ranged from **"
          + percent(shares.stream().min(Double::compare).orElseThrow()) + "** to **" + percent(shares.stream().max(Double::compare).orElseThrow())
          + "**.");
    }
    List<String> notes = new ArrayList<>();
    if (f.periodMonths().size() < SummaryReader.TREND_MONTHS) {
      notes.add("Only " + f.periodMonths().size() + " of the " + SummaryReader.TREND_MONTHS + " months to " + month(f.month())
          + " are published; a backfill of the earlier months completes the trend.");
    }
    notes.add("Dashed: the 95% interval of each month's share, wide where few deals are classified. " + PROVISIONAL_MARK
        + " provisional: fewer than " + f.provisionalBelow().map(t -> percent(t.doubleValue())).orElse("the required share")
        + " of the month's won deals are classified yet (surveys and costs arrive after a deal closes).");
    List<List<String>> rows = new ArrayList<>();
    for (MonthFigures t : f.trend()) {
      rows.add(List.of(monthLabel(t), count(t.wonDeals()), count(t.classifiedDeals()), count(t.winWinDeals()),
          percent(t.winWin()), interval(t), percent(t.unclassified())));
    }
    Table table = new Table(List.of("Month", "Won", "Classified", "Win-win", "Win-win share", "95% interval", "Unclassified"), rows, true);
    return new Section("Win-win share, last 12 months", sentences, withCharts ? Optional.of(SummaryCharts.trend(f.trend())) : Optional.empty(),
        "Win-win share of classified deals per month, with its 95% interval", List.of(table), notes);
  }

  /** A month as the trend labels it: {@code Oct 26}, with {@link #PROVISIONAL_MARK} when it is provisional. */
  static String monthLabel(MonthFigures month) {
    return Formats.shortMonth(month.month()) + (month.provisional() ? PROVISIONAL_MARK : "");
  }

  private static String interval(MonthFigures month) {
    return month.winWinInterval().map(i -> percent(i.low().doubleValue()) + "\u2013" + percent(i.high().doubleValue())).orElse(Formats.NONE);
  }

  private static Section revenue(SummaryFigures f, Formats money, boolean withCharts) {
    List<OutcomeRevenue> thisMonth = f.revenueThisMonth();
    BigDecimal total = thisMonth.stream().map(OutcomeRevenue::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<List<String>> rows = new ArrayList<>();
    Map<Outcome, OutcomeRevenue> byOutcome = new EnumMap<>(Outcome.class);
    for (OutcomeRevenue r : thisMonth) {
      byOutcome.put(r.outcome(), r);
      rows.add(List.of(r.outcome().label(), count(r.deals()), money.money(r.revenue()), revenueShare(r.revenue(), total)));
    }
    rows.add(List.of("Total", count(thisMonth.stream().mapToLong(OutcomeRevenue::deals).sum()), money.money(total),
        revenueShare(total, total)));
    OutcomeRevenue winWin = byOutcome.getOrDefault(Outcome.WIN_WIN, new OutcomeRevenue(Outcome.WIN_WIN, 0, BigDecimal.ZERO));
    OutcomeRevenue loseLose = byOutcome.getOrDefault(Outcome.LOSE_LOSE, new OutcomeRevenue(Outcome.LOSE_LOSE, 0, BigDecimal.ZERO));
    String sentence = "In " + month(f.month()) + ", win-win deals brought **" + money.money(winWin.revenue()) + "** ("
        + revenueShare(winWin.revenue(), total) + " of revenue) and lose-lose deals **" + money.money(loseLose.revenue()) + "** ("
        + revenueShare(loseLose.revenue(), total) + ").";
    Optional<String> chart = Optional.empty();
    if (withCharts) {
      Map<YearMonth, Map<Outcome, BigDecimal>> revenue = new TreeMap<>();
      f.revenueByOutcome().forEach((month, list) -> {
        Map<Outcome, BigDecimal> amounts = new EnumMap<>(Outcome.class);
        list.forEach(r -> amounts.put(r.outcome(), r.revenue()));
        revenue.put(month, amounts);
      });
      chart = Optional.of(SummaryCharts.revenueByOutcome(f.periodMonths(), revenue, f.currency()));
    }
    return new Section("Revenue by outcome", List.of(sentence), chart, "Invoice revenue per month by outcome, " + f.currency(), List.of(new Table(List.of("Outcome", "Deals", "Revenue", "Share of revenue"), rows)), List.of());
  }

  private static Section matrix(SummaryFigures f, String period, boolean withCharts) {
    Matrix matrix = f.matrix();
    List<String> sentences = new ArrayList<>();
    int bestM = -1;
    int bestS = -1;
    for (int mi = 0; mi < matrix.marginBands().size(); mi++) {
      for (int si = 0; si < matrix.satisfactionBands().size(); si++) {
        if (bestM < 0 || matrix.deals()[mi][si] > matrix.deals()[bestM][bestS]) {
          bestM = mi;
          bestS = si;
        }
      }
    }
    if (matrix.total() == 0) {
      sentences.add("No deal of " + period + " has both a pocket margin and a satisfaction score yet.");
    } else {
      int topM = matrix.marginBands().size() - 1;
      int topS = matrix.satisfactionBands().size() - 1;
      long premium = matrix.deals()[topM][topS] + (topM > 0 ? matrix.deals()[topM - 1][topS] : 0);
      sentences.add(count(matrix.total()) + " deals of " + period + " have both a pocket margin and a satisfaction score. The most "
          + "common cell is margin " + Formats.band(matrix.marginBands().get(bestM)) + " with satisfaction "
          + Formats.band(matrix.satisfactionBands().get(bestS))
          + " (**" + count(matrix.deals()[bestM][bestS]) + "** deals).");
      sentences.add("Premium value at a premium price (the two highest margin bands with the top satisfaction band): **"
          + count(premium) + "** deals, " + percent(new Share(premium, matrix.total())) + ".");
    }
    List<String> header = new ArrayList<>();
    header.add("Satisfaction / margin");
    matrix.marginBands().forEach(band -> header.add(Formats.band(band)));
    List<List<String>> rows = new ArrayList<>();
    for (int si = matrix.satisfactionBands().size() - 1; si >= 0; si--) {
      List<String> row = new ArrayList<>();
      row.add(Formats.band(matrix.satisfactionBands().get(si)));
      for (int mi = 0; mi < matrix.marginBands().size(); mi++) {
        row.add(count(matrix.deals()[mi][si]));
      }
      rows.add(row);
    }
    return new Section("Margin against satisfaction, " + period, sentences,
        withCharts ? Optional.of(SummaryCharts.matrix(matrix)) : Optional.empty(),
        "Deals by pocket-margin band and satisfaction band", List.of(new Table(header, rows, true)),
        List.of("Bands include their lower edge. Deals without a margin % or a satisfaction score are left out."));
  }

  private static Section moved(SummaryFigures f, Formats money) {
    List<String> sentences = new ArrayList<>();
    YearMonth recentStart = f.month().minusMonths(2);
    String recent = Formats.shortMonth(recentStart) + " to " + Formats.shortMonth(f.month());
    String before = Formats.shortMonth(f.month().minusMonths(5)) + " to " + Formats.shortMonth(recentStart.minusMonths(1));
    Optional<SegmentMove> top = f.segments().stream().filter(s -> s.changePoints().isPresent()).findFirst();
    top.ifPresentOrElse(s -> sentences.add("Segment that moved most: **" + s.segment() + "**, win-win share **"
            + points(s.changePoints().orElseThrow()) + "** (" + percent(s.before()) + " in " + before + ", " + percent(s.recent())
            + " in " + recent + ")."),
        () -> sentences.add("No segment has classified deals in both " + before + " and " + recent + " to compare."));
    List<List<String>> segmentRows = new ArrayList<>();
    for (SegmentMove s : f.segments()) {
      segmentRows.add(List.of(s.segment(), percent(s.before()) + " (" + count(s.before().whole()) + ")",
          percent(s.recent()) + " (" + count(s.recent().whole()) + ")", s.changePoints().map(Formats::points).orElse(Formats.NONE)));
    }
    List<Table> tables = new ArrayList<>();
    tables.add(new Table(List.of("Segment", "Win-win " + before + " (classified)", "Win-win " + recent + " (classified)", "Change"),
        segmentRows));
    List<String> notes = new ArrayList<>();
    f.accounts().ifPresentOrElse(accounts -> {
      long total = accounts.byTrajectory().values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> t = accounts.byTrajectory();
      sentences.add("Of " + count(total) + " accounts with won deals in the 12 months to " + month(f.month()) + ": **"
          + count(t.getOrDefault("converging", 0L)) + "** converging, " + count(t.getOrDefault("buying_loyalty", 0L))
          + " buying loyalty, **" + count(t.getOrDefault("extraction", 0L)) + "** in extraction, **"
          + count(t.getOrDefault("mutual_decline", 0L)) + "** in mutual decline, " + count(t.getOrDefault("steady", 0L)) + " steady.");
      List<List<String>> rows = new ArrayList<>();
      for (AccountMove a : accounts.movers()) {
        rows.add(List.of(a.accountName() == null ? a.accountId() : a.accountName(), a.trajectory().replace('_', ' '),
            count(a.deals()), money.money(a.revenue()),
            Formats.signed(a.marginPctSlope().doubleValue() * 100, 1) + " pp",
            Formats.signed(a.satisfactionSlope().doubleValue(), 1)));
      }
      if (!rows.isEmpty()) {
        tables.add(new Table(List.of("Account (steepest satisfaction trend)", "Trajectory", "Deals", "Revenue", "Margin / month",
            "Satisfaction / month"), rows));
      }
      notes.add("Trajectories come from least-squares trends of each account's pocket margin % and satisfaction over 12 months.");
    }, () -> sentences.add("No account_relationships report as of " + month(f.month()) + " is published (it is written by the run "
        + "whose last month is " + f.month() + ")."));
    return new Section("What moved", sentences, Optional.empty(), "", tables, notes, true);
  }

  private static Section winLose(SummaryFigures f, Formats money, String period) {
    WinLose m = f.winLoseMonth();
    WinLose p = f.winLosePeriod();
    List<String> sentences = List.of(
        "In " + month(f.month()) + " we (the provider) won **" + count(m.providerDeals()) + " of " + count(m.providerDeals() + m.clientDeals())
            + "** win-lose deals (" + percent(m.providerShare()) + ", " + money.money(m.providerRevenue()) + "); the client won "
            + count(m.clientDeals()) + " (" + money.money(m.clientRevenue()) + ").",
        "Over " + period + ": provider **" + count(p.providerDeals()) + "** (" + percent(p.providerShare()) + "), client **"
            + count(p.clientDeals()) + "**.");
    return new Section("Who wins the win-lose deals", sentences, Optional.empty(), "", List.of(), List.of());
  }

  private static Section effects(SummaryFigures f, String period) {
    SummaryFigures.Effects e = f.effects();
    Share procurement = e.byBuyerRole().getOrDefault("procurement", new Share(0, 0));
    Share executive = e.byBuyerRole().getOrDefault("executive", new Share(0, 0));
    Share business = e.byBuyerRole().getOrDefault("business", new Share(0, 0));
    Share commodity = e.byOfferingType().getOrDefault("commodity", new Share(0, 0));
    Share differentiated = e.byOfferingType().getOrDefault("differentiated", new Share(0, 0));
    List<String> sentences = List.of(
        "Pecking order: when procurement bought, **" + percent(procurement) + "** of classified deals were win-win " + of(procurement)
            + ", against **" + percent(executive) + "** with an executive buyer " + of(executive) + " and " + percent(business)
            + " with a business buyer.",
        "Commodity: commodity offerings ended win-win **" + percent(commodity) + "** of the time " + of(commodity)
            + ", differentiated ones **" + percent(differentiated) + "** " + of(differentiated) + ".",
        "Concession trading: where we gave 60% or more of the concession value, **" + percent(e.providerConcededMost())
            + "** of deals were win-win " + of(e.providerConcededMost()) + "; where concessions were traded (we gave under 40%), **"
            + percent(e.concessionsTraded()) + "** " + of(e.concessionsTraded()) + ".",
        "Skin in the game: fee-at-risk and gainshare deals were win-win **" + percent(e.atRiskPricing()) + "** of the time "
            + of(e.atRiskPricing()) + ", fixed-price and time-and-materials deals **" + percent(e.plainPricing()) + "** "
            + of(e.plainPricing()) + "; " + percent(e.feesAtRisk()) + " of all invoiced fees were at risk.",
        "Unselling: where we kept selling after the buyer had committed, classified deals were **" + percent(e.keptSelling().winWinShare())
            + "** win-win, " + percent(e.keptSelling().winLoseShare()) + " win-lose and " + percent(e.keptSelling().loseLoseShare())
            + " lose-lose (" + count(e.keptSelling().classified()) + " deals, mean satisfaction " + Formats.score(e.keptSelling().meanSatisfaction())
            + "); where we stopped at the commitment, **" + percent(e.stoppedSelling().winWinShare()) + "**, "
            + percent(e.stoppedSelling().winLoseShare()) + " and " + percent(e.stoppedSelling().loseLoseShare()) + " ("
            + count(e.stoppedSelling().classified()) + " deals, mean satisfaction " + Formats.score(e.stoppedSelling().meanSatisfaction()) + ").");
    return new Section("Negotiation effects, " + period, sentences, Optional.empty(), "", List.of(),
        List.of("Shares are of classified deals, with the counts in brackets. Kept selling: a provider offer, counter-offer or "
            + "concession on a (UTC) day after the buyer's commit date; deals without a commit date or timed negotiation events are in "
            + "neither group."));
  }

  private static Section coverage(SummaryFigures f, String period) {
    MonthFigures m = f.thisMonth();
    Map<String, Long> reasons = f.coverage().unclassifiedByReason();
    long unclassified = m.wonDeals() - m.classifiedDeals();
    List<String> sentences = new ArrayList<>();
    sentences.add("Of " + month(f.month()) + "'s " + count(m.wonDeals()) + " won deals, **" + count(unclassified) + " ("
        + percent(m.unclassified()) + ")** are not classified yet: " + count(reasons.getOrDefault("no_survey", 0L))
        + " have no survey response, " + count(reasons.getOrDefault("no_cost", 0L)) + " no cost lines and "
        + count(reasons.getOrDefault("no_survey_no_cost", 0L)) + " neither. They still count in revenue.");
    long won = f.trend().stream().mapToLong(MonthFigures::wonDeals).sum();
    long classified = f.trend().stream().mapToLong(MonthFigures::classifiedDeals).sum();
    sentences.add("Over " + period + ", " + percent(new Share(won - classified, won)) + " of " + count(won) + " won deals are unclassified.");
    Share overall = new Share(classified, won);
    underRepresented(f.coverage().classifiedBySegmentAndRole()).ifPresent(cell -> sentences.add("Survey non-response is not random: "
        + "classified deals under-represent **" + cell.getKey() + "**, of whose " + count(cell.getValue().whole()) + " won deals "
        + percent(cell.getValue()) + " are classified, against " + percent(overall) + " overall (every segment and buyer role below)."));
    Share withRejects = f.coverage().withRejectedInputsMonth();
    Share withRejectsPeriod = f.coverage().withRejectedInputsPeriod();
    sentences.add("Of " + month(f.month()) + "'s " + count(withRejects.whole()) + " classified deals, **" + count(withRejects.part()) + " ("
        + percent(withRejects) + ")** were judged although some of their cost lines, surveys, price adjustments or negotiation "
        + "events were rejected (" + count(withRejectsPeriod.part()) + " of " + count(withRejectsPeriod.whole()) + ", "
        + percent(withRejectsPeriod) + ", over " + period + "); deal_outcomes counts them in rejected_input_rows.");
    List<List<String>> rows = new ArrayList<>();
    long rejectedTotal = 0;
    for (Map.Entry<String, Long> source : f.coverage().rejectedBySource().entrySet()) {
      Long read = f.coverage().readBySource().get(source.getKey());
      rejectedTotal += source.getValue();
      rows.add(List.of(source.getKey(), read == null ? Formats.NONE : count(read), count(source.getValue()),
          read == null ? Formats.NONE : percent(new Share(source.getValue(), read))));
    }
    sentences.add("The run rejected **" + count(rejectedTotal) + "** input rows; the rejects report holds each with its reasons"
        + " until a later run replaces it, and the run's manifest keeps the counts per reason.");
    return new Section("Data coverage", sentences, Optional.empty(), "",
        List.of(coverageTable(f.coverage().classifiedBySegmentAndRole()),
            new Table(List.of("Source", "Rows read", "Rejected", "Rejected share"), rows)),
        List.of("Segment × buyer role: the classified share of the won deals of " + period + ", their number in brackets."), true);
  }

  /** Classified share of won deals per segment (rows) and buyer role (columns), and per segment. */
  private static Table coverageTable(Map<String, Map<String, Share>> bySegmentAndRole) {
    List<String> header = new ArrayList<>(List.of("Segment, classified of won"));
    BUYER_ROLES.forEach(role -> header.add(roleName(role)));
    header.add("All buyers");
    List<List<String>> rows = new ArrayList<>();
    bySegmentAndRole.forEach((segment, byRole) -> {
      List<String> row = new ArrayList<>(List.of(segment));
      BUYER_ROLES.forEach(role -> row.add(coverageCell(byRole.getOrDefault(role, new Share(0, 0)))));
      row.add(coverageCell(byRole.values().stream().reduce(new Share(0, 0), (a, b) -> new Share(a.part() + b.part(), a.whole() + b.whole()))));
      rows.add(row);
    });
    return new Table(header, rows);
  }

  private static String coverageCell(Share share) {
    return share.whole() == 0 ? Formats.NONE : percent(share) + " (" + count(share.whole()) + ")";
  }

  /** The segment × buyer role with the lowest classified share among those with enough won deals. */
  private static Optional<Map.Entry<String, Share>> underRepresented(Map<String, Map<String, Share>> bySegmentAndRole) {
    Map.Entry<String, Share> lowest = null;
    for (Map.Entry<String, Map<String, Share>> segment : bySegmentAndRole.entrySet()) {
      for (String role : BUYER_ROLES) {
        Share share = segment.getValue().get(role);
        if (share != null && share.whole() >= MIN_COVERAGE_CELL
            && (lowest == null || share.value().orElseThrow() < lowest.getValue().value().orElseThrow())) {
          lowest = Map.entry(segment.getKey() + " deals with " + (role == null ? "an unknown" : article(role) + " " + role) + " buyer", share);
        }
      }
    }
    return Optional.ofNullable(lowest);
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String roleName(String role) {
    return role == null ? "Unknown" : Character.toUpperCase(role.charAt(0)) + role.substring(1);
  }

  private static String of(Share share) {
    return "(" + count(share.part()) + " of " + count(share.whole()) + ")";
  }

  private static String revenueShare(BigDecimal part, BigDecimal total) {
    return total.signum() == 0 ? Formats.NONE : percent(part.doubleValue() / total.doubleValue());
  }

  private static String periodName(List<YearMonth> months) {
    if (months.size() == 1) {
      return month(months.get(0));
    }
    return Formats.shortMonth(months.get(0)) + " to " + Formats.shortMonth(months.get(months.size() - 1));
  }
}
