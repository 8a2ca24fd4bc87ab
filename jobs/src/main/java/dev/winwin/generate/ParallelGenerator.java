package dev.winwin.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a large history in {@link DealHistoryGenerator#parts} independent parts, one Spark task
 * each, so generation runs on every core (or executor, when the output is on storage they all
 * see). A part simulates its chunks of {@code chunkDeals} deals one after the other and appends
 * them to its own file per source and export month, so the number of files does not grow with the
 * number of deals. The files depend only on the options, never on how tasks were scheduled.
 * Progress is logged on stderr by {@link GenerationProgress}.
 */
public final class ParallelGenerator {
  private static final Logger LOG = LogManager.getLogger(ParallelGenerator.class);

  private ParallelGenerator() {}

  public static GenerationReport generate(SparkSession spark, DealHistoryGenerator.Options options) throws IOException {
    DealHistoryGenerator.prepare(options.output());
    LOG.info("Generating {} deals in {} parts of {} chunks under {}, as of {}", options.deals(), DealHistoryGenerator.parts(options),
        DealHistoryGenerator.chunks(options), options.output().toAbsolutePath(), options.asOf());
    SparkContext context = spark.sparkContext();
    String jobGroup = "winwin-generate-" + UUID.randomUUID();
    GenerationProgress progress = new GenerationProgress(options, jobGroup);
    context.addSparkListener(progress);
    context.setJobGroup(jobGroup, "winwin generate", false);
    List<GenerationReport> reports;
    try {
      reports = writeParts(JavaSparkContext.fromSparkContext(context), options);
    } finally {
      context.clearJobGroup();
      context.removeSparkListener(progress);
    }
    progress.reportDone();
    GenerationReport total = reports.stream().reduce(GenerationReport::plus).orElseThrow();
    DealHistoryGenerator.finish(options.output(), total);
    return total;
  }

  /** One task per part; returns what each part wrote. */
  private static List<GenerationReport> writeParts(JavaSparkContext context, DealHistoryGenerator.Options options) {
    int parts = DealHistoryGenerator.parts(options);
    // Options holds a Path, which does not serialise: tasks get its parts.
    int deals = options.deals();
    int months = options.months();
    String end = options.end().toString();
    long seed = options.seed();
    String output = options.output().toAbsolutePath().toString();
    double dirtyShare = options.dirtyShare();
    int chunkDeals = options.chunkDeals();
    OutputFormat format = options.format();
    String asOf = options.asOf().toString();
    return context
        .parallelize(IntStream.range(0, parts).boxed().toList(), parts)
        .map(part -> {
          DealHistoryGenerator.Options whole = new DealHistoryGenerator.Options(
              deals, months, YearMonth.parse(end), seed, Path.of(output), dirtyShare, chunkDeals, format, YearMonth.parse(asOf));
          try {
            return DealHistoryGenerator.writePart(whole, part);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .collect();
  }
}
