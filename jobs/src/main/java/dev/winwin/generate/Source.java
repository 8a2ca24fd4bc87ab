package dev.winwin.generate;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
  private final List<String> columns;
  private final Set<String> numericColumns;

  Source(dev.winwin.schema.Source schema, Format format) {
    this.schema = schema;
    this.format = format;
    this.columns = schema.fieldNames();
    this.numericColumns = schema.fields().stream()
        .filter(field -> field.kind() == FieldKind.INTEGER || field.kind() == FieldKind.DECIMAL)
        .map(Field::name)
        .collect(Collectors.toUnmodifiableSet());
  }

  String folder() {
    return schema.folder();
  }

  Format format() {
    return format;
  }

  List<String> columns() {
    return columns;
  }

  boolean isNumeric(String column) {
    return numericColumns.contains(column);
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
