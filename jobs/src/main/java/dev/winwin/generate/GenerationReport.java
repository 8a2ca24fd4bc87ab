package dev.winwin.generate;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link DealHistoryGenerator#generate} wrote.
 *
 * @param rowsPerFile data rows (header excluded, bad rows included) per file, keyed by path
 *     relative to the output root, e.g. {@code deals/deals_2025-10.csv}
 * @param rowsPerSource data rows per source folder, e.g. {@code deals}
 * @param supersededDealRows deal rows that are valid older versions of a deal
 * @param injectedPerSource injected bad rows per source folder and reason code; sources without
 *     any are present with an empty map
 */
public record GenerationReport(
    SortedMap<String, Integer> rowsPerFile,
    SortedMap<String, Integer> rowsPerSource,
    int supersededDealRows,
    SortedMap<String, SortedMap<String, Integer>> injectedPerSource) implements Serializable {

  public GenerationReport {
    rowsPerFile = Collections.unmodifiableSortedMap(new TreeMap<>(rowsPerFile));
    rowsPerSource = Collections.unmodifiableSortedMap(new TreeMap<>(rowsPerSource));
    TreeMap<String, SortedMap<String, Integer>> injected = new TreeMap<>();
    injectedPerSource.forEach(
        (source, reasons) ->
            injected.put(source, Collections.unmodifiableSortedMap(new TreeMap<>(reasons))));
    injectedPerSource = Collections.unmodifiableSortedMap(injected);
  }

  /** What two parts of one history wrote together. */
  GenerationReport plus(GenerationReport other) {
    SortedMap<String, Integer> files = new TreeMap<>(rowsPerFile);
    other.rowsPerFile.forEach((file, rows) -> files.merge(file, rows, Integer::sum));
    SortedMap<String, Integer> sources = new TreeMap<>(rowsPerSource);
    other.rowsPerSource.forEach((source, rows) -> sources.merge(source, rows, Integer::sum));
    SortedMap<String, SortedMap<String, Integer>> injected = new TreeMap<>();
    injectedPerSource.forEach((source, reasons) -> injected.put(source, new TreeMap<>(reasons)));
    other.injectedPerSource.forEach((source, reasons) -> reasons.forEach((reason, rows) ->
        injected.computeIfAbsent(source, s -> new TreeMap<>()).merge(reason, rows, Integer::sum)));
    return new GenerationReport(files, sources, supersededDealRows + other.supersededDealRows, injected);
  }

  /** Injected bad rows of one source, all reasons together. */
  public int injected(String source) {
    return injectedPerSource.getOrDefault(source, new TreeMap<>()).values().stream()
        .mapToInt(Integer::intValue)
        .sum();
  }

  /** Injected bad rows of one source with one reason code. */
  public int injected(String source, String reason) {
    return injectedPerSource.getOrDefault(source, new TreeMap<>()).getOrDefault(reason, 0);
  }
}
