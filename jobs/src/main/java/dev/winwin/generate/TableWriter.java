package dev.winwin.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a source's lines into its folder, one file per {@link Line#file()}, in line order.
 *
 * <p>CSV: a header row, RFC 4180 quoting (a field with a comma, quote or line break is quoted,
 * quotes doubled), {@code \n} line ends. JSON Lines: one object per line, keys in column order,
 * empty values as {@code null}, numeric columns as JSON numbers when they parse (so a bad number
 * stays a string). No generated value contains a line break, so one record is one line.
 */
final class TableWriter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private TableWriter() {}

  /**
   * Writes every file of {@code source} under {@code root}.
   *
   * @return data rows (header excluded) per file, keyed by path relative to {@code root}
   */
  static SortedMap<String, Integer> write(Path root, Source source, List<Line> lines, String fileSuffix)
      throws IOException {
    SortedMap<String, List<Line>> byFile = new TreeMap<>();
    for (Line line : lines) {
      byFile.computeIfAbsent(line.file(), file -> new ArrayList<>()).add(line);
    }
    Path folder = Files.createDirectories(root.resolve(source.folder()));
    SortedMap<String, Integer> rows = new TreeMap<>();
    for (Map.Entry<String, List<Line>> file : byFile.entrySet()) {
      StringBuilder text = new StringBuilder();
      if (source.format() == Source.Format.CSV) {
        text.append(csv(source.columns().toArray(String[]::new))).append('\n');
      }
      for (Line line : file.getValue()) {
        text.append(line.isRaw() ? line.rawText() : format(source, line.values())).append('\n');
      }
      String name = withSuffix(file.getKey(), fileSuffix);
      Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
      rows.put(source.folder() + "/" + name, file.getValue().size());
    }
    return rows;
  }

  /** {@code deals_2024.csv} with suffix {@code -part-00003} is {@code deals_2024-part-00003.csv}. */
  private static String withSuffix(String file, String suffix) {
    int dot = file.lastIndexOf('.');
    return file.substring(0, dot) + suffix + file.substring(dot);
  }

  static String format(Source source, String[] values) {
    return source.format() == Source.Format.CSV ? csv(values) : json(source, values);
  }

  static String csv(String... values) {
    StringBuilder record = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        record.append(',');
      }
      record.append(quoted(values[i] == null ? "" : values[i]));
    }
    return record.toString();
  }

  static String json(Source source, String[] values) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(text)) {
      generator.writeStartObject();
      for (int i = 0; i < values.length; i++) {
        String column = source.columns().get(i);
        generator.writeFieldName(column);
        if (values[i] == null) {
          generator.writeNull();
        } else if (source.isNumeric(column) && NUMBER.matcher(values[i]).matches()) {
          generator.writeNumber(values[i]);
        } else {
          generator.writeString(values[i]);
        }
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot format a JSON line", e);
    }
    return text.toString();
  }

  private static String quoted(String value) {
    boolean needsQuotes =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return needsQuotes ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
