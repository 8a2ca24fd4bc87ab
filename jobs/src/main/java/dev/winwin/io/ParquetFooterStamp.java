package dev.winwin.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;

/**
 * Adds key-value metadata to the footer of a Parquet file that Spark has already written.
 *
 * <p>Spark offers no way to put custom key-value pairs into the files it writes, yet a file that
 * names the run and version that produced it can be traced without any side table. A Parquet
 * file ends with {@code <footer><4-byte little-endian footer length>PAR1}, and every offset in the
 * footer points backwards into the data, so the footer can be replaced in place without touching
 * a single data byte.
 */
public final class ParquetFooterStamp {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAIL = Integer.BYTES + MAGIC.length;

  private ParquetFooterStamp() {}

  /**
   * Adds {@code keyValues} to the footer of {@code parquetFile}, replacing entries with the same
   * key and keeping all others (Spark's schema entry among them), then deletes Hadoop's sibling
   * {@code .<name>.crc}, which no longer matches and which Hadoop does not need to read the file.
   *
   * <p>Rewrites the file in place, so use it only on files no reader can see yet (staging).
   *
   * @throws IllegalArgumentException if the file is not a plain (unencrypted) Parquet file
   */
  public static void stamp(Path parquetFile, Map<String, String> keyValues) {
    try (FileChannel channel = FileChannel.open(parquetFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size < MAGIC.length + TAIL) {
        throw notParquet(parquetFile, "too short");
      }
      ByteBuffer tail = ByteBuffer.allocate(TAIL).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, tail, size - TAIL);
      int footerLength = tail.getInt(0);
      if (!Arrays.equals(Arrays.copyOfRange(tail.array(), Integer.BYTES, TAIL), MAGIC)) {
        throw notParquet(parquetFile, "no PAR1 at the end (encrypted footers are not supported)");
      }
      long footerStart = size - TAIL - footerLength;
      if (footerLength <= 0 || footerStart < MAGIC.length) {
        throw notParquet(parquetFile, "footer length " + footerLength + " out of range");
      }

      ByteBuffer oldFooter = ByteBuffer.allocate(footerLength);
      readFully(channel, oldFooter, footerStart);
      byte[] newFooter = restamped(oldFooter.array(), keyValues);

      channel.truncate(footerStart);
      writeFully(channel, ByteBuffer.wrap(newFooter), footerStart);
      writeFully(channel, tail(newFooter.length), footerStart + newFooter.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stamp the Parquet footer of " + parquetFile, e);
    }
    try {
      Files.deleteIfExists(parquetFile.resolveSibling("." + parquetFile.getFileName() + ".crc"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the stale checksum of " + parquetFile, e);
    }
  }

  /**
   * The same stamp for a file on any Hadoop file system. HDFS and object stores cannot rewrite a
   * file's end, so the stamped file is written beside it (the data bytes streamed unchanged, then
   * the new footer) and renamed over it. A local file is stamped in place, as above.
   *
   * <p>Use it only on files no reader can see yet (staging): for a moment the file is absent.
   */
  public static void stamp(Location parquetFile, Map<String, String> keyValues) {
    if (parquetFile.isLocal()) {
      stamp(parquetFile.toLocalPath(), keyValues);
    } else {
      rewrite(parquetFile, keyValues);
    }
  }

  /** The stamp by writing a stamped copy and renaming it over the file; works on every file system. */
  static void rewrite(Location parquetFile, Map<String, String> keyValues) {
    FileSystem fs = parquetFile.fs();
    org.apache.hadoop.fs.Path file = parquetFile.path();
    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(file.getParent(), "." + file.getName() + ".stamping");
    try {
      long size = fs.getFileStatus(file).getLen();
      if (size < MAGIC.length + TAIL) {
        throw notParquet(parquetFile, "too short");
      }
      try (FSDataInputStream in = fs.open(file)) {
        byte[] tail = new byte[TAIL];
        in.readFully(size - TAIL, tail);
        int footerLength = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (!Arrays.equals(Arrays.copyOfRange(tail, Integer.BYTES, TAIL), MAGIC)) {
          throw notParquet(parquetFile, "no PAR1 at the end (encrypted footers are not supported)");
        }
        long footerStart = size - TAIL - footerLength;
        if (footerLength <= 0 || footerStart < MAGIC.length) {
          throw notParquet(parquetFile, "footer length " + footerLength + " out of range");
        }
        byte[] oldFooter = new byte[footerLength];
        in.readFully(footerStart, oldFooter);
        byte[] newFooter = restamped(oldFooter, keyValues);
        in.seek(0);
        try (FSDataOutputStream out = fs.create(temp, true)) {
          copy(in, out, footerStart);
          out.write(newFooter);
          out.write(tail(newFooter.length).array());
        }
      }
      if (!fs.delete(file, false) || !fs.rename(temp, file)) {
        throw new IOException("cannot replace it with the stamped copy " + temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stamp the Parquet footer of " + parquetFile, e);
    }
  }

  private static byte[] restamped(byte[] oldFooter, Map<String, String> keyValues) throws IOException {
    FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(oldFooter));
    footer.setKey_value_metadata(merged(footer.getKey_value_metadata(), keyValues));
    ByteArrayOutputStream newFooter = new ByteArrayOutputStream(oldFooter.length + 256);
    Util.writeFileMetaData(footer, newFooter);
    return newFooter.toByteArray();
  }

  private static ByteBuffer tail(int footerLength) {
    ByteBuffer tail = ByteBuffer.allocate(TAIL).order(ByteOrder.LITTLE_ENDIAN);
    tail.putInt(footerLength).put(MAGIC).flip();
    return tail;
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("Unexpected end of file");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static List<KeyValue> merged(List<KeyValue> existing, Map<String, String> keyValues) {
    List<KeyValue> result = new ArrayList<>();
    if (existing != null) {
      for (KeyValue kv : existing) {
        if (!keyValues.containsKey(kv.getKey())) {
          result.add(kv);
        }
      }
    }
    keyValues.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> result.add(new KeyValue(e.getKey()).setValue(e.getValue())));
    return result;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("Unexpected end of file");
      }
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer, position + buffer.position());
    }
  }

  private static IllegalArgumentException notParquet(Object file, String reason) {
    return new IllegalArgumentException(file + " is not a Parquet file: " + reason);
  }
}
