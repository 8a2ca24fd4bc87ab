package dev.winwin.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Logs (on stderr), every {@link #EVERY}, how far the current phase of a run is: its time so far
 * and the Spark tasks done, so that a run of many minutes over a large input never goes quiet.
 * Spark learns a stage's tasks only when it starts the stage, so the number of tasks grows as the
 * phase goes on: the line shows that work moves and how fast, not the time left.
 */
final class RunProgress extends SparkListener implements AutoCloseable {
  static final Duration EVERY = Duration.ofSeconds(30);
  private static final Logger LOG = LogManager.getLogger(RunProgress.class);

  private final SparkContext context;
  private final LongSupplier clock;
  private final ScheduledExecutorService timer;
  private String phase;
  private long phaseStart;
  private long tasksStarted;
  private long tasksDone;
  private int running;

  RunProgress(SparkContext context, LongSupplier clock) {
    this.context = context;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "winwin-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Follows the jobs of {@code context} from now until closed, starting with {@code phase}. */
  static RunProgress follow(SparkContext context, String phase) {
    RunProgress progress = new RunProgress(context, System::nanoTime);
    progress.phase(phase);
    context.addSparkListener(progress);
    progress.timer.scheduleAtFixedRate(() -> LOG.info(progress.status()), EVERY.toSeconds(), EVERY.toSeconds(), TimeUnit.SECONDS);
    return progress;
  }

  /** Starts a new phase: its name is what the progress lines say, its tasks are counted from zero. */
  synchronized void phase(String name) {
    phase = name;
    phaseStart = clock.getAsLong();
    tasksStarted = 0;
    tasksDone = 0;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stageSubmitted) {
    stageStarted(stageSubmitted.stageInfo().numTasks());
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    taskStarted();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    taskEnded(taskEnd.taskInfo().successful());
  }

  synchronized void stageStarted(int tasks) {
    tasksStarted += tasks;
  }

  synchronized void taskStarted() {
    running++;
  }

  synchronized void taskEnded(boolean successful) {
    running = Math.max(0, running - 1);
    if (successful) {
      tasksDone++;
    }
  }

  /** One line: the phase, its time so far, the tasks done of those started, the tasks running. */
  synchronized String status() {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - phaseStart);
    return String.format(Locale.ROOT, "%s: %d:%02d so far, %,d of %,d tasks done, %d running",
        phase, seconds / 60, seconds % 60, Math.min(tasksDone, tasksStarted), tasksStarted, running);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    context.removeSparkListener(this);
  }
}
