package dev.winwin.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.UserError;

class OutputLockTest {
  private static final OutputLock.Policy POLICY = new OutputLock.Policy(Duration.ofHours(6), false);

  @TempDir Path tmp;

  @Test
  void refusesASecondHolderNamingRootAndLockFile() {
    Path root = tmp.resolve("out");
    try (OutputLock first = OutputLock.acquire(root)) {
      UserError e = assertThrows(UserError.class, () -> OutputLock.acquire(root));
      assertEquals("Another winwin run is writing to " + root + " (lock " + root.resolve(".winwin.lock")
          + "); wait for it to finish or use another --output.", e.getMessage());
      assertEquals(1, e.exitCode());
      assertTrue(first.isHeld(), "the refused attempt must not disturb the holder");
    }
  }

  @Test
  void isReleasedOnClose() {
    Path root = tmp.resolve("out");
    OutputLock first = OutputLock.acquire(root);
    first.close();
    assertFalse(first.isHeld());
    try (OutputLock second = OutputLock.acquire(root)) {
      assertTrue(second.isHeld());
    }
  }

  @Test
  void refusesWhileAnotherProcessHoldsItAndIsFreeOnceThatProcessIsKilled() throws Exception {
    Path root = tmp.resolve("out");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), root.toString())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8))) {
      assertEquals("locked", out.readLine());
      assertThrows(UserError.class, () -> OutputLock.acquire(root));

      holder.destroyForcibly().waitFor();
      try (OutputLock lock = OutputLock.acquire(root)) {
        assertTrue(lock.isHeld());
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  /** A run that takes the lock, says so, and then waits to be killed. */
  static final class LockHolder {
    public static void main(String[] args) throws Exception {
      OutputLock.acquire(Path.of(args[0]));
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }

  @Test
  void reportsARootThatIsNotAWritableDirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    UserError e = assertThrows(UserError.class, () -> OutputLock.acquire(file));
    assertTrue(e.getMessage().startsWith("Output " + file + " is not a writable directory"), e.getMessage());
  }

  @Test
  void lockFileRefusesASecondRunAndNamesTheFirst() {
    Location root = lockFileRoot();
    try (OutputLock first = HadoopOutputLock.acquire(root, "run-1", POLICY)) {
      UserError e = assertThrows(UserError.class, () -> HadoopOutputLock.acquire(root, "run-2", POLICY));
      assertTrue(e.getMessage().startsWith("Another winwin run is writing to " + root + " (run run-1 on "), e.getMessage());
      assertTrue(first.isHeld());
    }
    try (OutputLock again = HadoopOutputLock.acquire(root, "run-3", POLICY)) {
      assertTrue(again.isHeld(), "free again once closed");
    }
  }

  @Test
  void staleLockFileIsBrokenOnlyWhenAskedAndOneWhoseOwnerIsGoneAlways() throws Exception {
    Location root = lockFileRoot();
    Path lockFile = tmp.resolve("out/.winwin-lock.json");
    Files.createDirectories(lockFile.getParent());
    Files.writeString(lockFile, """
        {"owner": "run-0", "host": "elsewhere", "pid": 1, "processStart": "", "acquiredAt": "2020-01-01T00:00:00Z", "token": "t"}
        """);

    UserError e = assertThrows(UserError.class, () -> HadoopOutputLock.acquire(root, "run-1", POLICY));
    assertTrue(e.getMessage().contains("is older than publish.lock-stale-after (PT6H)"), e.getMessage());
    assertTrue(e.getMessage().contains("--set publish.break-stale-lock=true"), e.getMessage());
    try (OutputLock broken = HadoopOutputLock.acquire(root, "run-1", new OutputLock.Policy(Duration.ofHours(6), true))) {
      assertTrue(broken.isHeld());
    }

    // A fresh lock of a process on this host that no longer exists.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(lockFile, "{\"owner\": \"run-0\", \"host\": \"" + java.net.InetAddress.getLocalHost().getHostName()
        + "\", \"pid\": " + gone.pid() + ", \"processStart\": \"\", \"acquiredAt\": \"" + java.time.Instant.now()
        + "\", \"token\": \"t\"}");
    try (OutputLock taken = HadoopOutputLock.acquire(root, "run-2", POLICY)) {
      assertTrue(taken.isHeld());
    }
  }

  /** The lock file HDFS and object stores get, here on the local file system through the Hadoop API. */
  private Location lockFileRoot() {
    return Location.local(tmp.resolve("out"));
  }
}
