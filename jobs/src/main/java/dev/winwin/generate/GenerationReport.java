package dev.winwin.generate;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link DealHistoryGenerator#generate} wrote.
 *
 * @param rowsPerFile data rows (header excluded, bad rows included) per file, keyed by path
 *     relative to the output root, e.g. {@code deals/deals_2025.csv}
 * @param rowsPerSource data rows per source folder, e.g. {@code deals}
 * @param supersededDealRows deal rows that are valid older versions of a deal
 * @param injectedPerSource injected bad rows per source folder and reason code; sources without
 *     any are present with an empty map
 */
public record GenerationReport(
    SortedMap<String, Integer> rowsPerFile,
    SortedMap<String, Integer> rowsPerSource,
    int supersededDealRows,
    SortedMap<String, SortedMap<String, Integer>> injectedPerSource) {

  public GenerationReport {
    rowsPerFile = Collections.unmodifiableSortedMap(new TreeMap<>(rowsPerFile));
    rowsPerSource = Collections.unmodifiableSortedMap(new TreeMap<>(rowsPerSource));
    TreeMap<String, SortedMap<String, Integer>> injected = new TreeMap<>();
    injectedPerSource.forEach(
        (source, reasons) ->
            injected.put(source, Collections.unmodifiableSortedMap(new TreeMap<>(reasons))));
    injectedPerSource = Collections.unmodifiableSortedMap(injected);
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
