package dev.winwin.cli;

import java.io.PrintStream;
import java.time.YearMonth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.winwin.UserError;
import dev.winwin.config.Settings;
import dev.winwin.pipeline.RunWindow;
import dev.winwin.pipeline.Runner;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Processes every close month from --from to --to in one Spark job and republishes those months.")
final class BackfillCommand extends SparkCommand {
  @Mixin
  StagingOptions staging;

  @Option(names = "--from", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The first close month.")
  YearMonth from;

  @Option(names = "--to", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The last close month.")
  YearMonth to;

  @Override
  int run(Runner runner, Settings settings, PrintStream out) {
    if (from.isAfter(to)) {
      throw new UserError("--from " + from + " is after --to " + to + "; give the earlier month first.");
    }
    ConsoleSummary.printRun(out, runner.run(new RunWindow(from, to), commandLine(), staging.restage), settings);
    return 0;
  }
}
