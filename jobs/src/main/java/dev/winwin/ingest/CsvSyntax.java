package dev.winwin.ingest;

/**
 * CSV as RFC 4180 has it: fields separated by commas; a field that starts with a double quote is
 * quoted and may hold commas, line breaks and doubled quotes ({@code ""} for one), and must be
 * followed by a comma or the record's end; in a field that does not start with a quote, a quote
 * is just a character.
 *
 * <p>A record is well-formed when its quotes are so and it has exactly the header's number of
 * fields. One that is not is its first line alone, and the next record starts on the next line:
 * an unclosed quote cannot swallow the records after it. A record may run over several lines
 * within {@link #MAX_MULTILINE_BYTES}; one that runs on longer counts as not well-formed, which
 * bounds what an unclosed quote costs to read and hold.
 */
final class CsvSyntax implements RecordSyntax {
  /** The most bytes a record that spans lines may take (a single line may be of any length). */
  static final int MAX_MULTILINE_BYTES = 8 << 20;

  private final int fieldCount;

  /** @param fieldCount the header's number of fields; 0 for the header itself, which may have any */
  CsvSyntax(int fieldCount) {
    this.fieldCount = fieldCount;
  }

  @Override
  public boolean scan(byte[] buf, int start, int limit, boolean eof, Extent out) {
    int maxFields = fieldCount == 0 ? Integer.MAX_VALUE : fieldCount;
    int i = start;
    int fields = 1;
    // The first line end inside a quoted field: where the record's first line ends.
    int firstLineEnd = -1;
    int innerLineEnds = 0;
    boolean wellFormed = true;
    walk:
    while (true) {
      if (i < limit && buf[i] == '"') {
        i++;
        while (true) {
          while (i < limit && buf[i] != '"') {
            if (buf[i] == '\n') {
              firstLineEnd = firstLineEnd < 0 ? i : firstLineEnd;
              innerLineEnds++;
            }
            i++;
          }
          if (firstLineEnd >= 0 && i - start > MAX_MULTILINE_BYTES) {
            wellFormed = false;
            break walk;
          }
          if (i + 1 >= limit) {
            if (!eof) {
              return false;
            }
            if (i == limit) {
              wellFormed = false;
              break walk;
            }
            i++;
            break;
          }
          if (buf[i + 1] != '"') {
            i++;
            break;
          }
          i += 2;
        }
        if (i == limit) {
          // the file ends with the closing quote
          break;
        }
        byte after = buf[i];
        if (after == ',') {
          if (++fields > maxFields) {
            wellFormed = false;
            break;
          }
          i++;
          continue;
        }
        if (after == '\r' && i + 1 == limit && !eof) {
          return false;
        }
        if (after == '\n' || after == '\r' && i + 1 < limit && buf[i + 1] == '\n') {
          i = after == '\n' ? i : i + 1;
          break;
        }
        wellFormed = false;
        break;
      }
      while (i < limit && buf[i] != ',' && buf[i] != '\n') {
        i++;
      }
      if (i == limit && !eof) {
        if (firstLineEnd >= 0 && i - start > MAX_MULTILINE_BYTES) {
          wellFormed = false;
          break;
        }
        return false;
      }
      if (i < limit && buf[i] == ',') {
        if (++fields > maxFields) {
          wellFormed = false;
          break;
        }
        i++;
        continue;
      }
      break;
    }
    // i is at the record's line end (or the end of the file), or where it went wrong.
    if (wellFormed && (fieldCount == 0 || fields == fieldCount) && (firstLineEnd < 0 || i - start <= MAX_MULTILINE_BYTES)) {
      out.set(buf, start, i, Math.min(i + 1, limit), innerLineEnds + 1, fields, false);
      return true;
    }
    if (firstLineEnd < 0) {
      // Still on the first line: it ends at the next line end, whatever the quotes say.
      while (i < limit && buf[i] != '\n') {
        i++;
      }
      if (i == limit && !eof) {
        return false;
      }
      firstLineEnd = i;
    }
    out.set(buf, start, firstLineEnd, Math.min(firstLineEnd + 1, limit), 1, 0, true);
    return true;
  }

  /**
   * The fields of a record that {@link #scan} found well-formed, as text: quotes removed and
   * doubled quotes made single. Only the fields marked in {@code wanted} are extracted; the others
   * are left null.
   *
   * @param text the record without its line end
   * @param fields one slot per field of the header, filled here
   * @param unescaped reused for fields with doubled quotes
   */
  static void fields(String text, boolean[] wanted, String[] fields, StringBuilder unescaped) {
    int n = text.length();
    int i = 0;
    for (int f = 0; f < fields.length; f++) {
      if (i < n && text.charAt(i) == '"') {
        int from = i + 1;
        int quote = text.indexOf('"', from);
        if (quote + 1 < n && text.charAt(quote + 1) == '"') {
          unescaped.setLength(0);
          while (quote + 1 < n && text.charAt(quote + 1) == '"') {
            unescaped.append(text, from, quote + 1);
            from = quote + 2;
            quote = text.indexOf('"', from);
          }
          unescaped.append(text, from, quote);
          fields[f] = wanted[f] ? unescaped.toString() : null;
        } else {
          fields[f] = wanted[f] ? text.substring(from, quote) : null;
        }
        i = quote + 2;
      } else {
        int comma = text.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        fields[f] = wanted[f] ? text.substring(i, end) : null;
        i = end + 1;
      }
    }
  }
}
