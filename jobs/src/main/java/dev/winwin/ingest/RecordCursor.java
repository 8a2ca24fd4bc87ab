package dev.winwin.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Walks the records of a text file from a known record start, with their line numbers, over one
 * reused buffer. Blank lines (only spaces, tabs and the like) are skipped but counted; a UTF-8
 * byte-order mark at the start of the file is skipped.
 *
 * <p>The reader, the count and the split pre-pass of {@link TextRecords} all walk files with this
 * class, so they agree on every record by construction.
 */
final class RecordCursor implements Closeable {
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final RecordSyntax.Extent extent = new RecordSyntax.Extent();
  private byte[] buf;
  private InputStream in;
  private RecordSyntax syntax;
  /** The file offset of {@code buf[0]}. */
  private long bufOffset;
  private int limit;
  private boolean eof;
  /** Where the next record or blank line starts, and its line number. */
  private int pos;
  private long line;
  /** The current record: where it starts and its line number. */
  private int recordStart;
  private long recordLine;

  RecordCursor(int bufferBytes) {
    this.buf = new byte[bufferBytes];
  }

  /**
   * Opens {@code path} at {@code start}, which must be where a record (or a blank line) starts
   * on line {@code firstLine}.
   */
  void open(FileSystem fs, Path path, long start, long firstLine, RecordSyntax syntax) throws IOException {
    close();
    FSDataInputStream stream = fs.open(path);
    in = stream;
    if (start > 0) {
      stream.seek(start);
    }
    this.syntax = syntax;
    bufOffset = start;
    limit = 0;
    pos = 0;
    eof = false;
    line = firstLine;
    if (start == 0) {
      while (limit < BYTE_ORDER_MARK.length && !eof) {
        fill();
      }
      if (limit >= BYTE_ORDER_MARK.length && buf[0] == BYTE_ORDER_MARK[0] && buf[1] == BYTE_ORDER_MARK[1] && buf[2] == BYTE_ORDER_MARK[2]) {
        pos = BYTE_ORDER_MARK.length;
      }
    }
  }

  /**
   * Moves to the next record that starts before the file offset {@code stop}.
   *
   * @return false when the file ends, or the next record starts at or after {@code stop}
   */
  boolean next(long stop) throws IOException {
    while (true) {
      int i = pos;
      while (i < limit && isBlank(buf[i])) {
        i++;
      }
      if (i == limit && !eof) {
        fill();
        continue;
      }
      if (i < limit && buf[i] == '\n') {
        pos = i + 1;
        line++;
        continue;
      }
      if (i == limit || bufOffset + pos >= stop) {
        return false;
      }
      if (!syntax.scan(buf, pos, limit, eof, extent)) {
        fill();
        continue;
      }
      recordStart = pos;
      recordLine = line;
      pos = extent.next;
      line += extent.lines;
      return true;
    }
  }

  /** The current record's file offset. */
  long offset() {
    return bufOffset + recordStart;
  }

  /** The file offset where the record or blank line after the current record starts. */
  long nextOffset() {
    return bufOffset + pos;
  }

  /** The line number of the record or blank line after the current record. */
  long nextLine() {
    return line;
  }

  /** The current record's line number: the physical line it starts on. */
  long line() {
    return recordLine;
  }

  /** Whether the current record is broken (it is then its first line alone). */
  boolean malformed() {
    return extent.malformed;
  }

  /** The current record's number of fields, where its syntax has fields and it is well-formed. */
  int fields() {
    return extent.fields;
  }

  /** The current record as written, without its last line end: the one decoding of its bytes. */
  String text() {
    return new String(buf, recordStart, extent.end - recordStart, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }

  /** Reads more of the file, keeping what is left from {@code pos} on; grows the buffer when it is full of one record. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufOffset += pos;
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int read = in.read(buf, limit, buf.length - limit);
    if (read < 0) {
      eof = true;
    } else {
      limit += read;
    }
  }

  /** White space as {@link String#isBlank} has it, line feed aside: the ASCII part of {@link Character#isWhitespace}. */
  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == 0x0C || (b >= 0x1C && b <= 0x1F);
  }
}
