package dev.winwin.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import dev.winwin.ingest.SourceReader;
import dev.winwin.schema.Source;

/**
 * Input rows as {@link SourceReader} produces them (lineage plus every field as text), for feeding
 * validation from memory. Each source has the texts of one valid row; a test names only the fields
 * it breaks. A field set to {@code ""} is absent, as an empty CSV cell is.
 *
 * <p>The defaults fit together: deal {@code D1} is won in March 2026 in USD (the base currency) and
 * every child row points at it; the FX table has EUR for 2026-03.
 */
public final class RawRows {
  private static final Map<Source, Map<String, String>> VALID = new EnumMap<>(Source.class);

  static {
    VALID.put(Source.DEALS, fields(
        "deal_id", "D1", "updated_at", "2026-03-20T10:00:00Z", "account_id", "A1", "account_name", "Acme",
        "segment", "enterprise", "region", "emea", "rep_id", "R1", "offering", "consulting",
        "offering_type", "differentiated", "buyer_role", "executive", "sourcing", "direct", "pricing_model", "fixed",
        "stage", "won", "created_date", "2026-01-10", "commit_date", "2026-03-01", "close_date", "2026-03-15",
        "currency", "USD", "list_amount", "1000.00", "invoice_amount", "900.00", "at_risk_amount", "100.00",
        "loss_reason", ""));
    VALID.put(Source.PRICE_ADJUSTMENTS, fields(
        "adjustment_id", "P1", "deal_id", "D1", "element", "rebate", "amount", "50.00", "currency", "USD",
        "traded_for", "volume"));
    VALID.put(Source.COST_LINES, fields(
        "cost_id", "C1", "deal_id", "D1", "cost_type", "delivery_labor", "amount", "400.00", "currency", "USD",
        "period_month", "2026-03"));
    VALID.put(Source.SURVEYS, fields(
        "response_id", "S1", "deal_id", "D1", "account_id", "A1", "respondent_role", "decision_maker",
        "instrument", "csat", "score", "4", "responded_at", "2026-04-02T09:00:00Z", "comment", "fine"));
    VALID.put(Source.NEGOTIATION_EVENTS, fields(
        "event_id", "N1", "deal_id", "D1", "seq", "1", "at", "2026-02-01T12:00:00Z", "party", "provider",
        "kind", "concession", "value_delta", "100.00"));
    VALID.put(Source.FX_RATES, fields("month", "2026-03", "currency", "EUR", "rate_to_base", "1.10"));
  }

  private RawRows() {}

  /** The row at {@code rowNumber} of {@code <folder>/part.csv}: the valid texts with {@code changes} applied. */
  public static Row row(Source source, long rowNumber, Map<String, String> changes) {
    return row(source, source.folder() + "/part.csv", rowNumber, changes);
  }

  /** As {@link #row(Source, long, Map)} with the changes as alternating field names and texts. */
  public static Row row(Source source, long rowNumber, String... fieldsAndTexts) {
    return row(source, rowNumber, fields(fieldsAndTexts));
  }

  /** As {@link #row(Source, long, Map)}, in the given file (relative to the input root). */
  public static Row row(Source source, String file, long rowNumber, Map<String, String> changes) {
    Map<String, String> texts = new LinkedHashMap<>(VALID.get(source));
    changes.forEach((field, text) -> {
      if (!texts.containsKey(field)) {
        throw new IllegalArgumentException(source + " has no field " + field);
      }
      texts.put(field, text);
    });
    List<Object> values = new ArrayList<>(List.of(
        source.folder(), file, rowNumber, String.join(",", texts.values()), false));
    source.fieldNames().forEach(name -> values.add(texts.get(name).isEmpty() ? null : texts.get(name)));
    return RowFactory.create(values.toArray());
  }

  /**
   * The field texts of a record of {@code source} as a reader hands them to validation, in field
   * order: the valid texts with the changes (alternating field names and texts) applied, trimmed,
   * an empty text absent (null).
   */
  public static String[] texts(Source source, String... fieldsAndTexts) {
    Map<String, String> texts = new LinkedHashMap<>(VALID.get(source));
    fields(fieldsAndTexts).forEach((field, text) -> {
      if (!texts.containsKey(field)) {
        throw new IllegalArgumentException(source + " has no field " + field);
      }
      texts.put(field, text);
    });
    return source.fieldNames().stream().map(texts::get).map(text -> text.isBlank() ? null : text.trim()).toArray(String[]::new);
  }

  /** A line SourceReader could not split: only lineage, no field. */
  public static Row malformed(Source source, long rowNumber, String raw) {
    Object[] values = new Object[5 + source.fieldNames().size()];
    values[0] = source.folder();
    values[1] = source.folder() + "/part.csv";
    values[2] = rowNumber;
    values[3] = raw;
    values[4] = true;
    return RowFactory.create(values);
  }

  /**
   * Every source as a raw dataset: the given rows, and no rows for a source not named. Without
   * {@code deals} in {@code rows}, the one valid deal D1 is used, so that children have a parent.
   */
  public static Map<Source, Dataset<Row>> sources(Map<Source, List<Row>> rows) {
    Map<Source, Dataset<Row>> raw = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      List<Row> given = rows.getOrDefault(source,
          source == Source.DEALS ? List.of(row(Source.DEALS, 2, Map.of())) : List.of());
      raw.put(source, TestSpark.session().createDataFrame(given, SourceReader.rawSchema(source)));
    }
    return raw;
  }

  private static Map<String, String> fields(String... namesAndTexts) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      fields.put(namesAndTexts[i], namesAndTexts[i + 1]);
    }
    return fields;
  }
}
