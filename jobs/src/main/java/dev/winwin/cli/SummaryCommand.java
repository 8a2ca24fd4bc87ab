package dev.winwin.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;

import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.winwin.UserError;
import dev.winwin.config.Settings;
import dev.winwin.pipeline.Runner;
import dev.winwin.summary.Summary;

@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Renders the leadership one-pager of --month from the published reports under --output (no raw input): "
        + "summary/yyyy-MM/summary.html (self-contained, with charts) and summary.md, published atomically.")
final class SummaryCommand extends SparkCommand {
  @Option(names = "--month", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The close month to summarise, e.g. 2026-10.")
  YearMonth month;

  @Override
  int run(Runner runner, Settings settings, PrintStream out) {
    print(out, render(settings, month), month);
    return 0;
  }

  static Path render(Settings settings, YearMonth month) {
    return Summary.render(SparkSession.active(), localOutput(settings.output()), month, settings.baseCurrency());
  }

  /** The summary reads and writes through the local file system: a path or a {@code file:} URI. */
  private static Path localOutput(String output) {
    if (output.startsWith("file:")) {
      return Path.of(URI.create(output));
    }
    if (output.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new UserError("The summary is rendered from a local output folder only, and " + output
          + " is not one; render it where the reports are mounted, with --output DIR.");
    }
    return Path.of(output);
  }

  /**
   * Renders after a run that published: a failure here leaves the reports published, and says so.
   */
  static void renderAfterRun(Settings settings, YearMonth month, PrintStream out) {
    Path folder;
    try {
      folder = render(settings, month);
    } catch (UserError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UserError("The reports were published, but the summary of " + month + " could not be rendered ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); retry with `winwin summary --month " + month + "`.", e);
    }
    print(out, folder, month);
  }

  private static void print(PrintStream out, Path folder, YearMonth month) {
    out.println("Summary of " + month + ": " + folder.resolve(Summary.HTML) + " and " + Summary.MARKDOWN);
  }
}
