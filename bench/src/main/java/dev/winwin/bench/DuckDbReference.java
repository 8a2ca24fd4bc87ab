package dev.winwin.bench;

import static dev.winwin.bench.SourceViews.literal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The benchmark's reference implementation: winwin's core work done by DuckDB on the same input
 * files, written as plain SQL a user could pick instead of winwin. It always recomputes everything
 * from the files it is given, as a user's script would.
 *
 * <p>It reads deals, price adjustments, cost lines, surveys and FX rates in any format the generator
 * writes ({@link SourceViews}); keeps the latest version of each deal; converts money at the close
 * month's rate (rounded to six decimals like winwin); computes the price waterfall, pocket margin and
 * role-weighted satisfied share; classifies with winwin's default thresholds, or other margin targets
 * given as {@code OFFERING_TYPE=TARGET}; and writes the classified deals (Parquet, one folder per
 * close month) and a monthly summary. It implements no quarantine: the benchmark feeds it clean
 * generated data.
 *
 * <pre>
 *   reference INPUT OUTPUT FIRST LAST [OFFERING_TYPE=TARGET ...]   the core work above, e.g. commodity=0.18
 *   floor INPUT                                                     counts the input rows (the read floor)
 *   check REFERENCE_OUTPUT WINWIN_OUTPUT FIRST LAST                 outcome counts per month in [FIRST, LAST]
 *                                                                   must be equal (exit 3 when not)
 * </pre>
 */
public final class DuckDbReference {
  private static final String USAGE = "usage: reference INPUT OUTPUT FIRST LAST [OFFERING_TYPE=TARGET ...]"
      + " | floor INPUT | check REFERENCE_OUTPUT WINWIN_OUTPUT FIRST LAST";
  private static final String DEAL_OUTCOMES = "deal_outcomes";
  /** The file that names the published snapshot when winwin publishes with its pointer layout. */
  private static final String POINTER = "current.json";

  private DuckDbReference() {}

  public static void main(String[] args) throws SQLException, IOException {
    String command = args.length == 0 ? "" : args[0];
    if (!(command.equals("reference") && args.length >= 5 || command.equals("floor") && args.length == 2
        || command.equals("check") && args.length == 5)) {
      System.err.println(USAGE);
      System.exit(1);
    }
    Map<String, BigDecimal> targets = Map.of();
    if (command.equals("reference")) {
      try {
        targets = marginTargets(Arrays.copyOfRange(args, 5, args.length));
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        System.exit(1);
      }
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      switch (command) {
        case "reference" -> reference(sql, Path.of(args[1]), Path.of(args[2]), args[3], args[4], targets);
        case "floor" -> System.out.println(floor(sql, Path.of(args[1])) + " input rows");
        default -> System.exit(check(sql, Path.of(args[1]), Path.of(args[2]), args[3], args[4]) ? 0 : 3);
      }
    }
  }

  /** winwin's default premium-price targets by offering type, overridden by {@code TYPE=TARGET} arguments. */
  static Map<String, BigDecimal> marginTargets(String... overrides) {
    Map<String, BigDecimal> targets = new LinkedHashMap<>();
    targets.put("differentiated", new BigDecimal("0.30"));
    targets.put("commodity", new BigDecimal("0.15"));
    for (String override : overrides) {
      String[] pair = override.split("=", 2);
      if (pair.length != 2 || !targets.containsKey(pair[0])) {
        throw new IllegalArgumentException("A margin target is OFFERING_TYPE=TARGET with the type one of "
            + targets.keySet() + ", not " + override);
      }
      try {
        targets.put(pair[0], new BigDecimal(pair[1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("The margin target of " + pair[0] + " is a decimal number, not " + pair[1]);
      }
    }
    return targets;
  }

  /** A money amount converted at {@code rate} and rounded half away from zero to six decimals, as winwin does. */
  private static String inBase(String amount, String rate) {
    return "round(" + amount + " * " + rate + ", 6)";
  }

  static void reference(Statement sql, Path input, Path output, String first, String last, Map<String, BigDecimal> marginTargets)
      throws SQLException, IOException {
    Files.createDirectories(output);
    SourceViews.create(sql, input);
    StringBuilder target = new StringBuilder("CASE w.offering_type");
    marginTargets.forEach((type, value) -> target.append(" WHEN ").append(literal(type)).append(" THEN ").append(value.toPlainString()));
    target.append(" END");
    String window = " BETWEEN " + literal(first) + " AND " + literal(last);
    sql.execute("CREATE TEMP TABLE fx AS SELECT \"month\", currency, rate_to_base AS rate FROM fx_rates");
    sql.execute("CREATE TEMP TABLE latest_deals AS SELECT *, strftime(close_date, '%Y-%m') AS close_month FROM deals"
        + " QUALIFY row_number() OVER (PARTITION BY deal_id ORDER BY updated_at DESC) = 1");
    sql.execute("CREATE TEMP TABLE won AS SELECT d.*, CASE WHEN d.currency = 'USD' THEN 1 ELSE f.rate END AS fx_rate FROM latest_deals d"
        + " LEFT JOIN fx f ON f.\"month\" = d.close_month AND f.currency = d.currency"
        + " WHERE d.stage = 'won' AND d.close_month" + window);
    for (String[] child : new String[][] {{"adjustments", "price_adjustments"}, {"costs", "cost_lines"}}) {
      sql.execute("CREATE TEMP TABLE " + child[0] + " AS SELECT c.deal_id, sum(" + inBase("c.amount", "CASE WHEN c.currency = 'USD' THEN 1 ELSE f.rate END")
          + ") AS total, count(*) AS lines FROM " + child[1] + " c JOIN won w ON w.deal_id = c.deal_id"
          + " LEFT JOIN fx f ON f.\"month\" = w.close_month AND f.currency = c.currency GROUP BY c.deal_id");
    }
    sql.execute("CREATE TEMP TABLE satisfaction AS SELECT deal_id, count(*) AS responses, sum(weight) AS response_weight,"
        + " sum(CASE WHEN (instrument = 'csat' AND score >= 4) OR (instrument = 'nps' AND score >= 7) THEN weight ELSE 0 END) AS satisfied_weight"
        + " FROM (SELECT s.*, CASE respondent_role WHEN 'decision_maker' THEN 3 WHEN 'influencer' THEN 2 ELSE 1 END AS weight"
        + " FROM surveys s JOIN won w ON w.deal_id = s.deal_id) GROUP BY deal_id");
    sql.execute("CREATE TEMP TABLE outcomes AS SELECT *,"
        + " CASE WHEN lines IS NULL OR responses IS NULL THEN 'unclassified'"
        + " WHEN provider_wins AND client_wins THEN 'win-win' WHEN provider_wins OR client_wins THEN 'win-lose' ELSE 'lose-lose' END AS outcome"
        + " FROM (SELECT w.deal_id, w.close_month, w.segment, w.region, w.offering_type, i.invoice, i.invoice - coalesce(a.total, 0) AS pocket_revenue,"
        + " c.total AS delivery_cost, c.lines, s.responses, s.satisfied_weight, s.response_weight,"
        + " (i.invoice - coalesce(a.total, 0)) > 0 AND (i.invoice - coalesce(a.total, 0)) - c.total"
        + "   >= " + target + " * (i.invoice - coalesce(a.total, 0)) AS provider_wins,"
        + " s.satisfied_weight >= 0.5 * s.response_weight AS client_wins"
        + " FROM won w CROSS JOIN LATERAL (SELECT " + inBase("w.invoice_amount", "w.fx_rate") + " AS invoice) i"
        + " LEFT JOIN adjustments a ON a.deal_id = w.deal_id LEFT JOIN costs c ON c.deal_id = w.deal_id"
        + " LEFT JOIN satisfaction s ON s.deal_id = w.deal_id)");
    sql.execute("COPY outcomes TO " + literal(output.resolve(DEAL_OUTCOMES).toString())
        + " (FORMAT PARQUET, PARTITION_BY (close_month), OVERWRITE_OR_IGNORE)");
    sql.execute("COPY (SELECT d.close_month, d.segment, d.region, d.offering_type,"
        + " count(*) FILTER (WHERE d.stage = 'won') AS deals_won, count(*) FILTER (WHERE d.stage = 'lost') AS deals_lost,"
        + " sum(o.invoice) AS invoice_revenue, sum(o.pocket_revenue - o.delivery_cost) AS pocket_margin,"
        + " count(*) FILTER (WHERE o.outcome = 'win-win') AS win_win_deals, count(*) FILTER (WHERE o.outcome = 'win-lose') AS win_lose_deals,"
        + " count(*) FILTER (WHERE o.outcome = 'lose-lose') AS lose_lose_deals, count(*) FILTER (WHERE o.outcome = 'unclassified') AS unclassified_deals"
        + " FROM latest_deals d LEFT JOIN outcomes o ON o.deal_id = d.deal_id"
        + " WHERE d.stage IN ('won', 'lost') AND d.close_month" + window + " GROUP BY ALL)"
        + " TO " + literal(output.resolve("monthly_summary").toString()) + " (FORMAT PARQUET, PARTITION_BY (close_month), OVERWRITE_OR_IGNORE)");
  }

  static long floor(Statement sql, Path input) throws SQLException {
    SourceViews.create(sql, input);
    long rows = 0;
    for (SourceViews.Source source : SourceViews.Source.values()) {
      rows += single(sql, "SELECT count(*) FROM " + source.folder);
    }
    return rows;
  }

  /**
   * Whether the reference's outcome counts per close month in [{@code first}, {@code last}] equal
   * those of winwin's published {@code deal_outcomes}; months outside the window (carried over from
   * earlier runs) are not compared. A window without any classified deal fails: equal emptiness
   * proves nothing.
   */
  static boolean check(Statement sql, Path reference, Path winwin, String first, String last) throws SQLException, IOException {
    Map<String, Long> expected = outcomeCounts(sql, reference.resolve(DEAL_OUTCOMES), first, last);
    Map<String, Long> actual = outcomeCounts(sql, publishedDealOutcomes(sql, winwin), first, last);
    if (expected.isEmpty()) {
      System.out.println("cross-check FAILED: the reference classified no deal closed in " + first + " to " + last);
      return false;
    }
    if (expected.equals(actual)) {
      System.out.println("cross-check passed: " + actual.size() + " month × outcome counts equal in " + first + " to " + last);
      return true;
    }
    System.out.println("cross-check FAILED: month × outcome counts in " + first + " to " + last + " differ");
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      if (!Objects.equals(expected.get(key), actual.get(key))) {
        System.out.println("  " + key + ": duckdb " + expected.get(key) + ", winwin " + actual.get(key));
      }
    }
    return false;
  }

  /** winwin's published {@code deal_outcomes} folder: the one {@code current.json} names, or the link beside it. */
  private static Path publishedDealOutcomes(Statement sql, Path winwin) throws SQLException {
    Path pointer = winwin.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return winwin.resolve(DEAL_OUTCOMES);
    }
    try (ResultSet rows = sql.executeQuery("SELECT json_extract_string(content, '$.reports." + DEAL_OUTCOMES + "') FROM read_text("
        + literal(pointer.toString()) + ")")) {
      rows.next();
      return winwin.resolve(rows.getString(1));
    }
  }

  private static Map<String, Long> outcomeCounts(Statement sql, Path reportFolder, String first, String last) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (ResultSet rows = sql.executeQuery("SELECT close_month, outcome, count(*) FROM read_parquet("
        + literal(reportFolder + "/*/*.parquet") + ", hive_partitioning = true, hive_types = {'close_month': 'VARCHAR'})"
        + " WHERE close_month BETWEEN " + literal(first) + " AND " + literal(last) + " GROUP BY ALL")) {
      while (rows.next()) {
        counts.put(rows.getString(1) + " " + rows.getString(2), rows.getLong(3));
      }
    }
    return counts;
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
