package dev.winwin.stage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import dev.winwin.io.Location;

/** File chores of the staged store and the judged cache, on the output's Hadoop file system. */
final class StoreFiles {
  private StoreFiles() {}

  /** The entries of {@code folder}; none when it does not exist. */
  static List<FileStatus> children(Location folder) {
    try {
      return List.of(folder.fs().listStatus(folder.path()));
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }

  /** Removes {@code path} and everything below it from the file system of {@code root}. */
  static void delete(Location root, Path path) {
    try {
      root.fs().delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + path, e);
    }
  }

  /** A short, stable digest of {@code text}: 32 hexadecimal digits of its SHA-256. */
  static String digest(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
