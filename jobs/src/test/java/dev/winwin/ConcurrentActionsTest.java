package dev.winwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** Actions side by side, without Spark: the threads, the results and the failures are what is tested. */
class ConcurrentActionsTest {
  @Test
  void startedActionsRunSideBySideAndGiveTheirResultsOrWhatTheyThrew() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    Supplier<Boolean> waitForTheOther = () -> {
      bothStarted.countDown();
      try {
        return bothStarted.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    ConcurrentActions.Started<Boolean> first = ConcurrentActions.start(waitForTheOther);
    ConcurrentActions.Started<Boolean> second = ConcurrentActions.start(waitForTheOther);
    assertTrue(first.get(), "the first action never saw the second one running");
    assertTrue(second.get());

    UserError failure = new UserError("Close month 2026-10 is not published.");
    ConcurrentActions.Started<String> failing = ConcurrentActions.start(() -> {
      throw failure;
    });
    assertSame(failure, assertThrows(UserError.class, failing::get));
  }

  @Test
  void runGivesTheResultsInOrderAndRethrowsTheFirstFailureOnceEveryActionEnded() {
    Map<String, Supplier<Integer>> actions = new LinkedHashMap<>();
    actions.put("b", () -> 2);
    actions.put("a", () -> 1);
    assertEquals(List.of("b", "a"), List.copyOf(ConcurrentActions.run(actions).keySet()));

    AtomicBoolean slowOneEnded = new AtomicBoolean();
    Map<String, Supplier<Integer>> failing = new LinkedHashMap<>();
    failing.put("fails", () -> {
      throw new IllegalArgumentException("first");
    });
    failing.put("slow", () -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      slowOneEnded.set(true);
      return 0;
    });
    assertEquals("first", assertThrows(IllegalArgumentException.class, () -> ConcurrentActions.run(failing)).getMessage());
    assertTrue(slowOneEnded.get(), "run returned before every action ended");
  }
}
