package dev.winwin.cli;

import java.io.PrintStream;
import java.time.YearMonth;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.winwin.PublishedStepFailed;
import dev.winwin.Secrets;
import dev.winwin.config.Settings;
import dev.winwin.io.Location;
import dev.winwin.pipeline.Runner;
import dev.winwin.summary.Summary;

@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Renders the leadership one-pager of --month from the published reports under --output (no raw input): "
        + "summary/yyyy-MM/summary.html (self-contained, with charts) and summary.md, published atomically.")
final class SummaryCommand extends SparkCommand {
  private static final Logger LOG = LogManager.getLogger(SummaryCommand.class);

  @Option(names = "--month", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The close month to summarise, e.g. 2026-10.")
  YearMonth month;

  @Override
  int run(Runner runner, Settings settings, PrintStream out) {
    print(out, render(settings, month), month);
    return 0;
  }

  /** Reads the reports and writes the summary through the output's Hadoop file system, whatever its layout. */
  static Location render(Settings settings, YearMonth month) {
    SparkSession spark = SparkSession.active();
    Location output = Location.of(spark.sparkContext().hadoopConfiguration(), settings.output());
    return Summary.render(spark, output, month, settings.baseCurrency());
  }

  /**
   * Renders after run {@code runId} published: a failure here leaves the reports published and
   * the manifest written, and says so with {@link PublishedStepFailed#EXIT_PUBLISHED_STEP_FAILED}.
   */
  static void renderAfterRun(Settings settings, String runId, YearMonth month, PrintStream out) {
    Location folder;
    try {
      folder = render(settings, month);
    } catch (RuntimeException e) {
      LOG.error("Rendering the summary of {} after run {} failed", month, runId, e);
      throw new PublishedStepFailed(runId, Secrets.uris(settings.output()), "rendering the summary of " + month,
          "do not rerun the run; render the summary again with `winwin summary --month " + month + "`", e);
    }
    print(out, folder, month);
  }

  private static void print(PrintStream out, Location folder, YearMonth month) {
    out.println("Summary of " + month + ": " + folder.resolve(Summary.HTML) + " and " + Summary.MARKDOWN);
  }
}
