package dev.winwin.ingest;

import java.util.List;
import java.util.Map;

import dev.winwin.schema.Source;

/**
 * The data files of one source, checked and prepared for reading by {@link SourceReader#open}:
 * CSV headers and Parquet footers read, the split points of large text files found. Reading and
 * counting the source both start from it, so a run does that work once.
 */
public final class SourceFiles {
  private final Source source;
  private final List<DataFile> files;
  private final TextRecords text;
  private final Map<DataFile, ParquetFooter> parquet;

  SourceFiles(Source source, List<DataFile> files, TextRecords text, Map<DataFile, ParquetFooter> parquet) {
    this.source = source;
    this.files = List.copyOf(files);
    this.text = text;
    this.parquet = Map.copyOf(parquet);
  }

  public Source source() {
    return source;
  }

  /** Every data file of the source, in name order. */
  public List<DataFile> files() {
    return files;
  }

  /** The CSV and JSON Lines files' records; null when the source has none. */
  TextRecords text() {
    return text;
  }

  /** The footer of every Parquet file that is not empty. */
  Map<DataFile, ParquetFooter> parquet() {
    return parquet;
  }
}
