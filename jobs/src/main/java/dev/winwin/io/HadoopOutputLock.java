package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.UserError;

/**
 * The {@link OutputLock} of an output root on HDFS or an object store: the file
 * {@code <root>/.winwin-lock.json}, created only if absent, holding the owner (run id, host,
 * process id and its start, time taken) and a random token; deleted by its holder at the end.
 *
 * <p>A run that dies cannot delete it, so a lock file is broken when its owner is certainly gone
 * (same host, and no process with that id and start time) or, when {@link Policy#breakStale()} is
 * set, when it is older than {@link Policy#staleAfter()}. Otherwise the next run stops with a
 * sentence naming the owner and the way out.
 *
 * <p>HDFS creates a file only if absent atomically. On S3 that check and the write are two
 * requests (unless the store offers conditional writes), so two runs started in the same instant
 * could both get through: the lock guards against mistakes, not against a race staged on purpose.
 */
final class HadoopOutputLock implements OutputLock {
  static final String LOCK_FILE = ".winwin-lock.json";
  private static final Logger LOG = LogManager.getLogger(HadoopOutputLock.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What the lock file holds. */
  record Holder(String owner, String host, long pid, String processStart, String acquiredAt, String token) {
    Instant acquired() {
      return Instant.parse(acquiredAt);
    }
  }

  private final Location root;
  private final Location lockFile;
  private final String token;
  private boolean released;

  private HadoopOutputLock(Location root, Location lockFile, String token) {
    this.root = root;
    this.lockFile = lockFile;
    this.token = token;
  }

  static HadoopOutputLock acquire(Location root, String owner, Policy policy) {
    Location lockFile = root.resolve(LOCK_FILE);
    ProcessHandle self = ProcessHandle.current();
    Holder me = new Holder(owner, hostName(), self.pid(),
        self.info().startInstant().map(Instant::toString).orElse(""), Instant.now().toString(), UUID.randomUUID().toString());
    try {
      root.fs().mkdirs(root.path());
      if (tryCreate(lockFile, me)) {
        return new HadoopOutputLock(root, lockFile, me.token());
      }
      Optional<Holder> holder = readHolder(lockFile);
      Instant since = holder.map(Holder::acquired).orElseGet(() -> modified(lockFile));
      Duration age = Duration.between(since, Instant.now());
      String who = holder.map(h -> "run " + h.owner() + " on " + h.host() + ", pid " + h.pid()).orElse("an unknown run");
      String gone = holder.filter(HadoopOutputLock::ownerIsGone).map(h -> "its process is gone").orElse(null);
      String old = age.compareTo(policy.staleAfter()) > 0
          ? "it is older than publish.lock-stale-after (" + policy.staleAfter() + ")" : null;
      if (gone != null || (old != null && policy.breakStale())) {
        LOG.warn("Breaking the lock {} of {} taken at {}: {}", lockFile, who, since, gone != null ? gone : old);
        root.fs().delete(lockFile.path(), false);
        if (tryCreate(lockFile, me)) {
          return new HadoopOutputLock(root, lockFile, me.token());
        }
        throw new UserError("Another winwin run took the lock " + lockFile + " while this one broke a stale lock; try again.");
      }
      if (old != null) {
        throw new UserError("The output " + root + " is locked by " + who + " since " + since + " (lock " + lockFile
            + ") and " + old + "; if no run is writing there, delete the lock file or rerun with --set publish.break-stale-lock=true.");
      }
      throw new UserError("Another winwin run is writing to " + root + " (" + who + ", since " + since + "; lock "
          + lockFile + "); wait for it to finish or use another --output.");
    } catch (IOException e) {
      throw new UserError("Output " + root + " is not writable (" + e.getMessage() + "); fix its permissions or use another --output.", e);
    }
  }

  @Override
  public Location root() {
    return root;
  }

  /** Held when not released and the lock file still carries this holder's token. */
  @Override
  public boolean isHeld() {
    return !released && readHolder(lockFile).map(h -> token.equals(h.token())).orElse(false);
  }

  /** Deletes the lock file, unless someone else broke it and holds it now. */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (readHolder(lockFile).map(h -> token.equals(h.token())).orElse(false)) {
        lockFile.fs().delete(lockFile.path(), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release " + lockFile, e);
    }
  }

  private static boolean tryCreate(Location lockFile, Holder me) throws IOException {
    try {
      HadoopFiles.createNew(lockFile, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(me));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems report an existing file with a plain IOException.
      if (lockFile.exists()) {
        return false;
      }
      throw e;
    }
  }

  /** The lock file's holder; empty when it is gone or unreadable (a run killed while writing it). */
  private static Optional<Holder> readHolder(Location lockFile) {
    try {
      return Optional.of(MAPPER.readValue(HadoopFiles.read(lockFile), Holder.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Instant modified(Location file) {
    try {
      return Instant.ofEpochMilli(file.fs().getFileStatus(file.path()).getModificationTime());
    } catch (IOException e) {
      return Instant.now();
    }
  }

  /** True only when certain: the owner ran on this host and no process with its id and start time lives. */
  static boolean ownerIsGone(Holder holder) {
    if (!hostName().equals(holder.host())) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    Optional<String> start = process.get().info().startInstant().map(Instant::toString);
    return !holder.processStart().isEmpty() && start.isPresent() && !start.get().equals(holder.processStart());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
