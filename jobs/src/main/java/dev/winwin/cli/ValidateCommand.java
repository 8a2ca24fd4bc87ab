package dev.winwin.cli;

import java.io.PrintStream;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.winwin.UserError;
import dev.winwin.config.Settings;
import dev.winwin.pipeline.QualityGate;
import dev.winwin.pipeline.RunManifest;
import dev.winwin.pipeline.Runner;
import dev.winwin.schema.Source;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Reads and validates every source and prints the reconciliation per source (read = accepted + superseded + rejected) with the top reasons; writes nothing. Exits 2 when a source would fail the quality gate.")
final class ValidateCommand extends SparkCommand {
  @Mixin
  StagingOptions staging;

  @Override
  int run(Runner runner, Settings settings, PrintStream out) {
    Map<Source, RunManifest.SourceCounts> counts = runner.validate(staging.restage);
    ConsoleSummary.printSources(out, counts);
    if (!QualityGate.of(counts, settings.maxRejectShare()).passed()) {
      out.println("At least one source rejects more than quality.max-reject-share (" + settings.maxRejectShare().toPlainString()
          + "): a run on this input would fail its quality gate.");
      return UserError.EXIT_QUALITY_GATE;
    }
    out.println("Every source is within the quality gate.");
    return 0;
  }
}
