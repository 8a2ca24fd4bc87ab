package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.winwin.UserError;

/**
 * The {@link OutputLock} of a local output root: an OS lock on {@code <root>/.winwin.lock}.
 *
 * <p>An OS lock rather than a marker file: the kernel releases it when the holding process dies,
 * however it dies, so a killed run never leaves a stale lock for a human to remove. The lock file
 * itself is never deleted, because deleting it would let two runs lock two different files.
 */
final class PosixOutputLock implements OutputLock {
  static final String LOCK_FILE = ".winwin.lock";

  private final Path root;
  private final Location location;
  private final FileChannel channel;
  private final FileLock lock;

  private PosixOutputLock(Path root, Location location, FileChannel channel, FileLock lock) {
    this.root = root;
    this.location = location;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates {@code root} if needed and takes its lock without waiting.
   *
   * @throws UserError if another run (another process, or another lock in this JVM) holds the
   *     lock, or if the root cannot be created or written
   */
  static PosixOutputLock acquire(Path root) {
    return acquire(root, Location.local(root));
  }

  /** {@link #acquire(Path)} for a local location, which keeps its Hadoop configuration. */
  static PosixOutputLock acquire(Location root) {
    return acquire(root.toLocalPath(), root);
  }

  private static PosixOutputLock acquire(Path root, Location location) {
    Path absolute = root.toAbsolutePath().normalize();
    Path lockFile = absolute.resolve(LOCK_FILE);
    FileChannel channel = open(absolute, lockFile);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw heldElsewhere(absolute, lockFile);
      }
      return new PosixOutputLock(absolute, location, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw heldElsewhere(absolute, lockFile);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("Cannot lock " + lockFile, e);
    } catch (UserError e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The absolute, normalised output root this lock guards. */
  Path localRoot() {
    return root;
  }

  @Override
  public Location root() {
    return location;
  }

  @Override
  public boolean isHeld() {
    return lock.isValid();
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release " + root.resolve(LOCK_FILE), e);
    }
  }

  private static FileChannel open(Path root, Path lockFile) {
    try {
      Files.createDirectories(root);
      return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (FileSystemException e) {
      // Permissions, read-only mounts and a root that is a plain file land here: all the user's to fix.
      throw notWritable(root, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + lockFile, e);
    }
  }

  private static UserError heldElsewhere(Path root, Path lockFile) {
    return new UserError("Another winwin run is writing to " + root + " (lock " + lockFile
        + "); wait for it to finish or use another --output.");
  }

  private static UserError notWritable(Path root, FileSystemException e) {
    String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
    return new UserError("Output " + root + " is not a writable directory (" + reason
        + "); fix its permissions or use another --output.", e);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // The original failure is the one worth reporting.
    }
  }
}
