package dev.winwin.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fixed cast of a generated history, drawn once from the seed: offerings, reps and accounts.
 *
 * <p>Each account has a segment, a region, a currency that follows the region (about 70% of deals
 * end up in USD), an owning rep from its region, a weight for how often it buys (log-normal, so a
 * few accounts buy often), a personal bias on cost and on satisfaction, and for about 6% of
 * accounts a drift: their margin rises and their satisfaction falls over the months.
 */
final class Catalog {
  static final List<String> SEGMENTS = List.of("enterprise", "mid-market", "public-sector", "smb");
  static final List<String> REGIONS = List.of("na", "emea", "apac", "latam");
  /** Base currency first; the others get monthly rates in fx_rates. */
  static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "AUD");

  /** A service or product line; {@code costRatio} is the typical delivery cost per unit of list. */
  record Offering(String name, boolean differentiated, double costRatio, double sizeFactor) {
    String type() {
      return differentiated ? "differentiated" : "commodity";
    }
  }

  /** A sales professional; the biases shift their discounts and how one-sided they concede. */
  record Rep(String id, String region, double discountBias, double concessionBias) {}

  record Account(
      String id,
      String name,
      String segment,
      String region,
      String currency,
      Rep rep,
      double weight,
      double costBias,
      double satisfactionBias,
      boolean drifting) {}

  /**
   * Differentiated offerings cost about 65% of list to deliver, commodities about 71%; together
   * with their deeper discounts that centres margins near the 0.30 and 0.15 targets.
   */
  static final List<Offering> OFFERINGS =
      List.of(
          new Offering("Cloud Migration", true, 0.665, 1.2),
          new Offering("Managed Security", true, 0.685, 1.0),
          new Offering("Data Platform", true, 0.655, 1.1),
          new Offering("Advisory", true, 0.615, 0.6),
          new Offering("Help Desk", false, 0.70, 0.8),
          new Offering("Hardware Resale", false, 0.73, 1.4),
          new Offering("Field Services", false, 0.71, 0.7));

  static final double[] OFFERING_WEIGHTS = {14, 14, 12, 10, 18, 16, 16};

  private static final List<String> NAME_STEMS =
      List.of(
          "Northwind", "Bluewater", "Granite", "Harbor", "Summit", "Cedar", "Ironbridge", "Lumen",
          "Meridian", "Oakridge", "Pioneer", "Redwood", "Silverline", "Tidewater", "Vantage",
          "Westfield", "Atlas", "Beacon", "Crescent", "Evergreen", "Falcon", "Keystone", "Orion",
          "Sterling");
  private static final List<String> INDUSTRIES =
      List.of(
          "Logistics", "Health", "Bank", "Energy", "Retail", "Foods", "Insurance", "Manufacturing",
          "Telecom", "Systems", "Pharma", "Airlines");
  private static final List<String> AGENCIES =
      List.of("County Council", "Transit Authority", "Water Board", "Health Service", "University");
  /** Legal forms by region; some contain a comma, which exercises CSV quoting. */
  private static final Map<String, List<String>> LEGAL_FORMS =
      Map.of(
          "na", List.of("Inc.", ", Inc.", "LLC", "Corp."),
          "emea", List.of("GmbH", "Ltd", "S.A.", "plc"),
          "apac", List.of("Pty Ltd", "Ltd", "K.K."),
          "latam", List.of("S.A.", "Ltda.", "S.A. de C.V."));
  private static final int[] REPS_PER_REGION = {9, 9, 4, 3};

  private final List<Rep> reps;
  private final List<Account> accounts;
  private final double[] accountWeights;

  private Catalog(List<Rep> reps, List<Account> accounts) {
    this.reps = List.copyOf(reps);
    this.accounts = List.copyOf(accounts);
    this.accountWeights = accounts.stream().mapToDouble(Account::weight).toArray();
  }

  /** About one account per twelve deals, between 20 and 250. */
  static Catalog draw(int deals, Draw draw) {
    List<Rep> reps = drawReps(draw);
    int count = Math.max(20, Math.min(250, deals / 12));
    List<Account> accounts = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    for (int i = 1; i <= count; i++) {
      accounts.add(drawAccount(String.format("A%04d", i), reps, names, draw));
    }
    return new Catalog(reps, accounts);
  }

  List<Rep> reps() {
    return reps;
  }

  Account anyAccount(Draw draw) {
    return draw.pick(accounts, accountWeights);
  }

  private static List<Rep> drawReps(Draw draw) {
    List<Rep> reps = new ArrayList<>();
    for (int region = 0; region < REGIONS.size(); region++) {
      for (int i = 0; i < REPS_PER_REGION[region]; i++) {
        reps.add(
            new Rep(
                String.format("R%03d", reps.size() + 1),
                REGIONS.get(region),
                draw.gaussian(0, 0.02),
                draw.gaussian(0, 0.08)));
      }
    }
    return reps;
  }

  private static Account drawAccount(String id, List<Rep> reps, TreeSet<String> names, Draw draw) {
    String segment = draw.pick(SEGMENTS, 25, 35, 15, 25);
    String region = draw.pick(REGIONS, 40, 35, 15, 10);
    List<Rep> local = reps.stream().filter(rep -> rep.region().equals(region)).toList();
    return new Account(
        id,
        uniqueName(segment, region, names, draw),
        segment,
        region,
        currencyFor(region, draw),
        draw.any(local),
        Math.exp(draw.gaussian(0, 0.7)),
        draw.gaussian(0, 0.03),
        draw.gaussian(0, 0.08),
        draw.chance(0.06));
  }

  /** North America and Latin America bill in USD; EMEA mostly in EUR or GBP; APAC partly in AUD. */
  private static String currencyFor(String region, Draw draw) {
    return switch (region) {
      case "emea" -> draw.pick(List.of("EUR", "GBP", "USD"), 40, 25, 35);
      case "apac" -> draw.pick(List.of("AUD", "USD"), 40, 60);
      default -> "USD";
    };
  }

  private static String uniqueName(
      String segment, String region, TreeSet<String> names, Draw draw) {
    String name = drawName(segment, region, draw);
    for (int suffix = 2; names.contains(name); suffix++) {
      name = drawName(segment, region, draw) + (suffix > 5 ? " " + suffix : "");
    }
    names.add(name);
    return name;
  }

  private static String drawName(String segment, String region, Draw draw) {
    String stem = draw.any(NAME_STEMS);
    if (segment.equals("public-sector")) {
      return stem + " " + draw.any(AGENCIES);
    }
    String form = draw.any(LEGAL_FORMS.get(region));
    String separator = form.startsWith(",") ? "" : " ";
    return stem + " " + draw.any(INDUSTRIES) + separator + form;
  }
}
