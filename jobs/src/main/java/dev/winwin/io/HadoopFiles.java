package dev.winwin.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/** File chores on any Hadoop file system, for the pointer-file publish and the lock file. */
public final class HadoopFiles {
  private HadoopFiles() {}

  /**
   * Replaces {@code file} with {@code bytes} so that a reader sees the old content or the whole
   * new one, never a part: on an object store by one PUT (S3, GCS and Azure make an object visible
   * only when its upload completes); elsewhere by writing a temporary file beside it and renaming
   * it over the old one, atomic on HDFS ({@code rename} with {@code OVERWRITE}) and on a local
   * file system ({@code rename(2)}).
   */
  public static void writeAtomically(Location file, byte[] bytes) throws IOException {
    if (file.isLocal()) {
      java.nio.file.Path target = file.toLocalPath();
      java.nio.file.Path dir = target.getParent();
      Files.createDirectories(dir);
      java.nio.file.Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          channel.write(java.nio.ByteBuffer.wrap(bytes));
          channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return;
    }
    if (file.isObjectStore()) {
      try (FSDataOutputStream out = file.fs().create(file.path(), true)) {
        out.write(bytes);
      }
      return;
    }
    replaceByRename(file, bytes);
  }

  /** Writes a temporary file beside {@code file} and renames it over {@code file} in one step. */
  static void replaceByRename(Location file, byte[] bytes) throws IOException {
    Path temp = new Path(file.path().getParent(), "." + file.name() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FSDataOutputStream out = file.fs().create(temp, false)) {
        out.write(bytes);
        out.hsync();
      }
      FileContext context = FileContext.getFileContext(file.path().toUri(), file.fs().getConf());
      context.rename(temp, file.path(), Options.Rename.OVERWRITE);
    } finally {
      file.fs().delete(temp, false);
    }
  }

  /** The whole content of a small file. */
  static byte[] read(Location file) throws IOException {
    try (InputStream in = file.fs().open(file.path())) {
      return in.readAllBytes();
    }
  }

  /** The entries of a folder sorted by name, or none if it does not exist. */
  static List<FileStatus> children(Location dir) throws IOException {
    if (!dir.fs().exists(dir.path())) {
      return List.of();
    }
    FileStatus[] entries = dir.fs().listStatus(dir.path());
    Arrays.sort(entries, Comparator.comparing(s -> s.getPath().getName()));
    return List.of(entries);
  }

  /** Deletes a file or a folder with everything below it; a missing one is fine. */
  static void deleteRecursively(Location location) throws IOException {
    location.fs().delete(location.path(), true);
  }

  /**
   * Copies the tree {@code source} to {@code target} on the same file system. Object stores copy
   * object by object and HDFS has no hard links, so a carried-over partition costs its bytes once
   * per run; the reports are small next to the input.
   */
  static void copyTree(Location source, Location target) throws IOException {
    if (!FileUtil.copy(source.fs(), source.path(), target.fs(), target.path(), false, true, source.fs().getConf())) {
      throw new IOException("Cannot copy " + source + " to " + target);
    }
  }

  /** Every file below {@code dir} whose name ends with {@code suffix}, hidden files skipped, sorted. */
  public static List<Path> filesEndingWith(Location dir, String suffix) throws IOException {
    if (!dir.fs().exists(dir.path())) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    var iterator = dir.fs().listFiles(dir.path(), true);
    while (iterator.hasNext()) {
      Path file = iterator.next().getPath();
      String name = file.getName();
      if (name.endsWith(suffix) && !name.startsWith(".") && !name.startsWith("_")) {
        files.add(file);
      }
    }
    files.sort(Comparator.naturalOrder());
    return files;
  }

  /** Writes {@code bytes} to a new file; fails if it exists. */
  static void createNew(Location file, byte[] bytes) throws IOException {
    try (OutputStream out = file.fs().create(file.path(), false)) {
      out.write(bytes);
    }
  }
}
