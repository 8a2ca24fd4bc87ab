package dev.winwin.generate;

import java.time.Duration;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Logs (on stderr) how far a parallel generation is: parts and deals written, deals per second so
 * far and the time left at that rate, at most every {@link #EVERY} and once at the end. A listener
 * on the driver, so it counts parts written by any executor; it follows only the jobs of its own
 * job group, and counts each part once even when a task is retried.
 */
final class GenerationProgress extends SparkListener {
  private static final Logger LOG = LogManager.getLogger(GenerationProgress.class);
  private static final Duration EVERY = Duration.ofSeconds(5);
  /** The local property Spark sets from {@code SparkContext.setJobGroup}. */
  private static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

  private final DealHistoryGenerator.Options options;
  private final String jobGroup;
  private final int parts;
  private final long started = System.nanoTime();
  private final Set<Integer> stages = new HashSet<>();
  private final BitSet written = new BitSet();
  private long dealsWritten;
  private long lastReport = started;

  GenerationProgress(DealHistoryGenerator.Options options, String jobGroup) {
    this.options = options;
    this.jobGroup = jobGroup;
    this.parts = DealHistoryGenerator.parts(options);
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.properties() != null && jobGroup.equals(jobStart.properties().getProperty(JOB_GROUP_PROPERTY))) {
      jobStart.stageInfos().foreach(stage -> stages.add(stage.stageId()));
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    int part = taskEnd.taskInfo().partitionId();
    if (!stages.contains(taskEnd.stageId()) || !taskEnd.taskInfo().successful() || written.get(part)) {
      return;
    }
    written.set(part);
    dealsWritten += DealHistoryGenerator.dealsInPart(options, part);
    long now = System.nanoTime();
    if (now - lastReport >= EVERY.toNanos() && written.cardinality() < parts) {
      lastReport = now;
      LOG.info(progress(now));
    }
  }

  /** Logs the totals; called by the driver once every part is written. */
  synchronized void reportDone() {
    double seconds = seconds(System.nanoTime());
    LOG.info(String.format(Locale.ROOT, "Wrote %,d deals in %d parts in %.1f s: %,.0f deals/s",
        options.deals(), parts, seconds, options.deals() / Math.max(seconds, 1e-3)));
  }

  private String progress(long now) {
    double rate = dealsWritten / Math.max(seconds(now), 1e-3);
    long secondsLeft = Math.round((options.deals() - dealsWritten) / Math.max(rate, 1e-3));
    return String.format(Locale.ROOT, "Part %d of %d written: %,d of %,d deals, %,.0f deals/s, about %d:%02d left",
        written.cardinality(), parts, dealsWritten, options.deals(), rate, secondsLeft / 60, secondsLeft % 60);
  }

  private double seconds(long now) {
    return (now - started) / 1e9;
  }
}
