package dev.winwin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's reference implementation: winwin's core work done by DuckDB on the same input
 * files, written as plain SQL a user could pick instead of winwin.
 *
 * <p>It reads deals, price adjustments, cost lines, surveys and FX rates; keeps the latest version
 * of each deal; converts money at the close month's rate (rounded to six decimals like winwin);
 * computes the price waterfall, pocket margin and role-weighted satisfied share; classifies with the
 * default thresholds; and writes the classified deals (Parquet, one folder per close month) and a
 * monthly summary. It implements no quarantine: the benchmark feeds it clean generated data.
 *
 * <pre>
 *   reference INPUT OUTPUT FIRST_MONTH LAST_MONTH   the core work above
 *   floor INPUT                                      counts the input rows (the read floor)
 *   check REFERENCE_OUTPUT WINWIN_OUTPUT             outcome counts per month must be equal
 * </pre>
 */
public final class DuckDbReference {
  private DuckDbReference() {}

  public static void main(String[] args) throws SQLException, IOException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      switch (args.length == 0 ? "" : args[0]) {
        case "reference" -> reference(sql, Path.of(args[1]), Path.of(args[2]), args[3], args[4]);
        case "floor" -> System.out.println(floor(sql, Path.of(args[1])) + " input rows");
        case "check" -> System.exit(check(sql, Path.of(args[1]), Path.of(args[2])) ? 0 : 3);
        default -> {
          System.err.println("usage: reference INPUT OUTPUT FIRST LAST | floor INPUT | check REFERENCE_OUTPUT WINWIN_OUTPUT");
          System.exit(1);
        }
      }
    }
  }

  private static String csv(Path input, String source) {
    return "read_csv('" + input.resolve(source) + "/*.csv', header = true, all_varchar = true, union_by_name = true)";
  }

  private static String surveys(Path input) {
    return "read_json('" + input.resolve("surveys") + "/*.jsonl', format = 'newline_delimited', columns = {"
        + "response_id: 'VARCHAR', deal_id: 'VARCHAR', respondent_role: 'VARCHAR', instrument: 'VARCHAR', score: 'INTEGER'})";
  }

  /** A money text converted at {@code rate} and rounded half away from zero to six decimals, as winwin does. */
  private static String inBase(String amount, String rate) {
    return "round(CAST(" + amount + " AS DECIMAL(24,8)) * " + rate + ", 6)";
  }

  static void reference(Statement sql, Path input, Path output, String first, String last) throws SQLException, IOException {
    Files.createDirectories(output);
    sql.execute("CREATE TEMP TABLE fx AS SELECT month, currency, CAST(rate_to_base AS DECIMAL(24,8)) AS rate FROM " + csv(input, "fx_rates"));
    sql.execute("CREATE TEMP TABLE deals AS SELECT *, strftime(CAST(close_date AS DATE), '%Y-%m') AS close_month FROM " + csv(input, "deals")
        + " QUALIFY row_number() OVER (PARTITION BY deal_id ORDER BY CAST(updated_at AS TIMESTAMPTZ) DESC) = 1");
    sql.execute("CREATE TEMP TABLE won AS SELECT d.*, CASE WHEN d.currency = 'USD' THEN 1 ELSE f.rate END AS fx_rate FROM deals d"
        + " LEFT JOIN fx f ON f.month = d.close_month AND f.currency = d.currency"
        + " WHERE d.stage = 'won' AND d.close_month BETWEEN '" + first + "' AND '" + last + "'");
    for (String[] child : new String[][] {{"adjustments", "price_adjustments"}, {"costs", "cost_lines"}}) {
      sql.execute("CREATE TEMP TABLE " + child[0] + " AS SELECT c.deal_id, sum(" + inBase("c.amount", "CASE WHEN c.currency = 'USD' THEN 1 ELSE f.rate END")
          + ") AS total, count(*) AS lines FROM " + csv(input, child[1]) + " c JOIN won w ON w.deal_id = c.deal_id"
          + " LEFT JOIN fx f ON f.month = w.close_month AND f.currency = c.currency GROUP BY c.deal_id");
    }
    sql.execute("CREATE TEMP TABLE satisfaction AS SELECT deal_id, count(*) AS responses, sum(weight) AS response_weight,"
        + " sum(CASE WHEN (instrument = 'csat' AND score >= 4) OR (instrument = 'nps' AND score >= 7) THEN weight ELSE 0 END) AS satisfied_weight"
        + " FROM (SELECT s.*, CASE respondent_role WHEN 'decision_maker' THEN 3 WHEN 'influencer' THEN 2 ELSE 1 END AS weight"
        + " FROM " + surveys(input) + " s JOIN won w ON w.deal_id = s.deal_id) GROUP BY deal_id");
    sql.execute("CREATE TEMP TABLE outcomes AS SELECT *,"
        + " CASE WHEN lines IS NULL OR responses IS NULL THEN 'unclassified'"
        + " WHEN provider_wins AND client_wins THEN 'win-win' WHEN provider_wins OR client_wins THEN 'win-lose' ELSE 'lose-lose' END AS outcome"
        + " FROM (SELECT w.deal_id, w.close_month, w.segment, w.region, w.offering_type, i.invoice, i.invoice - coalesce(a.total, 0) AS pocket_revenue,"
        + " c.total AS delivery_cost, c.lines, s.responses, s.satisfied_weight, s.response_weight,"
        + " (i.invoice - coalesce(a.total, 0)) > 0 AND (i.invoice - coalesce(a.total, 0)) - c.total"
        + "   >= CASE WHEN w.offering_type = 'differentiated' THEN 0.30 ELSE 0.15 END * (i.invoice - coalesce(a.total, 0)) AS provider_wins,"
        + " s.satisfied_weight >= 0.5 * s.response_weight AS client_wins"
        + " FROM won w CROSS JOIN LATERAL (SELECT " + inBase("w.invoice_amount", "w.fx_rate") + " AS invoice) i"
        + " LEFT JOIN adjustments a ON a.deal_id = w.deal_id LEFT JOIN costs c ON c.deal_id = w.deal_id"
        + " LEFT JOIN satisfaction s ON s.deal_id = w.deal_id)");
    sql.execute("COPY outcomes TO '" + output.resolve("deal_outcomes") + "' (FORMAT PARQUET, PARTITION_BY (close_month), OVERWRITE_OR_IGNORE)");
    sql.execute("COPY (SELECT d.close_month, d.segment, d.region, d.offering_type,"
        + " count(*) FILTER (WHERE d.stage = 'won') AS deals_won, count(*) FILTER (WHERE d.stage = 'lost') AS deals_lost,"
        + " sum(o.invoice) AS invoice_revenue, sum(o.pocket_revenue - o.delivery_cost) AS pocket_margin,"
        + " count(*) FILTER (WHERE o.outcome = 'win-win') AS win_win_deals, count(*) FILTER (WHERE o.outcome = 'win-lose') AS win_lose_deals,"
        + " count(*) FILTER (WHERE o.outcome = 'lose-lose') AS lose_lose_deals, count(*) FILTER (WHERE o.outcome = 'unclassified') AS unclassified_deals"
        + " FROM deals d LEFT JOIN outcomes o ON o.deal_id = d.deal_id"
        + " WHERE d.stage IN ('won', 'lost') AND d.close_month BETWEEN '" + first + "' AND '" + last + "' GROUP BY ALL)"
        + " TO '" + output.resolve("monthly_summary") + "' (FORMAT PARQUET, PARTITION_BY (close_month), OVERWRITE_OR_IGNORE)");
  }

  static long floor(Statement sql, Path input) throws SQLException {
    long rows = 0;
    for (String source : new String[] {"deals", "price_adjustments", "cost_lines", "fx_rates"}) {
      rows += single(sql, "SELECT count(*) FROM " + csv(input, source));
    }
    rows += single(sql, "SELECT count(*) FROM " + surveys(input));
    if (Files.isDirectory(input.resolve("negotiation_events"))) {
      rows += single(sql, "SELECT count(*) FROM read_json('" + input.resolve("negotiation_events")
          + "/*.jsonl', format = 'newline_delimited', columns = {event_id: 'VARCHAR'})");
    }
    return rows;
  }

  static boolean check(Statement sql, Path reference, Path winwin) throws SQLException {
    Map<String, Long> expected = outcomeCounts(sql, reference.resolve("deal_outcomes"));
    Map<String, Long> actual = outcomeCounts(sql, winwin.resolve("deal_outcomes"));
    if (expected.equals(actual)) {
      System.out.println("cross-check passed: " + actual.size() + " month × outcome counts equal");
      return true;
    }
    System.out.println("cross-check FAILED: month × outcome counts differ");
    Map<String, String> diff = new TreeMap<>();
    expected.forEach((key, n) -> diff.put(key, "duckdb " + n + ", winwin " + actual.get(key)));
    actual.forEach((key, n) -> diff.putIfAbsent(key, "duckdb null, winwin " + n));
    diff.forEach((key, text) -> {
      if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
        System.out.println("  " + key + ": " + text);
      }
    });
    return false;
  }

  private static Map<String, Long> outcomeCounts(Statement sql, Path reportFolder) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (ResultSet rows = sql.executeQuery("SELECT close_month, outcome, count(*) FROM read_parquet('" + reportFolder
        + "/*/*.parquet', hive_partitioning = true) GROUP BY ALL")) {
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
