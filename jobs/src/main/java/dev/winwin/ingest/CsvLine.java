package dev.winwin.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180: comma separated, fields optionally in double quotes, quotes
 * doubled inside them). A record is one line: a quote left open at the end of the line makes the
 * line malformed instead of swallowing the lines after it.
 */
final class CsvLine {
  private CsvLine() {}

  /** The fields of the line, or null when the line is malformed (an unclosed or stray quote). */
  static List<String> parse(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < n && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            closed = true;
            break;
          }
        }
        if (!closed || (i < n && line.charAt(i) != ',')) {
          return null;
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }
}
