package dev.winwin.generate;

import java.util.List;
import java.util.Locale;

import dev.winwin.schema.Field;

/**
 * The six input sources as the generator writes them: the folder and columns of
 * {@link dev.winwin.schema.Source}, plus the file format the source has in the mixed layout of the
 * bundled sample. Numeric columns are written as JSON numbers in JSON Lines files when they parse.
 */
enum Source {
  DEALS(dev.winwin.schema.Source.DEALS, Format.CSV),
  PRICE_ADJUSTMENTS(dev.winwin.schema.Source.PRICE_ADJUSTMENTS, Format.CSV),
  COST_LINES(dev.winwin.schema.Source.COST_LINES, Format.CSV),
  SURVEYS(dev.winwin.schema.Source.SURVEYS, Format.JSONL),
  NEGOTIATION_EVENTS(dev.winwin.schema.Source.NEGOTIATION_EVENTS, Format.JSONL),
  FX_RATES(dev.winwin.schema.Source.FX_RATES, Format.CSV);

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
  private final Format mixedFormat;
  private final List<String> columns;
  /** Per column position: is it an integer or decimal column. */
  private final boolean[] numeric;

  Source(dev.winwin.schema.Source schema, Format mixedFormat) {
    this.schema = schema;
    this.mixedFormat = mixedFormat;
    this.columns = schema.fieldNames();
    this.numeric = new boolean[columns.size()];
    List<Field> fields = schema.fields();
    for (int i = 0; i < fields.size(); i++) {
      numeric[i] = fields.get(i).kind().isNumber();
    }
  }

  String folder() {
    return schema.folder();
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
