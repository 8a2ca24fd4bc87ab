package dev.winwin.cli;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.winwin.Secrets;
import dev.winwin.config.Settings;
import dev.winwin.pipeline.RunManifest;
import dev.winwin.schema.Source;

/** The short, human summary a command prints on stdout. */
final class ConsoleSummary {
  private static final int TOP_REASONS = 3;
  private static final List<String> REPORTS = PublishedReports.NAMES.stream().map(name -> name + "/").toList();

  private ConsoleSummary() {}

  static void printSources(PrintStream out, Map<Source, RunManifest.SourceCounts> counts) {
    out.printf(Locale.ROOT, "%-20s %10s %10s %10s %10s  %s%n", "source", "read", "accepted", "superseded", "rejected", "top reasons");
    counts.forEach((source, c) -> out.printf(Locale.ROOT, "%-20s %,10d %,10d %,10d %,10d  %s%n",
        source.folder(), c.read(), c.accepted(), c.superseded(), c.rejected(), topReasons(c.reasons())));
  }

  static void printRun(PrintStream out, RunManifest manifest, Settings settings) {
    out.printf(Locale.ROOT, "winwin run %s: close months %s to %s%n%n", manifest.runId(), manifest.window().first(), manifest.window().last());
    printSources(out, manifest.sources().entrySet().stream()
        .collect(Collectors.toMap(e -> sourceOf(e.getKey()), Map.Entry::getValue, (a, b) -> a, () -> new java.util.EnumMap<>(Source.class))));
    printStaging(out, manifest.inputFiles());
    out.printf(Locale.ROOT, "Judgement: %s%n", switch (manifest.judgement()) {
      case RunManifest.JUDGEMENT_REUSED -> "reused, made by an earlier run of this input";
      case RunManifest.JUDGEMENT_INCREMENTAL -> "judged again only the rows the new, changed and removed files can change";
      default -> "every row judged";
    });
    long won = manifest.outcomes().values().stream().mapToLong(Long::longValue).sum();
    out.printf(Locale.ROOT, "%nWon deals in the window: %,d%n", won);
    manifest.outcomes().forEach((outcome, n) ->
        out.printf(Locale.ROOT, "  %-24s %,8d  %5.1f%%%n", outcome, n, won == 0 ? 0.0 : 100.0 * n / won));
    String output = Secrets.uris(settings.output());
    out.printf(Locale.ROOT, "%nReports published under %s: %s%n", output, String.join(", ", REPORTS));
    out.printf(Locale.ROOT, "Run manifest: %s%n", output.replaceAll("/+$", "") + "/runs/" + manifest.runId() + "/run_manifest.json");
    long millis = manifest.finishedAt().toEpochMilli() - manifest.startedAt().toEpochMilli();
    out.printf(Locale.ROOT, "Took %.1f s%n", millis / 1000.0);
  }

  /** How much of the input the staged store reused: the part of a run that costs nothing. */
  static void printStaging(PrintStream out, List<RunManifest.InputFile> files) {
    Map<String, List<RunManifest.InputFile>> byUse = files.stream().collect(Collectors.groupingBy(RunManifest.InputFile::staging));
    List<RunManifest.InputFile> reused = byUse.getOrDefault("reused", List.of());
    List<RunManifest.InputFile> staged = byUse.getOrDefault("staged", List.of());
    out.printf(Locale.ROOT, "%nInput files: %,d reused (%,d rows), %,d staged now (%,d rows), %,d dropped from the staged store%n",
        reused.size(), reused.stream().mapToLong(RunManifest.InputFile::rows).sum(),
        staged.size(), staged.stream().mapToLong(RunManifest.InputFile::rows).sum(),
        byUse.getOrDefault("dropped", List.of()).size());
  }

  private static Source sourceOf(String folder) {
    for (Source source : Source.values()) {
      if (source.folder().equals(folder)) {
        return source;
      }
    }
    throw new IllegalArgumentException("No source folder " + folder);
  }

  private static String topReasons(Map<String, Long> reasons) {
    return reasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_REASONS)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
