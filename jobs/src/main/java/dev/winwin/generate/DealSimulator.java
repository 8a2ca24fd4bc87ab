package dev.winwin.generate;

import dev.winwin.generate.Catalog.Account;
import dev.winwin.generate.Catalog.Offering;
import dev.winwin.generate.Catalog.Rep;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;

/**
 * Simulates the clean deal history: every deal with its versions, price adjustments, cost lines,
 * survey responses and negotiation events, each line with the month it is exported in. The
 * distributions are documented on {@link DealHistoryGenerator}; this class only draws them, in a
 * fixed order, from one seeded {@link Draw}.
 */
final class DealSimulator {
  private static final double OPEN_SHARE = 0.10;
  private static final double VERSIONED_SHARE = 0.10;
  private static final double NEGOTIATED_SHARE = 0.5;
  /** Of the won deals with negotiation events and a commit date two or more days before close. */
  private static final double SELLS_AFTER_COMMIT_SHARE = 0.35;
  /** What the provider's moves after the commit give away, as a share of list, off the invoice. */
  private static final double GIVEN_AFTER_COMMIT_LOW = 0.02;
  private static final double GIVEN_AFTER_COMMIT_HIGH = 0.06;
  /** How much selling to a buyer who is already sold lowers the latent satisfaction. */
  private static final double UNSOLD_SATISFACTION = 0.12;
  private static final List<String> AFTER_COMMIT_KINDS = List.of("offer", "counter", "concession");
  private static final List<String> BUYER_ROLES = List.of("procurement", "business", "executive");
  private static final List<String> SOURCINGS =
      List.of("direct", "rfp", "reverse_auction", "renewal");
  private static final List<String> PRICING_MODELS =
      List.of("fixed", "time_and_materials", "fee_at_risk", "gainshare");
  private static final List<String> LOSS_REASONS =
      List.of("price", "competitor", "no_decision", "timing", "scope");
  private static final List<String> ELEMENTS =
      List.of("rebate", "payment_terms", "freight", "free_service", "other");
  private static final List<String> TRADES = List.of("prepay", "term", "volume", "reference");
  private static final List<String> CLIENT_KINDS = List.of("counter", "concession", "trade");
  private static final List<String> ROLES = List.of("decision_maker", "influencer", "end_user");
  private static final List<String> HAPPY_COMMENTS =
      List.of(
          "Great team, delivered ahead of plan",
          "The \"fee at risk\" model kept everyone focused on results",
          "Clear results; would buy again",
          "Responsive, knowledgeable, fair");
  private static final List<String> UNHAPPY_COMMENTS =
      List.of(
          "Too many change requests, too little value",
          "Felt like we paid for \"premium\" and got standard",
          "Slow response times",
          "Price was all that mattered, and it shows");
  private static final List<String> NEUTRAL_COMMENTS =
      List.of("OK overall", "Onboarding took longer than expected, but fine now", "No complaints");

  /** The deal as recorded in one version row; {@code null} fields are written empty. */
  private record Deal(
      String id,
      Account account,
      Rep rep,
      Offering offering,
      String buyerRole,
      String sourcing,
      String pricingModel,
      String stage,
      LocalDate created,
      LocalDate commit,
      LocalDate close,
      double list,
      Double invoice,
      Double atRisk,
      String lossReason) {

    Deal asOpen(double listFactor) {
      return new Deal(
          id, account, rep, offering, buyerRole, sourcing, pricingModel, "open", created, null,
          null, list * listFactor, null, null, null);
    }

    Deal withInvoice(double factor) {
      return new Deal(
          id, account, rep, offering, buyerRole, sourcing, pricingModel, stage, created, commit,
          close, list, invoice * factor, atRisk, lossReason);
    }
  }

  /** What a deal's true (not necessarily recorded) attributes imply for its negotiation. */
  private record Drivers(
      String buyerRole, String sourcing, String pricingModel, double oneSided, double discount) {
    boolean skinInTheGame() {
      return pricingModel.equals("fee_at_risk") || pricingModel.equals("gainshare");
    }
  }

  /**
   * How a closed deal was negotiated: whether it has negotiation events, the invoice agreed by the
   * commit, and what the provider gave away in moves after the buyer had committed (zero unless
   * it kept selling).
   */
  private record Negotiation(boolean held, double agreedInvoice, double givenAfterCommit) {
    boolean soldAfterCommit() {
      return givenAfterCommit > 0;
    }
  }

  private final DealHistoryGenerator.Options options;
  private final Catalog catalog;
  private final FxCurve fx;
  private final Draw draw;
  private final Ids ids;
  private final YearMonth firstMonth;
  private final Instant horizon;
  private final ExportMonths months;
  private final EnumMap<Source, List<Line>> lines = new EnumMap<>(Source.class);

  private DealSimulator(
      DealHistoryGenerator.Options options, Catalog catalog, FxCurve fx, Draw draw, Ids ids) {
    this.options = options;
    this.catalog = catalog;
    this.fx = fx;
    this.draw = draw;
    this.ids = ids;
    this.firstMonth = options.end().minusMonths(options.months() - 1L);
    this.horizon = options.end().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    this.months = new ExportMonths(fx.first(), options.end());
    for (Source source : Source.values()) {
      lines.put(source, new ArrayList<>());
    }
  }

  /**
   * Simulates {@code options.deals()} deals; the FX table is simulated by one chunk only, so
   * {@code withFxRates} is false for every other chunk of a history simulated in chunks.
   */
  static EnumMap<Source, List<Line>> simulate(
      DealHistoryGenerator.Options options, Catalog catalog, FxCurve fx, Draw draw, Ids ids, boolean withFxRates) {
    DealSimulator simulator = new DealSimulator(options, catalog, fx, draw, ids);
    simulator.run();
    if (!withFxRates) {
      simulator.lines.get(Source.FX_RATES).clear();
    }
    return simulator.lines;
  }

  private void run() {
    int open = (int) Math.round(options.deals() * OPEN_SHARE);
    int[] perMonth = closedDealsPerMonth(options.deals() - open);
    for (int m = 0; m < perMonth.length; m++) {
      for (int i = 0; i < perMonth[m]; i++) {
        closedDeal(firstMonth.plusMonths(m), m / (double) Math.max(1, perMonth.length - 1));
      }
    }
    for (int i = 0; i < open; i++) {
      openDeal();
    }
    lines.get(Source.FX_RATES).addAll(fx.lines());
  }

  /** Mild growth over the range and a quarter-end rush, allocated by cumulative rounding. */
  private int[] closedDealsPerMonth(int closed) {
    int months = options.months();
    double[] cumulative = new double[months];
    double total = 0;
    for (int m = 0; m < months; m++) {
      boolean quarterEnd = firstMonth.plusMonths(m).getMonthValue() % 3 == 0;
      total += (1 + 0.25 * m / Math.max(1, months - 1)) * (quarterEnd ? 1.3 : 1.0);
      cumulative[m] = total;
    }
    int[] counts = new int[months];
    long previous = 0;
    for (int m = 0; m < months; m++) {
      long upTo = Math.round(closed * cumulative[m] / total);
      counts[m] = (int) (upTo - previous);
      previous = upTo;
    }
    return counts;
  }

  private void closedDeal(YearMonth month, double progress) {
    Account account = catalog.anyAccount(draw);
    Offering offering = draw.pick(Catalog.OFFERINGS, Catalog.OFFERING_WEIGHTS);
    Rep rep = draw.chance(0.85) ? account.rep() : draw.any(catalog.reps());
    Drivers drivers = drivers(account, offering, rep);
    LocalDate close = month.atDay(draw.between(1, month.lengthOfMonth()));
    boolean won = draw.chance(winProbability(drivers));
    LocalDate created = close.minusDays(draw.between(20, 200));
    LocalDate commit = won && draw.chance(0.85) ? close.minusDays(draw.between(0, 19)) : null;
    double list = listAmount(account, offering, month);
    Negotiation negotiation = negotiation(list * (1 - drivers.discount()), list, commit, close);
    double invoice = negotiation.agreedInvoice() - negotiation.givenAfterCommit();
    Deal deal =
        new Deal(
            ids.nextDeal(),
            account,
            rep,
            offering,
            recorded(drivers.buyerRole(), 0.04),
            recorded(drivers.sourcing(), 0.03),
            recorded(drivers.pricingModel(), 0.02),
            won ? "won" : "lost",
            created,
            commit,
            close,
            list,
            invoice,
            atRisk(drivers, invoice),
            won ? null : lossReason(drivers));
    String finalMonth = writeVersions(deal);
    if (won) {
      adjustments(deal, drivers, finalMonth);
      costs(deal, drivers, progress);
      surveys(deal, drivers, progress, negotiation);
    }
    if (negotiation.held()) {
      events(deal, drivers, negotiation);
    }
  }

  /**
   * Half of the closed deals have negotiation events. Of the won ones among them with a commit
   * date at least two days before close, {@link #SELLS_AFTER_COMMIT_SHARE} are deals where the
   * provider kept selling after the buyer had committed: those moves give away 2–6% of list,
   * taken off the invoice agreed by the commit.
   */
  private Negotiation negotiation(double agreedInvoice, double list, LocalDate commit, LocalDate close) {
    boolean held = draw.chance(NEGOTIATED_SHARE);
    boolean roomAfterCommit = commit != null && commit.isBefore(close.minusDays(1));
    boolean sellsAfterCommit = held && roomAfterCommit && draw.chance(SELLS_AFTER_COMMIT_SHARE);
    double given = sellsAfterCommit ? list * draw.uniform(GIVEN_AFTER_COMMIT_LOW, GIVEN_AFTER_COMMIT_HIGH) : 0;
    return new Negotiation(held, agreedInvoice, given);
  }

  private void openDeal() {
    Account account = catalog.anyAccount(draw);
    Offering offering = draw.pick(Catalog.OFFERINGS, Catalog.OFFERING_WEIGHTS);
    Rep rep = draw.chance(0.85) ? account.rep() : draw.any(catalog.reps());
    Drivers drivers = drivers(account, offering, rep);
    LocalDate lastDay = options.end().atEndOfMonth();
    LocalDate created = lastDay.minusDays(draw.between(5, 180));
    double list = listAmount(account, offering, options.end());
    Deal deal =
        new Deal(
            ids.nextDeal(), account, rep, offering, recorded(drivers.buyerRole(), 0.04),
            recorded(drivers.sourcing(), 0.03), recorded(drivers.pricingModel(), 0.02), "open",
            created, null, null, list, null, null, null);
    Instant updated =
        instantsBefore(created, lastDay.atTime(18, 0).toInstant(ZoneOffset.UTC), 1).get(0);
    boolean roomForVersions =
        updated.isAfter(created.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC));
    List<Instant> earlier =
        draw.chance(VERSIONED_SHARE) && roomForVersions
            ? instantsBefore(created, updated, draw.between(1, 2))
            : List.of();
    addCreation(deal);
    for (Instant at : earlier) {
      addDeal(deal.asOpen(draw.uniform(1.0, 1.15)), at);
    }
    addDeal(deal, updated);
  }

  /**
   * The version a CRM exports when the opportunity is created: open, at the first list quoted (up
   * to 15% above the last), between 08:00 and 09:00 UTC on the created date, so before any other
   * version and any negotiation event. Every child row of a deal comes later, so no export month
   * holds a child whose deal has not been exported yet.
   */
  private void addCreation(Deal deal) {
    addDeal(deal.asOpen(draw.uniform(1.0, 1.15)), deal.created().atTime(8, draw.between(0, 59)).toInstant(ZoneOffset.UTC));
  }

  /**
   * One-sidedness (how much of the give-and-take comes from the provider) and on-invoice discount
   * both grow with procurement buyers, reverse auctions and commodity offerings.
   */
  private Drivers drivers(Account account, Offering offering, Rep rep) {
    boolean publicSector = account.segment().equals("public-sector");
    String role =
        offering.differentiated()
            ? draw.pick(BUYER_ROLES, publicSector ? 42 : 22, 48, 30)
            : draw.pick(BUYER_ROLES, publicSector ? 70 : 50, 35, 15);
    String sourcing;
    if (publicSector) {
      sourcing = draw.pick(SOURCINGS, 15, 55, 10, 20);
    } else if (role.equals("procurement")) {
      sourcing = draw.pick(SOURCINGS, 20, 40, offering.differentiated() ? 12 : 25, 20);
    } else {
      sourcing = draw.pick(SOURCINGS, 55, 15, 3, 27);
    }
    String pricing =
        offering.differentiated()
            ? draw.pick(PRICING_MODELS, 35, 30, 20, 15)
            : draw.pick(PRICING_MODELS, 55, 35, 7, 3);
    double oneSided =
        Draw.clamp(
            0.5
                + (role.equals("procurement") ? 0.12 : 0)
                - (role.equals("executive") ? 0.10 : 0)
                + (sourcing.equals("reverse_auction") ? 0.15 : 0)
                + (sourcing.equals("rfp") ? 0.05 : 0)
                + rep.concessionBias()
                + draw.gaussian(0, 0.12),
            0.1,
            0.95);
    double discount =
        Draw.clamp(
            0.04
                + (offering.differentiated() ? 0 : 0.07)
                + (role.equals("procurement") ? 0.04 : 0)
                - (role.equals("executive") ? 0.02 : 0)
                + (sourcing.equals("reverse_auction") ? 0.08 : 0)
                + (sourcing.equals("rfp") ? 0.03 : 0)
                + 0.12 * (oneSided - 0.5)
                + rep.discountBias()
                + draw.gaussian(0, 0.025),
            0,
            0.45);
    return new Drivers(role, sourcing, pricing, oneSided, discount);
  }

  private double winProbability(Drivers drivers) {
    return 0.60
        + (drivers.buyerRole().equals("executive") ? 0.06 : 0)
        - (drivers.buyerRole().equals("procurement") ? 0.04 : 0)
        + (drivers.sourcing().equals("renewal") ? 0.08 : 0)
        - (drivers.sourcing().equals("reverse_auction") ? 0.06 : 0);
  }

  /** Optional fields are sometimes not filled in the CRM; the true value still drives the deal. */
  private String recorded(String value, double blankShare) {
    return draw.chance(blankShare) ? null : value;
  }

  /** Log-normal list price in USD by segment, converted to the account's currency. */
  private double listAmount(Account account, Offering offering, YearMonth month) {
    double median =
        switch (account.segment()) {
          case "enterprise" -> 240_000;
          case "mid-market" -> 70_000;
          case "public-sector" -> 130_000;
          default -> 18_000;
        };
    double usd = median * offering.sizeFactor() * Math.exp(draw.gaussian(0, 0.7));
    return Math.max(500, usd) / fx.rate(account.currency(), month);
  }

  /** Fees at risk are 10–30% of the invoice, gainshares 15–40%; other models rarely any. */
  private Double atRisk(Drivers drivers, double invoice) {
    return switch (drivers.pricingModel()) {
      case "fee_at_risk" -> invoice * draw.uniform(0.10, 0.30);
      case "gainshare" -> invoice * draw.uniform(0.15, 0.40);
      default -> {
        if (draw.chance(0.05)) {
          yield invoice * draw.uniform(0.0, 0.05);
        }
        yield draw.chance(0.3) ? null : 0.0;
      }
    };
  }

  private String lossReason(Drivers drivers) {
    double price = drivers.buyerRole().equals("procurement") ? 55 : 35;
    return recorded(draw.pick(LOSS_REASONS, price, 25, 20, 10, 10), 0.10);
  }

  /**
   * Every closed deal is exported when it is created; about 10% have further earlier versions:
   * open snapshots while the deal was being negotiated (list a little higher), and in three cases
   * of ten a same-stage correction of the invoice on the close day, a few hours before the final
   * version.
   *
   * @return the export month of the final version
   */
  private String writeVersions(Deal deal) {
    Instant finalAt =
        min(
            deal.close().atTime(draw.between(8, 19), draw.between(0, 59))
                .plusDays(draw.between(0, 3))
                .toInstant(ZoneOffset.UTC),
            horizon.minusSeconds(60));
    if (draw.chance(VERSIONED_SHARE)) {
      int earlier = draw.between(1, 2);
      boolean correction = draw.chance(0.3);
      Instant correctionAt = finalAt.minus(Duration.ofHours(draw.between(1, 6)));
      Instant openUntil = deal.close().minusDays(1).atTime(17, 0).toInstant(ZoneOffset.UTC);
      List<Instant> snapshots =
          instantsBefore(deal.created(), openUntil, correction ? earlier - 1 : earlier);
      addCreation(deal);
      for (Instant at : snapshots) {
        addDeal(deal.asOpen(draw.uniform(1.0, 1.15)), at);
      }
      if (correction) {
        addDeal(deal.withInvoice(draw.uniform(0.97, 1.0)), correctionAt);
      }
    } else {
      addCreation(deal);
    }
    addDeal(deal, finalAt);
    return months.of(finalAt);
  }

  private void addDeal(Deal deal, Instant updatedAt) {
    lines
        .get(Source.DEALS)
        .add(
            Line.row(
                months.of(updatedAt),
                deal.id(),
                IsoText.instant(updatedAt),
                deal.account().id(),
                deal.account().name(),
                deal.account().segment(),
                deal.account().region(),
                deal.rep().id(),
                deal.offering().name(),
                deal.offering().type(),
                deal.buyerRole(),
                deal.sourcing(),
                deal.pricingModel(),
                deal.stage(),
                text(deal.created()),
                text(deal.commit()),
                text(deal.close()),
                deal.account().currency(),
                Draw.money(deal.list()),
                deal.invoice() == null ? null : Draw.money(deal.invoice()),
                deal.atRisk() == null ? null : Draw.money(deal.atRisk()),
                deal.lossReason()));
  }

  /**
   * Off-invoice items for about 40% of won deals (more with procurement, fewer with executives):
   * 1–3 distinct elements worth 1–12% of the invoice, traded for something in return unless the
   * negotiation was one-sided. They have no date of their own and are exported with the deal's
   * final version, in {@code month}.
   */
  private void adjustments(Deal deal, Drivers drivers, String month) {
    double probability =
        0.40
            + (drivers.buyerRole().equals("procurement") ? 0.12 : 0)
            - (drivers.buyerRole().equals("executive") ? 0.10 : 0);
    if (!draw.chance(probability)) {
      return;
    }
    double share =
        0.01
            + draw.exponential(0.02)
            + (drivers.buyerRole().equals("procurement") ? 0.01 : 0);
    double total = deal.invoice() * Math.min(0.12, share);
    List<String> elements = new ArrayList<>(ELEMENTS);
    int count = draw.pick(List.of(1, 2, 3), 55, 30, 15);
    double[] shares = shares(count);
    for (int i = 0; i < count; i++) {
      String element = elements.remove(draw.between(0, elements.size() - 1));
      String tradedFor = draw.chance(1 - drivers.oneSided()) ? draw.any(TRADES) : "none";
      lines
          .get(Source.PRICE_ADJUSTMENTS)
          .add(
              Line.row(
                  month,
                  ids.nextAdjustment(),
                  deal.id(),
                  element,
                  Draw.money(total * shares[i]),
                  deal.account().currency(),
                  tradedFor));
    }
  }

  /**
   * Delivery cost for 95% of won deals: list × a cost ratio around the offering's (commodities
   * cost more), lower with skin in the game and falling over time for drifting accounts. The main
   * line is booked in the close month, others up to three months later — lines that would fall
   * after the end month are not booked yet. About 4% of deals carry a credit.
   */
  private void costs(Deal deal, Drivers drivers, double progress) {
    if (!draw.chance(0.95)) {
      return;
    }
    double ratio =
        Draw.clamp(
            deal.offering().costRatio()
                + deal.account().costBias()
                + draw.gaussian(0, 0.07)
                - (drivers.skinInTheGame() ? 0.04 : 0)
                - (deal.account().drifting() ? 0.12 * progress : 0),
            0.2,
            1.1);
    double total = deal.list() * ratio;
    YearMonth closeMonth = YearMonth.from(deal.close());
    List<String> others =
        new ArrayList<>(
            deal.offering().differentiated()
                ? List.of("subcontract", "cost_to_serve", "warranty")
                : List.of("delivery_labor", "cost_to_serve", "warranty"));
    String main = deal.offering().differentiated() ? "delivery_labor" : "cogs";
    int count = draw.pick(List.of(1, 2, 3, 4), 25, 35, 25, 15);
    double mainShare = count == 1 ? 1.0 : draw.uniform(0.5, 0.8);
    double[] rest = shares(Math.max(1, count - 1));
    double credit = 0;
    YearMonth creditMonth = closeMonth.plusMonths(draw.between(0, 2));
    if (draw.chance(0.04) && !creditMonth.isAfter(options.end())) {
      credit = total * draw.uniform(0.01, 0.05);
      addCost(deal, draw.any(List.of("cogs", "subcontract", "warranty")), -credit, creditMonth);
    }
    addCost(deal, main, total * mainShare + credit, closeMonth);
    for (int i = 0; i < count - 1; i++) {
      YearMonth period = closeMonth.plusMonths(draw.between(0, 3));
      String type = others.remove(draw.between(0, others.size() - 1));
      if (!period.isAfter(options.end())) {
        addCost(deal, type, total * (1 - mainShare) * rest[i], period);
      }
    }
  }

  private void addCost(Deal deal, String type, double amount, YearMonth period) {
    lines
        .get(Source.COST_LINES)
        .add(
            Line.row(
                months.of(period),
                ids.nextCost(),
                deal.id(),
                type,
                Draw.money(amount),
                deal.account().currency(),
                period.toString()));
  }

  /**
   * Responses for 65% of won deals, 1–4 each, 0–5 months after close, none after the end month.
   * A latent satisfaction is higher with skin in the game, differentiated offerings and executive
   * buyers, lower with procurement, reverse auctions, one-sided negotiations and selling after the
   * buyer had committed, and falls over time for drifting accounts; each score adds respondent
   * noise to it on its own scale.
   */
  private void surveys(Deal deal, Drivers drivers, double progress, Negotiation negotiation) {
    if (!draw.chance(0.65)) {
      return;
    }
    double latent =
        0.55
            + (drivers.skinInTheGame() ? 0.12 : 0)
            + (deal.offering().differentiated() ? 0.08 : 0)
            + (drivers.buyerRole().equals("executive") ? 0.08 : 0)
            - (drivers.buyerRole().equals("procurement") ? 0.10 : 0)
            - (drivers.sourcing().equals("reverse_auction") ? 0.12 : 0)
            + (drivers.sourcing().equals("renewal") ? 0.04 : 0)
            - 0.25 * (drivers.oneSided() - 0.5)
            - (negotiation.soldAfterCommit() ? UNSOLD_SATISFACTION : 0)
            + deal.account().satisfactionBias()
            - (deal.account().drifting() ? 0.30 * progress : 0)
            + draw.gaussian(0, 0.08);
    int count = draw.pick(List.of(1, 2, 3, 4), 40, 30, 20, 10);
    for (int i = 0; i < count; i++) {
      survey(deal, latent);
    }
  }

  private void survey(Deal deal, double latent) {
    String role = draw.pick(ROLES, 35, 35, 30);
    boolean csat = draw.chance(0.6);
    double felt = Draw.clamp(latent + draw.gaussian(0, 0.12), 0, 1);
    int score = csat ? 1 + (int) Math.round(felt * 4) : (int) Math.round(felt * 10);
    boolean satisfied = csat ? score >= 4 : score >= 7;
    long days = 2 + Math.min(148, Math.round(draw.exponential(30)));
    Instant at =
        deal.close()
            .plusDays(days)
            .atTime(draw.between(7, 20), draw.between(0, 59))
            .toInstant(ZoneOffset.UTC);
    boolean lukewarm = csat ? score == 3 : score >= 5 && score <= 7;
    String comment = draw.chance(0.5) ? comment(satisfied, lukewarm) : null;
    if (at.isBefore(horizon)) {
      lines
          .get(Source.SURVEYS)
          .add(
              Line.row(
                  months.of(at),
                  ids.nextResponse(),
                  deal.id(),
                  deal.account().id(),
                  role,
                  csat ? "csat" : "nps",
                  Integer.toString(score),
                  IsoText.instant(at),
                  comment));
    }
  }

  private String comment(boolean satisfied, boolean lukewarm) {
    if (lukewarm) {
      return draw.any(NEUTRAL_COMMENTS);
    }
    return draw.any(satisfied ? HAPPY_COMMENTS : UNHAPPY_COMMENTS);
  }

  /**
   * 2–8 moves between creation and the day before close, or up to the commit date when the buyer
   * committed. The provider opens with an offer that gives nothing; of the later moves, the deal's
   * one-sidedness decides how many are the provider's, in random order. Every later move gives
   * value (counters and revised offers half as much as concessions and trades): the provider
   * about the on-invoice discount agreed in all, the client in proportion (1 − one-sidedness) /
   * one-sidedness, so the concession asymmetry follows the one-sidedness. A provider that kept
   * selling after the commit adds 1–3 offers, counters or concessions on later days before close,
   * which together give what {@link Negotiation#givenAfterCommit} says.
   */
  private void events(Deal deal, Drivers drivers, Negotiation negotiation) {
    int count = draw.between(2, 8);
    List<Boolean> byProvider = new ArrayList<>();
    int providerMoves = (int) Math.round(drivers.oneSided() * (count - 1));
    for (int i = 1; i < count; i++) {
      byProvider.add(i <= providerMoves);
    }
    draw.shuffle(byProvider);
    byProvider.add(0, true);
    List<String> kinds = new ArrayList<>(List.of("offer"));
    for (int i = 1; i < count; i++) {
      kinds.add(byProvider.get(i) ? providerKind(drivers) : draw.pick(CLIENT_KINDS, 40, 35, 25));
    }
    double providerValue =
        Math.max(deal.list() * 0.005, (deal.list() - negotiation.agreedInvoice()) * draw.uniform(0.7, 1.0));
    double clientValue =
        providerValue * (1 - drivers.oneSided()) / drivers.oneSided() * draw.uniform(0.7, 1.3);
    double[] values = eventValues(byProvider, kinds, providerValue, clientValue);
    Instant dayBeforeClose = deal.close().minusDays(1).atTime(17, 0).toInstant(ZoneOffset.UTC);
    Instant lastBeforeCommit =
        deal.commit() == null ? dayBeforeClose : min(deal.commit().atTime(17, 0).toInstant(ZoneOffset.UTC), dayBeforeClose);
    List<Instant> times = instantsBefore(deal.created(), lastBeforeCommit, count);
    for (int i = 0; i < count; i++) {
      addEvent(deal, i + 1, times.get(i), byProvider.get(i) ? "provider" : "client", kinds.get(i), values[i]);
    }
    if (negotiation.soldAfterCommit()) {
      int after = draw.between(1, 3);
      List<String> afterKinds = new ArrayList<>();
      double[] weights = new double[after];
      double total = 0;
      for (int i = 0; i < after; i++) {
        afterKinds.add(draw.pick(AFTER_COMMIT_KINDS, 30, 20, 50));
        weights[i] = moveWeight(afterKinds.get(i));
        total += weights[i];
      }
      List<Instant> afterTimes = instantsBefore(deal.commit().plusDays(1), dayBeforeClose, after);
      for (int i = 0; i < after; i++) {
        addEvent(deal, count + i + 1, afterTimes.get(i), "provider", afterKinds.get(i),
            negotiation.givenAfterCommit() * weights[i] / total);
      }
    }
  }

  private void addEvent(Deal deal, int seq, Instant at, String party, String kind, double value) {
    lines
        .get(Source.NEGOTIATION_EVENTS)
        .add(
            Line.row(
                months.of(at),
                ids.nextEvent(),
                deal.id(),
                Integer.toString(seq),
                IsoText.instant(at),
                party,
                kind,
                Draw.money(value)));
  }

  private String providerKind(Drivers drivers) {
    if (draw.chance(0.15)) {
      return "offer";
    }
    return draw.chance(drivers.oneSided()) ? "concession" : "trade";
  }

  /** Splits each party's total over its moves after the opening offer, by random weights. */
  private double[] eventValues(
      List<Boolean> byProvider, List<String> kinds, double provider, double client) {
    double[] weights = new double[kinds.size()];
    double providerWeight = 0;
    double clientWeight = 0;
    for (int i = 1; i < weights.length; i++) {
      weights[i] = moveWeight(kinds.get(i));
      if (byProvider.get(i)) {
        providerWeight += weights[i];
      } else {
        clientWeight += weights[i];
      }
    }
    double[] values = new double[weights.length];
    for (int i = 1; i < weights.length; i++) {
      values[i] =
          byProvider.get(i)
              ? provider * weights[i] / providerWeight
              : client * weights[i] / clientWeight;
    }
    return values;
  }

  /** A random weight for a move's share of its party's value: revised offers and counters give half as much. */
  private double moveWeight(String kind) {
    boolean partial = kind.equals("offer") || kind.equals("counter");
    return draw.uniform(0.5, 1.5) * (partial ? 0.5 : 1.0);
  }

  /** Random weights that sum to one. */
  private double[] shares(int count) {
    double[] shares = new double[count];
    double sum = 0;
    for (int i = 0; i < count; i++) {
      shares[i] = draw.uniform(0.5, 1.5);
      sum += shares[i];
    }
    for (int i = 0; i < count; i++) {
      shares[i] /= sum;
    }
    return shares;
  }

  /** {@code count} rising whole minutes from 09:00 on {@code from} to {@code until}. */
  private List<Instant> instantsBefore(LocalDate from, Instant until, int count) {
    long start = from.atTime(9, 0).toEpochSecond(ZoneOffset.UTC) / 60;
    long end = Math.max(start + count, until.getEpochSecond() / 60 - 1);
    long[] minutes = new long[count];
    for (int i = 0; i < count; i++) {
      minutes[i] = start + (long) (draw.uniform(0, 1) * (end - start - count));
    }
    Arrays.sort(minutes);
    List<Instant> instants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      instants.add(Instant.ofEpochSecond((minutes[i] + i) * 60));
    }
    return instants;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String text(LocalDate date) {
    return date == null ? null : IsoText.date(date);
  }
}
