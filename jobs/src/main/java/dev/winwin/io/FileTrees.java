package dev.winwin.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File-tree chores of the snapshot publisher, on java.nio and never following symbolic links. */
final class FileTrees {
  private FileTrees() {}

  /** The entries of {@code dir} sorted by name, or none if it does not exist. */
  static List<Path> children(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }

  /**
   * Deletes {@code path} and everything below it; a missing path is fine. Symbolic links are
   * removed, not followed, and removing a hard link leaves the other names of the file intact.
   */
  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Recreates the tree {@code source} at {@code target} with every file hard-linked, so the
   * unchanged partitions of a report cost no space and keep their bytes and inode. A file that
   * cannot be linked (another device, a file system without hard links) is copied instead.
   */
  static void linkTree(Path source, Path target) throws IOException {
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path copy = target.resolve(source.relativize(file));
        try {
          Files.createLink(copy, file);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Flushes every file and directory under {@code root} to stable storage, children before
   * parents, so that a power loss after the publishing rename cannot expose a snapshot whose
   * files were still only in the page cache. A killed process needs none of this; only the OS
   * crashing does.
   */
  static void forceTree(Path root) throws IOException {
    List<Path> directories = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        directories.add(dir);
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path dir : directories) {
      forceDirectory(dir);
    }
  }

  /**
   * Flushes a directory's entries (new names, renames). Linux allows this through a read-only
   * channel; where the platform refuses to open a directory the flush is skipped, because the
   * rename itself is still atomic and only durability across an OS crash is lost.
   */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      // Not supported for directories on this platform; see above.
    }
  }
}
