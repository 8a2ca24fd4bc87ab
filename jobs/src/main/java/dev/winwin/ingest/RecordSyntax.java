package dev.winwin.ingest;

import java.io.Serializable;

/**
 * Where a record of a text file ends, found on its bytes: what {@link RecordCursor} walks a file
 * with. Line ends are LF or CRLF; a record starts at the start of a line.
 */
interface RecordSyntax extends Serializable {
  /**
   * Finds the extent of the record that starts at {@code buf[start]} (a line that is not blank).
   *
   * @param limit the end of the bytes at hand
   * @param eof whether the file ends at {@code limit}
   * @return false when the bytes at hand do not decide the record's extent and the file goes on;
   *     then nothing is set and the caller scans again with more bytes
   */
  boolean scan(byte[] buf, int start, int limit, boolean eof, Extent out);

  /** What {@link #scan} found; one instance is reused for every record. */
  final class Extent {
    /** Where the record's text ends, before its line end. */
    int end;
    /** Where the next record may start: after the record's line end. */
    int next;
    /** The physical lines the record takes. */
    int lines;
    /** The record's number of fields, where the syntax has fields and the record is well-formed. */
    int fields;
    /** True when the record is broken: then it is its first line alone. */
    boolean malformed;

    /** @param lineEnd where the record's line end (LF) is, or the end of the file */
    void set(byte[] buf, int start, int lineEnd, int next, int lines, int fields, boolean malformed) {
      this.end = lineEnd > start && lineEnd < next && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      this.next = next;
      this.lines = lines;
      this.fields = fields;
      this.malformed = malformed;
    }
  }

  /** JSON Lines: a record is one line; whether it holds one JSON object is for its parser to say. */
  RecordSyntax LINES = (buf, start, limit, eof, out) -> {
    int i = start;
    while (i < limit && buf[i] != '\n') {
      i++;
    }
    if (i == limit && !eof) {
      return false;
    }
    out.set(buf, start, i, Math.min(i + 1, limit), 1, 1, false);
    return true;
  };
}
