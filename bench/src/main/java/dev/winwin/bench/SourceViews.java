package dev.winwin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The input contract's sources as DuckDB views named after their folders ({@code deals},
 * {@code cost_lines}, ...), each with the contract's columns and explicit types, whatever formats the
 * folder's files are in.
 *
 * <p>A source folder is read as winwin reads it: recursively, skipping names that start with
 * {@code _} or {@code .}, the format taken from each file's extension ({@code .csv} with a header,
 * {@code .jsonl} or {@code .json} as JSON Lines, {@code .parquet}, whose columns may be any type
 * castable to the contract's, the generator's being UTF-8 strings). An empty file has no rows and is
 * left out (DuckDB would read a zero-byte CSV as a column of its own). An optional source without a
 * folder is an empty view.
 */
final class SourceViews {
  /** The sources the reference reads, with the DuckDB type of every column of the contract. */
  enum Source {
    DEALS("deals", "deal_id VARCHAR", "updated_at TIMESTAMPTZ", "account_id VARCHAR", "account_name VARCHAR",
        "segment VARCHAR", "region VARCHAR", "rep_id VARCHAR", "offering VARCHAR", "offering_type VARCHAR",
        "buyer_role VARCHAR", "sourcing VARCHAR", "pricing_model VARCHAR", "stage VARCHAR", "created_date DATE",
        "commit_date DATE", "close_date DATE", "currency VARCHAR", "list_amount DECIMAL(18,6)",
        "invoice_amount DECIMAL(18,6)", "at_risk_amount DECIMAL(18,6)", "loss_reason VARCHAR"),
    PRICE_ADJUSTMENTS("price_adjustments", "adjustment_id VARCHAR", "deal_id VARCHAR", "element VARCHAR",
        "amount DECIMAL(18,6)", "currency VARCHAR", "traded_for VARCHAR"),
    COST_LINES("cost_lines", "cost_id VARCHAR", "deal_id VARCHAR", "cost_type VARCHAR", "amount DECIMAL(18,6)",
        "currency VARCHAR", "period_month VARCHAR"),
    SURVEYS("surveys", "response_id VARCHAR", "deal_id VARCHAR", "account_id VARCHAR", "respondent_role VARCHAR",
        "instrument VARCHAR", "score INTEGER", "responded_at TIMESTAMPTZ", "comment VARCHAR"),
    NEGOTIATION_EVENTS("negotiation_events", "event_id VARCHAR", "deal_id VARCHAR", "seq INTEGER", "at TIMESTAMPTZ",
        "party VARCHAR", "kind VARCHAR", "value_delta DECIMAL(18,6)"),
    FX_RATES("fx_rates", "month VARCHAR", "currency VARCHAR", "rate_to_base DECIMAL(18,10)");

    final String folder;
    /** Column name to DuckDB type, in the contract's order. */
    final Map<String, String> columns;

    Source(String folder, String... columns) {
      this.folder = folder;
      this.columns = Stream.of(columns).map(column -> column.split(" ", 2))
          .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> a, LinkedHashMap::new));
    }
  }

  /** How files of one format are read into the source's typed columns. */
  private enum Format {
    CSV {
      @Override
      String select(Source source, String files) {
        return "SELECT " + names(source) + " FROM read_csv(" + files + ", header = true, delim = ',', quote = '\"', escape = '\"',"
            + " union_by_name = true, hive_partitioning = false, types = " + types(source) + ")";
      }
    },
    JSON_LINES {
      @Override
      String select(Source source, String files) {
        return "SELECT " + names(source) + " FROM read_json(" + files
            + ", format = 'newline_delimited', hive_partitioning = false, columns = " + types(source) + ")";
      }
    },
    PARQUET {
      @Override
      String select(Source source, String files) {
        return "SELECT " + casts(source, column -> column) + " FROM read_parquet(" + files
            + ", union_by_name = true, hive_partitioning = false)";
      }
    };

    abstract String select(Source source, String files);

    static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".jsonl") || name.endsWith(".json")) {
        return JSON_LINES;
      }
      if (name.endsWith(".parquet")) {
        return PARQUET;
      }
      throw new IllegalArgumentException(file + " is neither .csv, .jsonl, .json nor .parquet");
    }
  }

  private SourceViews() {}

  /** Creates one temporary view per source of the input root {@code input}. */
  static void create(Statement sql, Path input) throws SQLException {
    for (Source source : Source.values()) {
      sql.execute("CREATE OR REPLACE TEMP VIEW " + source.folder + " AS " + select(source, input.resolve(source.folder)));
    }
  }

  private static String select(Source source, Path folder) {
    Map<Format, List<String>> files = new TreeMap<>();
    for (Path file : dataFiles(folder)) {
      files.computeIfAbsent(Format.of(file), format -> new ArrayList<>()).add(literal(file.toString()));
    }
    if (files.isEmpty()) {
      return "SELECT " + casts(source, column -> "NULL") + " WHERE false";
    }
    return files.entrySet().stream()
        .map(entry -> entry.getKey().select(source, "[" + String.join(", ", entry.getValue()) + "]"))
        .collect(Collectors.joining(" UNION ALL "));
  }

  /** The non-empty files below {@code folder}, sorted, without names that start with {@code _} or {@code .}. */
  private static List<Path> dataFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(path -> visible(folder.relativize(path)))
          .filter(Files::isRegularFile)
          .filter(path -> size(path) > 0)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean visible(Path relative) {
    for (Path name : relative) {
      if (name.toString().startsWith("_") || name.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {'column': 'TYPE', ...}} over the source's columns. */
  private static String types(Source source) {
    return source.columns.entrySet().stream()
        .map(column -> literal(column.getKey()) + ": " + literal(column.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** The source's column names, quoted ({@code at} and {@code month} are SQL keywords). */
  private static String names(Source source) {
    return source.columns.keySet().stream().map(SourceViews::identifier).collect(Collectors.joining(", "));
  }

  /** {@code CAST(<value> AS <type>) AS <column>, ...} over the source's columns. */
  private static String casts(Source source, Function<String, String> value) {
    return source.columns.entrySet().stream()
        .map(column -> "CAST(" + value.apply(identifier(column.getKey())) + " AS " + column.getValue() + ") AS " + identifier(column.getKey()))
        .collect(Collectors.joining(", "));
  }

  private static String identifier(String name) {
    return '"' + name + '"';
  }

  /** A SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
