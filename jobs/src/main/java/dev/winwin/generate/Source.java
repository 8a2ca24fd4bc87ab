package dev.winwin.generate;

import java.util.List;
import java.util.Locale;

import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;

/**
 * The six input sources as the generator writes them: the folder and columns of
 * {@link dev.winwin.schema.Source}, the name of its monthly files, and the file format the source
 * has in the mixed layout of the bundled sample. Numeric columns are written as JSON numbers in JSON Lines files when they parse.
 */
enum Source {
  DEALS(dev.winwin.schema.Source.DEALS, "deals", Format.CSV),
  PRICE_ADJUSTMENTS(dev.winwin.schema.Source.PRICE_ADJUSTMENTS, "price_adjustments", Format.CSV),
  COST_LINES(dev.winwin.schema.Source.COST_LINES, "cost_lines", Format.CSV),
  SURVEYS(dev.winwin.schema.Source.SURVEYS, "responses", Format.JSONL),
  NEGOTIATION_EVENTS(dev.winwin.schema.Source.NEGOTIATION_EVENTS, "events", Format.JSONL),
  FX_RATES(dev.winwin.schema.Source.FX_RATES, "fx_rates", Format.CSV);

  /** A file format the generator writes, named by the extension its files get. */
  enum Format {
    CSV,
    JSONL,
    PARQUET;

    String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final dev.winwin.schema.Source schema;
  private final String fileName;
  private final Format mixedFormat;
  private final List<String> columns;
  /** Per column position: is it an integer or decimal column. */
  private final boolean[] numeric;

  Source(dev.winwin.schema.Source schema, String fileName, Format mixedFormat) {
    this.schema = schema;
    this.fileName = fileName;
    this.mixedFormat = mixedFormat;
    this.columns = schema.fieldNames();
    this.numeric = new boolean[columns.size()];
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      numeric[i] = fields.get(i).kind() == FieldKind.INTEGER || fields.get(i).kind() == FieldKind.DECIMAL;
    }
  }

  String folder() {
    return schema.folder();
  }

  /**
   * The name of the file of {@code month} ({@code yyyy-MM}) without extension, e.g. {@code
   * responses_2026-10}; a history written in parts adds the part's suffix.
   */
  String fileName(String month, String partSuffix) {
    return fileName + "_" + month + partSuffix;
  }

  /** The format of this source's files in the mixed layout. */
  Format mixedFormat() {
    return mixedFormat;
  }

  List<String> columns() {
    return columns;
  }

  boolean isNumeric(int column) {
    return numeric[column];
  }

  /** Position of a column; a typo is a programming error, so it fails loudly. */
  int index(String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(folder() + " has no column " + column);
    }
    return index;
  }
}
