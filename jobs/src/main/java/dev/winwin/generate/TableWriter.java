package dev.winwin.generate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;

/**
 * Writes a source's lines as text in one format, in line order.
 *
 * <p>CSV: a header row, RFC 4180 quoting (a field with a comma, quote or line break is quoted,
 * quotes doubled), {@code \n} line ends. JSON Lines: one object per line, keys in column order,
 * empty values as {@code null}, numeric columns as JSON numbers when they parse (so a bad number
 * stays a string). No generated value contains a line break, so one record is one line. Parquet
 * is written by {@link ParquetRows}.
 *
 * <p>Lines are formatted into one reused buffer and streamed to the file, because a part's files
 * run to hundreds of megabytes: building each file as one string cost more than simulating it.
 * JSON is written by hand, byte for byte as Jackson's generator writes it, for the same reason;
 * Jackson still escapes any string that needs it.
 */
final class TableWriter {
  /** Characters formatted before they are encoded and written to the file. */
  private static final int FLUSH_CHARS = 1 << 16;
  private static final EnumMap<Source, String[]> JSON_KEYS = jsonKeys();

  private TableWriter() {}

  /**
   * Writes {@code lines} to a text file: a new file (replacing any left by an earlier attempt)
   * starts with the CSV header; otherwise they are appended after what the file holds.
   */
  static void writeText(Path path, boolean newFile, Source source, Source.Format format, List<Line> lines) throws IOException {
    OpenOption[] options = newFile
        ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
        : new OpenOption[] {StandardOpenOption.APPEND, StandardOpenOption.WRITE};
    try (OutputStream out = Files.newOutputStream(path, options)) {
      StringBuilder text = new StringBuilder(FLUSH_CHARS + 1024);
      if (newFile && format == Source.Format.CSV) {
        appendCsv(text, source.columns().toArray(String[]::new)).append('\n');
      }
      for (Line line : lines) {
        appendLine(text, source, format, line).append('\n');
        if (text.length() >= FLUSH_CHARS) {
          flush(text, out);
        }
      }
      flush(text, out);
    }
  }

  /**
   * Encodes the formatted text in one call: for ASCII text, which all generated text is, UTF-8
   * encoding is then a plain copy, not the character-by-character work of a {@code Writer}.
   */
  private static void flush(StringBuilder text, OutputStream out) throws IOException {
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
  }

  private static StringBuilder appendLine(StringBuilder text, Source source, Source.Format format, Line line) {
    if (line.isRaw()) {
      return text.append(line.rawText());
    }
    return format == Source.Format.CSV
        ? appendCsv(text, line.values())
        : appendJson(text, source, line.values());
  }

  static String csv(String... values) {
    return appendCsv(new StringBuilder(), values).toString();
  }

  static String json(Source source, String[] values) {
    return appendJson(new StringBuilder(), source, values).toString();
  }

  private static StringBuilder appendCsv(StringBuilder text, String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      if (values[i] != null) {
        appendQuotedIfNeeded(text, values[i]);
      }
    }
    return text;
  }

  private static void appendQuotedIfNeeded(StringBuilder text, String value) {
    if (!needsCsvQuotes(value)) {
      text.append(value);
      return;
    }
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      text.append(c);
      if (c == '"') {
        text.append('"');
      }
    }
    text.append('"');
  }

  private static boolean needsCsvQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private static StringBuilder appendJson(StringBuilder text, Source source, String[] values) {
    String[] keys = JSON_KEYS.get(source);
    text.append('{');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(keys[i]);
      String value = values[i];
      if (value == null) {
        text.append("null");
      } else if (source.isNumeric(i) && isPlainNumber(value)) {
        text.append(value);
      } else {
        appendJsonString(text, value);
      }
    }
    return text.append('}');
  }

  /** {@code "column":} per column, as Jackson writes a field name. */
  private static EnumMap<Source, String[]> jsonKeys() {
    EnumMap<Source, String[]> keys = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      keys.put(source, source.columns().stream()
          .map(column -> appendJsonString(new StringBuilder(), column).append(':').toString())
          .toArray(String[]::new));
    }
    return keys;
  }

  /** A quoted JSON string; values with a quote, backslash or control character go through Jackson. */
  private static StringBuilder appendJsonString(StringBuilder text, String value) {
    text.append('"');
    if (needsJsonEscape(value)) {
      text.append(JsonStringEncoder.getInstance().quoteAsString(value));
    } else {
      text.append(value);
    }
    return text.append('"');
  }

  private static boolean needsJsonEscape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** {@code -?\d+(\.\d+)?}: what may be written as a JSON number as it stands. */
  static boolean isPlainNumber(String value) {
    int i = value.startsWith("-") ? 1 : 0;
    int integerDigits = digits(value, i);
    if (integerDigits == 0) {
      return false;
    }
    i += integerDigits;
    if (i == value.length()) {
      return true;
    }
    if (value.charAt(i) != '.') {
      return false;
    }
    int fractionDigits = digits(value, i + 1);
    return fractionDigits > 0 && i + 1 + fractionDigits == value.length();
  }

  /** How many ASCII digits follow {@code from}. */
  private static int digits(String value, int from) {
    int i = from;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }
}
