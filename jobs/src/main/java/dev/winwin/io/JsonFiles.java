package dev.winwin.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Writes JSON documents (the run manifest) so that a reader sees the old file or the whole new one. */
public final class JsonFiles {
  /**
   * Pretty-printed, java.time values as ISO-8601 strings ({@code "2026-10"},
   * {@code "2026-11-27T05:23:32Z"}, {@code "PT1.5S"}) rather than epoch numbers, so a person can
   * read the manifest. Records serialize by their components.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /**
   * Serializes {@code value} to {@code file}, creating parent folders: written to a temporary file
   * in the same folder, flushed to disk, then renamed over {@code file} in one atomic step, so a
   * run killed mid-write never leaves a truncated document.
   */
  public static void write(Path file, Object value) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      // Not Files.createTempFile: it creates mode 0600, and the manifest is for other people to read.
      temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        MAPPER.writeValue(out, value);
        out.write('\n');
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Serializes {@code value} to {@code file} on any Hadoop file system, replacing it so that a
   * reader sees the old document or the whole new one (see {@link HadoopFiles#writeAtomically}).
   * A local file takes the path above.
   */
  public static void write(Location file, Object value) {
    if (file.isLocal()) {
      write(file.toLocalPath(), value);
      return;
    }
    try {
      HadoopFiles.writeAtomically(file, bytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Reads a document written by {@link #write}. */
  public static <T> T read(Location file, Class<T> type) {
    try {
      return MAPPER.readValue(HadoopFiles.read(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The document as {@link #write} writes it, for callers that store it their own way. */
  static byte[] bytes(Object value) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    MAPPER.writeValue(out, value);
    out.write('\n');
    return out.toByteArray();
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write already failed; that is the error to report.
    }
  }
}
