package dev.winwin.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.winwin.UserError;
import dev.winwin.generate.DealHistoryGenerator;
import dev.winwin.generate.GenerationReport;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Writes a realistic, deterministic deal history (every source of the input contract) with a known number of bad rows per reason, listed in expected_rejects.json. Same options, same bytes.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--deals", defaultValue = "2400", description = "Number of deals (default: ${DEFAULT-VALUE}).")
  int deals;

  @Option(names = "--months", defaultValue = "24", description = "Number of close months (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--end", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The last close month.")
  YearMonth end;

  @Option(names = "--seed", defaultValue = "20261031", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dirty-share", defaultValue = "0.01", paramLabel = "P",
      description = "Share of bad rows injected per source (default: ${DEFAULT-VALUE}).")
  double dirtyShare;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The input root to write.")
  Path output;

  @Override
  public Integer call() {
    GenerationReport report;
    try {
      report = DealHistoryGenerator.generate(new DealHistoryGenerator.Options(deals, months, end, seed, output, dirtyShare));
    } catch (IOException e) {
      throw new UserError("Cannot write the generated history under " + output + ": " + e.getMessage(), e);
    }
    report.rowsPerSource().forEach((source, rows) -> System.out.printf(Locale.ROOT, "%-20s %,9d rows, %,6d bad%n",
        source, rows, report.injected(source)));
    System.out.println("Written under " + output + "; expected rejects in " + output.resolve("expected_rejects.json"));
    return 0;
  }
}
