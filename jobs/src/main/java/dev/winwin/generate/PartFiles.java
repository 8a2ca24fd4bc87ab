package dev.winwin.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files one part of a history writes, and what they hold. A part is written chunk after chunk;
 * each chunk's lines go to the file of their source and export month, {@code
 * <folder>/<name>_<yyyy-MM><part suffix>.<extension>}, after the lines earlier chunks put there, so
 * a part has one file per source and month however many chunks it has. Lines exported after the
 * as-of month are left out: the files of an earlier as-of month are the same files, byte for byte,
 * without the later months.
 *
 * <p>Text files are appended to. A Parquet file cannot be, so each chunk writes its rows of a month
 * as a file of their own under {@code .generating/} in the output, and {@link #finish} joins them,
 * row group after row group, into the month's file. The first write of a file by this object
 * replaces what an earlier, failed attempt at the same part may have left.
 *
 * <p>What validation will find is counted from the lines written, so it holds for any as-of month:
 * rows per file and source, injected bad rows per reason, and the deal versions that a later
 * version of the same deal supersedes (a chunk holds every version of its deals).
 */
final class PartFiles {
  /** Where Parquet chunks wait to be joined; the name starts with a dot, so no reader takes it for input. */
  static final String STAGING = ".generating";

  /** A Parquet file of the part and the files its chunks wrote, in chunk order. */
  private record ParquetFile(Source source, List<Path> chunks) {}

  private final Path root;
  private final OutputFormat format;
  private final String partSuffix;
  private final String asOf;
  private final Path staging;
  /** Text files this object has written to, by path relative to the root. */
  private final Set<String> begun = new HashSet<>();
  /** By path relative to the root. */
  private final SortedMap<String, ParquetFile> parquetFiles = new TreeMap<>();
  /** Clean versions the current chunk wrote per deal id. */
  private final Map<String, Integer> dealVersions = new HashMap<>();
  private final SortedMap<String, Integer> rowsPerFile = new TreeMap<>();
  private final SortedMap<String, Integer> rowsPerSource = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, Integer>> injected = new TreeMap<>();
  private int superseded;
  private int chunks;

  /**
   * @param partSuffix e.g. {@code -part-00003}, empty for a history written in one part
   * @param asOf the last export month written, {@code yyyy-MM}
   */
  PartFiles(Path root, OutputFormat format, String partSuffix, String asOf) {
    this.root = root;
    this.format = format;
    this.partSuffix = partSuffix;
    this.asOf = asOf;
    this.staging = root.resolve(STAGING).resolve(partSuffix.isEmpty() ? "whole" : partSuffix.substring(1));
    for (Source source : Source.values()) {
      rowsPerSource.put(source.folder(), 0);
      injected.put(source.folder(), new TreeMap<>());
    }
  }

  /** Writes one chunk's lines, every source, to the files of their export months up to the as-of month. */
  void write(EnumMap<Source, List<Line>> lines) throws IOException {
    for (Source source : Source.values()) {
      SortedMap<String, List<Line>> byMonth = new TreeMap<>();
      for (Line line : lines.get(source)) {
        if (line.month().compareTo(asOf) <= 0) {
          byMonth.computeIfAbsent(line.month(), month -> new ArrayList<>()).add(line);
        }
      }
      for (Map.Entry<String, List<Line>> month : byMonth.entrySet()) {
        write(source, source.fileName(month.getKey(), partSuffix) + "." + format.of(source).extension(), month.getValue());
      }
      if (source == Source.DEALS) {
        byMonth.values().forEach(this::countVersions);
      }
    }
    countSuperseded();
    chunks++;
  }

  private void write(Source source, String name, List<Line> lines) throws IOException {
    String relative = source.folder() + "/" + name;
    Path file = root.resolve(relative);
    if (format.of(source) == Source.Format.PARQUET) {
      Path chunkFile = Files.createDirectories(staging.resolve(source.folder()))
          .resolve(String.format(Locale.ROOT, "%s.%05d", name, chunks));
      ParquetRows.write(chunkFile, source, lines);
      parquetFiles.computeIfAbsent(relative, r -> new ParquetFile(source, new ArrayList<>())).chunks().add(chunkFile);
    } else {
      TableWriter.writeText(file, begun.add(relative), source, format.of(source), lines);
    }
    rowsPerFile.merge(relative, lines.size(), Integer::sum);
    rowsPerSource.merge(source.folder(), lines.size(), Integer::sum);
    for (Line line : lines) {
      if (line.reason() != null) {
        injected.get(source.folder()).merge(line.reason(), 1, Integer::sum);
      }
    }
  }

  /** Clean versions written per deal id; bad rows are rejected, never superseded. */
  private void countVersions(List<Line> deals) {
    for (Line line : deals) {
      if (line.reason() == null) {
        dealVersions.merge(line.value(0), 1, Integer::sum);
      }
    }
  }

  /** Every version of a chunk's deal but its latest is superseded. */
  private void countSuperseded() {
    dealVersions.values().forEach(versions -> superseded += versions - 1);
    dealVersions.clear();
  }

  /** Joins the Parquet chunks into their files and says what the part wrote. */
  GenerationReport finish() throws IOException {
    for (Map.Entry<String, ParquetFile> file : parquetFiles.entrySet()) {
      Path target = root.resolve(file.getKey());
      List<Path> chunkFiles = file.getValue().chunks();
      if (chunkFiles.size() == 1) {
        Files.move(chunkFiles.get(0), target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        ParquetRows.concatenate(target, file.getValue().source(), chunkFiles);
        for (Path chunkFile : chunkFiles) {
          Files.delete(chunkFile);
        }
      }
    }
    DealHistoryGenerator.deleteTree(staging);
    return new GenerationReport(rowsPerFile, rowsPerSource, superseded, injected);
  }
}
