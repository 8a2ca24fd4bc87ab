package dev.winwin.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Option;

import dev.winwin.config.Settings;
import dev.winwin.config.SettingsLoader;

/** Options every command shares: where to read, where to write, which configuration. */
final class CommonOptions {
  // Strings, not Paths: a URI such as hdfs://nn/x would lose a slash as a java.nio Path.
  @Option(names = "--input", paramLabel = "DIR|URI",
      description = "Input root with one folder per source, a path or a Hadoop URI such as hdfs://nn/in (default: the bundled sample data).")
  String input;

  @Option(names = "--output", paramLabel = "DIR|URI",
      description = "Folder the reports are published under, a path or a Hadoop URI such as s3a://bucket/reports (default: ./out).")
  String output;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file with per-environment settings, e.g. conf/local.conf.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Override one configuration key, e.g. --set quality.max-reject-share=0.1 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** Loads the settings; --input and --output win over every other source of those keys. */
  Settings settings() {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (input != null) {
      all.put("input", input);
    }
    if (output != null) {
      all.put("output", output);
    }
    return new SettingsLoader(bundledSampleData()).load(Optional.ofNullable(config), all);
  }

  /** The launcher sets WINWIN_HOME to the repository; without it, the current folder is assumed. */
  private static Path bundledSampleData() {
    String home = System.getenv("WINWIN_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).resolve("jobs").resolve("sample-data");
  }
}
