package dev.winwin.cli;

import java.io.PrintStream;
import java.time.YearMonth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.winwin.config.Settings;
import dev.winwin.pipeline.RunManifest;
import dev.winwin.pipeline.RunWindow;
import dev.winwin.pipeline.Runner;

@Command(name = "monthly", mixinStandardHelpOptions = true,
    description = "The monthly run: processes the deals closed in the restatement window ending at --month (run.restate-months, default 6), republishes exactly those month partitions of every report, then renders the leadership summary of --month (unless --no-summary).")
final class MonthlyCommand extends SparkCommand {
  @Option(names = "--month", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The run month, e.g. 2026-10.")
  YearMonth month;

  @Option(names = "--no-summary", description = "Do not render the leadership summary after publishing.")
  boolean noSummary;

  @Override
  int run(Runner runner, Settings settings, PrintStream out) {
    RunWindow window = RunWindow.restating(month, settings.restateMonths());
    RunManifest manifest = runner.run(window, commandLine());
    ConsoleSummary.printRun(out, manifest, settings);
    if (!noSummary) {
      SummaryCommand.renderAfterRun(settings, manifest.runId(), month, out);
    }
    return 0;
  }
}
