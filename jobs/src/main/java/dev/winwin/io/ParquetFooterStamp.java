package dev.winwin.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
      FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(oldFooter.array()));
      footer.setKey_value_metadata(merged(footer.getKey_value_metadata(), keyValues));

      ByteArrayOutputStream newFooter = new ByteArrayOutputStream(footerLength + 256);
      Util.writeFileMetaData(footer, newFooter);
      ByteBuffer newTail = ByteBuffer.allocate(TAIL).order(ByteOrder.LITTLE_ENDIAN);
      newTail.putInt(newFooter.size()).put(MAGIC).flip();

      channel.truncate(footerStart);
      writeFully(channel, ByteBuffer.wrap(newFooter.toByteArray()), footerStart);
      writeFully(channel, newTail, footerStart + newFooter.size());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stamp the Parquet footer of " + parquetFile, e);
    }
    try {
      Files.deleteIfExists(parquetFile.resolveSibling("." + parquetFile.getFileName() + ".crc"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the stale checksum of " + parquetFile, e);
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

  private static IllegalArgumentException notParquet(Path file, String reason) {
    return new IllegalArgumentException(file + " is not a Parquet file: " + reason);
  }
}
