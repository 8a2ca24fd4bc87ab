package dev.winwin.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.winwin.UserError;
import dev.winwin.generate.DealHistoryGenerator;
import dev.winwin.generate.GenerationReport;
import dev.winwin.generate.OutputFormat;
import dev.winwin.generate.ParallelGenerator;
import dev.winwin.config.Settings;
import dev.winwin.pipeline.SparkSessions;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Writes a realistic, deterministic deal history (every source of the input contract, one file per source and export month) with a known number of bad rows per reason, listed in expected_rejects.json. Same options, same bytes.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--deals", defaultValue = "2400", description = "Number of deals (default: ${DEFAULT-VALUE}).")
  int deals;

  @Option(names = "--months", defaultValue = "24", description = "Number of close months (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--end", required = true, paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "The last close month.")
  YearMonth end;

  @Option(names = "--as-of", paramLabel = "yyyy-MM", converter = YearMonthConverter.class,
      description = "Write only what had been exported by the end of this month, at most --end (default: --end). The simulated "
          + "history is the same: the files of an earlier --as-of are those of a later one without the later months.")
  YearMonth asOf;

  @Option(names = "--seed", defaultValue = "20261031", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dirty-share", defaultValue = "0.01", paramLabel = "P",
      description = "Share of bad rows injected per source (default: ${DEFAULT-VALUE}).")
  double dirtyShare;

  @Option(names = "--format", defaultValue = "mixed", paramLabel = "csv|jsonl|parquet|mixed", converter = OutputFormatConverter.class,
      description = "csv, jsonl or parquet: every source in that format; mixed (default): surveys and negotiation events as JSON Lines, the rest as CSV, like the bundled sample.")
  OutputFormat format;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The input root to write.")
  Path output;

  @Mixin
  ConfigOptions configuration;

  @Override
  public Integer call() {
    DealHistoryGenerator.Options options = new DealHistoryGenerator.Options(
        deals, months, end, seed, output, dirtyShare, DealHistoryGenerator.CHUNK_DEALS, format, asOf == null ? end : asOf);
    GenerationReport report;
    try {
      report = DealHistoryGenerator.parts(options) == 1 ? DealHistoryGenerator.generate(options) : inParallel(options);
    } catch (IOException e) {
      throw new UserError("Cannot write the generated history under " + output + ": " + e.getMessage(), e);
    }
    report.rowsPerSource().forEach((source, rows) -> System.out.printf(Locale.ROOT, "%-20s %,9d rows, %,6d bad%n",
        source, rows, report.injected(source)));
    System.out.println("Written under " + output + "; expected rejects in " + output.resolve("expected_rejects.json"));
    return 0;
  }

  /** More than one part: Spark writes the parts on every core. */
  private GenerationReport inParallel(DealHistoryGenerator.Options options) throws IOException {
    Settings settings = configuration.settings();
    SparkSession session = SparkSessions.start(settings.spark());
    try {
      return ParallelGenerator.generate(session, options);
    } finally {
      session.stop();
    }
  }
}
