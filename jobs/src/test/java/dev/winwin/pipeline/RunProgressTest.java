package dev.winwin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.winwin.testing.TestSpark;

/** The progress line counts the tasks of the current phase only, on a clock the test moves. */
class RunProgressTest {
  @Test
  void countsTasksOfTheCurrentPhaseAndItsTime() {
    AtomicLong now = new AtomicLong();
    try (RunProgress progress = new RunProgress(TestSpark.session().sparkContext(), now::get)) {
      progress.phase("Reading and validating");
      progress.stageStarted(12);
      for (int task = 0; task < 5; task++) {
        progress.taskStarted();
      }
      progress.taskEnded(true);
      progress.taskEnded(true);
      progress.taskEnded(false);
      now.addAndGet(TimeUnit.SECONDS.toNanos(95));
      assertEquals("Reading and validating: 1:35 so far, 2 of 12 tasks done, 2 running", progress.status());

      progress.phase("Writing reports");
      progress.stageStarted(3);
      progress.taskEnded(true);
      now.addAndGet(TimeUnit.SECONDS.toNanos(7));
      assertEquals("Writing reports: 0:07 so far, 1 of 3 tasks done, 1 running", progress.status());
    }
  }
}
