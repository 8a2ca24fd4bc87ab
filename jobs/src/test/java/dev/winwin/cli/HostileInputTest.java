package dev.winwin.cli;

import static dev.winwin.cli.CliRun.winwin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.schema.Source;

/**
 * No input value can stop a run (DOMAIN §2): every column of every source is fed, one row at a
 * time, with values meant to break a parser or an arithmetic step (huge, tiny and over-precise
 * numbers, {@code NaN}, {@code Infinity}, empty and blank text, control characters, a very long
 * string, extreme dates and timestamps without offset), next to rows that stay valid. The run must
 * end as a run ends, published or stopped by its quality gate, never with a failure, and every row
 * read must be accounted for. With the gate opened the hostile rows that are valid reach the
 * reports and the run publishes.
 */
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> HOSTILE = List.of(
      "1e308", "-1e308", "4e18", "999999999999.999999", "-999999999999.999999", "0.000001", "0.0000001",
      "1234567890123456789012345678901234567890", "0." + "0".repeat(39) + "1", "99999999.9999999999", "2147483648",
      "NaN", "Infinity", "-Infinity", "-0", "0", "", " ", "\t", "\u0001\u0007\u001b", "null", "usd", "WON", "😀",
      "x".repeat(20_000), "0000-01-01", "9999-12-31", "1900-02-29", "2026-10-31T10:00:00", "9999-12-31T23:59:59Z",
      "0000-01-01T00:00:00+18:00", "2026-13", "1e-400", "\"quoted, with a comma\"", "two\nlines");

  /** One valid row of each source: a won deal in the base currency closing in the run month, its children, a rate. */
  private static final Map<Source, Map<String, String>> VALID = valid();

  @TempDir
  Path temp;

  @Test
  void everyHostileValueInEveryColumnEndsAcceptedOrRejectedAndTheRunEndsWell() throws IOException {
    Path input = temp.resolve("input");
    Map<Source, List<Map<String, String>>> rows = rows();
    for (Source source : Source.values()) {
      write(input.resolve(source.folder()).resolve(source.folder() + ".csv"), source, rows.get(source));
    }

    CliRun gated = winwin("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(),
        "--output", temp.resolve("gated").toString());
    assertTrue(gated.exitCode() == 0 || gated.exitCode() == 2, gated.err());
    assertReconciles(temp.resolve("gated"), rows);

    CliRun open = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", temp.resolve("open").toString(),
        "--set", "quality.max-reject-share=1");
    assertEquals(0, open.exitCode(), open.err());
    assertReconciles(temp.resolve("open"), rows);
    assertTrue(Files.exists(temp.resolve("open/summary/2026-10/summary.html")), "the summary renders too");
  }

  /** Per source: the valid row, then for every column and hostile value a copy with that one value replaced. */
  private static Map<Source, List<Map<String, String>>> rows() {
    Map<Source, List<Map<String, String>>> rows = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      List<Map<String, String>> sourceRows = new ArrayList<>();
      sourceRows.add(VALID.get(source));
      int n = 0;
      for (String column : source.fieldNames()) {
        for (String value : HOSTILE) {
          Map<String, String> row = new LinkedHashMap<>(VALID.get(source));
          // a row of its own: another id, so that it is judged on its value and not as a copy
          source.idColumn().ifPresent(id -> row.put(id, row.get(id) + "-" + sourceRows.size()));
          if (source == Source.FX_RATES) {
            row.put("month", String.format("2025-%02d", 1 + n++ % 12));
          }
          row.put(column, value);
          sourceRows.add(row);
        }
      }
      rows.put(source, sourceRows);
    }
    // the largest money at the largest rate, and the smallest rate: base amounts of 10^20 and of next to nothing
    rows.get(Source.FX_RATES).add(fields("month", "2026-10", "currency", "AUD", "rate_to_base", "99999999.9999999999"));
    rows.get(Source.FX_RATES).add(fields("month", "2026-10", "currency", "JPY", "rate_to_base", "0.0000000001"));
    for (String currency : List.of("AUD", "JPY")) {
      Map<String, String> deal = new LinkedHashMap<>(VALID.get(Source.DEALS));
      deal.putAll(fields("deal_id", "D-" + currency, "currency", currency, "list_amount", "999999999999.999999",
          "invoice_amount", "999999999999.999999", "at_risk_amount", "999999999999.999999"));
      rows.get(Source.DEALS).add(deal);
      for (int i = 0; i < 3; i++) {
        Map<String, String> cost = new LinkedHashMap<>(VALID.get(Source.COST_LINES));
        cost.putAll(fields("cost_id", "C-" + currency + i, "deal_id", "D-" + currency, "currency", currency,
            "amount", i == 1 ? "-999999999999.999999" : "999999999999.999999"));
        rows.get(Source.COST_LINES).add(cost);
        Map<String, String> adjustment = new LinkedHashMap<>(VALID.get(Source.PRICE_ADJUSTMENTS));
        adjustment.putAll(fields("adjustment_id", "P-" + currency + i, "deal_id", "D-" + currency, "currency", currency,
            "amount", "999999999999.999999"));
        rows.get(Source.PRICE_ADJUSTMENTS).add(adjustment);
        Map<String, String> event = new LinkedHashMap<>(VALID.get(Source.NEGOTIATION_EVENTS));
        event.putAll(fields("event_id", "N-" + currency + i, "deal_id", "D-" + currency, "value_delta", "999999999999.999999",
            "at", "2026-10-1" + i + "T12:00:00Z"));
        rows.get(Source.NEGOTIATION_EVENTS).add(event);
      }
    }
    // every hostile deal that stays valid is won in the window: give it evidence, so it is classified
    List<Map<String, String>> deals = rows.get(Source.DEALS);
    for (int i = 1; i < deals.size(); i++) {
      Map<String, String> cost = new LinkedHashMap<>(VALID.get(Source.COST_LINES));
      cost.put("cost_id", "CD" + i);
      cost.put("deal_id", deals.get(i).get("deal_id"));
      rows.get(Source.COST_LINES).add(cost);
      Map<String, String> survey = new LinkedHashMap<>(VALID.get(Source.SURVEYS));
      survey.put("response_id", "SD" + i);
      survey.put("deal_id", deals.get(i).get("deal_id"));
      rows.get(Source.SURVEYS).add(survey);
    }
    return rows;
  }

  private static void assertReconciles(Path output, Map<Source, List<Map<String, String>>> rows) throws IOException {
    Path runs = output.resolve("runs");
    Path manifest;
    try (var stream = Files.list(runs)) {
      manifest = stream.findFirst().orElseThrow().resolve("run_manifest.json");
    }
    JsonNode sources = JSON.readTree(manifest.toFile()).get("sources");
    for (Source source : Source.values()) {
      JsonNode counts = sources.get(source.folder());
      long read = counts.get("read").asLong();
      // a value with a line break is one quoted field, so every row is one record
      assertEquals(rows.get(source).size(), read, source.folder() + " read");
      assertEquals(read, counts.get("accepted").asLong() + counts.get("superseded").asLong() + counts.get("rejected").asLong(),
          source.folder() + ": read = accepted + superseded + rejected");
    }
  }

  private static void write(Path file, Source source, List<Map<String, String>> rows) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder csv = new StringBuilder(String.join(",", source.fieldNames())).append("\r\n");
    for (Map<String, String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String column : source.fieldNames()) {
        String value = row.get(column);
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        cells.add(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
      }
      csv.append(String.join(",", cells)).append("\r\n");
    }
    Files.writeString(file, csv);
  }

  private static Map<Source, Map<String, String>> valid() {
    Map<Source, Map<String, String>> valid = new EnumMap<>(Source.class);
    valid.put(Source.DEALS, fields("deal_id", "D1", "updated_at", "2026-10-20T10:00:00Z", "account_id", "A1", "account_name", "Acme",
        "segment", "enterprise", "region", "emea", "rep_id", "R1", "offering", "consulting", "offering_type", "differentiated",
        "buyer_role", "executive", "sourcing", "direct", "pricing_model", "fee_at_risk", "stage", "won", "created_date", "2026-06-10",
        "commit_date", "2026-10-01", "close_date", "2026-10-15", "currency", "USD", "list_amount", "1000.00", "invoice_amount", "900.00",
        "at_risk_amount", "100.00", "loss_reason", ""));
    valid.put(Source.PRICE_ADJUSTMENTS, fields("adjustment_id", "P1", "deal_id", "D1", "element", "rebate", "amount", "50.00",
        "currency", "USD", "traded_for", "volume"));
    valid.put(Source.COST_LINES, fields("cost_id", "C1", "deal_id", "D1", "cost_type", "delivery_labor", "amount", "400.00",
        "currency", "USD", "period_month", "2026-10"));
    valid.put(Source.SURVEYS, fields("response_id", "S1", "deal_id", "D1", "account_id", "A1", "respondent_role", "decision_maker",
        "instrument", "csat", "score", "4", "responded_at", "2026-10-25T09:00:00Z", "comment", "fine"));
    valid.put(Source.NEGOTIATION_EVENTS, fields("event_id", "N1", "deal_id", "D1", "seq", "1", "at", "2026-10-05T12:00:00Z",
        "party", "provider", "kind", "concession", "value_delta", "100.00"));
    valid.put(Source.FX_RATES, fields("month", "2026-10", "currency", "EUR", "rate_to_base", "1.10"));
    return valid;
  }

  private static Map<String, String> fields(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }
}
