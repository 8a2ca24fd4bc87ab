package dev.winwin.io;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Exclusive right to write under one output root.
 *
 * <p>On a local file system it is an OS lock ({@link PosixOutputLock}), which the kernel releases
 * however the holder dies. HDFS and object stores have no such lock, so there it is a lock file
 * created only if absent ({@link HadoopOutputLock}), naming its owner and removed when the run
 * ends; one left by a run that died is broken as {@link Policy} says.
 */
public sealed interface OutputLock extends AutoCloseable permits PosixOutputLock, HadoopOutputLock {
  /**
   * When a lock file left on HDFS or an object store counts as abandoned.
   *
   * @param staleAfter a lock file older than this is taken to belong to a run that died
   * @param breakStale remove such a lock and go on; otherwise stop and say how to remove it
   */
  record Policy(Duration staleAfter, boolean breakStale) {}

  /** Takes the OS lock of a local output root without waiting; see {@link PosixOutputLock}. */
  static OutputLock acquire(Path root) {
    return PosixOutputLock.acquire(root);
  }

  /**
   * Takes the lock of {@code root} without waiting: the OS lock on a local file system, the lock
   * file anywhere else.
   *
   * @param owner who takes it, written into a lock file (the run id)
   * @throws dev.winwin.UserError if another run holds it, or it cannot be taken
   */
  static OutputLock acquire(Location root, String owner, Policy policy) {
    return root.isLocal() ? PosixOutputLock.acquire(root) : HadoopOutputLock.acquire(root, owner, policy);
  }

  /** The output root this lock guards. */
  Location root();

  /** Whether the lock is still held by this holder; false after {@link #close()}. */
  boolean isHeld();

  /** Releases the lock; idempotent. */
  @Override
  void close();
}
