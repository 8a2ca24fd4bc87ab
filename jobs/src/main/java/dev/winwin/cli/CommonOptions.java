package dev.winwin.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.winwin.config.Settings;

/** Options every command over the reports shares: where to read, where to write, which configuration. */
final class CommonOptions {
  // Strings, not Paths: a URI such as hdfs://nn/x would lose a slash as a java.nio Path.
  @Option(names = "--input", paramLabel = "DIR|URI",
      description = "Input root with one folder per source, a path or a Hadoop URI such as hdfs://nn/in (default: the bundled sample data).")
  String input;

  @Option(names = "--output", paramLabel = "DIR|URI",
      description = "Folder the reports are published under, a path or a Hadoop URI such as s3a://bucket/reports (default: ./out).")
  String output;

  @Mixin
  ConfigOptions configuration;

  /** Loads the settings; --input and --output win over every other source of those keys. */
  Settings settings() {
    Map<String, String> paths = new LinkedHashMap<>();
    if (input != null) {
      paths.put("input", input);
    }
    if (output != null) {
      paths.put("output", output);
    }
    return configuration.settings(paths);
  }
}
