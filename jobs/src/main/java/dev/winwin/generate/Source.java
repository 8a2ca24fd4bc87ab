package dev.winwin.generate;

import java.util.List;

import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;

/**
 * The six input sources as the generator writes them: the folder and columns of
 * {@link dev.winwin.schema.Source}, plus the file format. Numeric columns are written as JSON
 * numbers in JSON Lines files when they parse.
 */
enum Source {
  DEALS(dev.winwin.schema.Source.DEALS, Format.CSV),
  PRICE_ADJUSTMENTS(dev.winwin.schema.Source.PRICE_ADJUSTMENTS, Format.CSV),
  COST_LINES(dev.winwin.schema.Source.COST_LINES, Format.CSV),
  SURVEYS(dev.winwin.schema.Source.SURVEYS, Format.JSONL),
  NEGOTIATION_EVENTS(dev.winwin.schema.Source.NEGOTIATION_EVENTS, Format.JSONL),
  FX_RATES(dev.winwin.schema.Source.FX_RATES, Format.CSV);

  enum Format {
    CSV,
    JSONL
  }

  private final dev.winwin.schema.Source schema;
  private final Format format;

  Source(dev.winwin.schema.Source schema, Format format) {
    this.schema = schema;
    this.format = format;
  }

  String folder() {
    return schema.folder();
  }

  Format format() {
    return format;
  }

  List<String> columns() {
    return schema.fieldNames();
  }

  boolean isNumeric(String column) {
    return schema.fields().stream()
        .filter(field -> field.name().equals(column))
        .map(Field::kind)
        .anyMatch(kind -> kind == FieldKind.INTEGER || kind == FieldKind.DECIMAL);
  }

  /** Position of a column; a typo is a programming error, so it fails loudly. */
  int index(String column) {
    int index = columns().indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(folder() + " has no column " + column);
    }
    return index;
  }
}
