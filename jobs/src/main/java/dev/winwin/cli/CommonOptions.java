package dev.winwin.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.winwin.config.Settings;

/** Options every command over the reports shares: where to read, where to write, which configuration. */
final class CommonOptions {
  @Option(names = "--input", paramLabel = "DIR", description = "Input root with one folder per source (default: the bundled sample data).")
  Path input;

  @Option(names = "--output", paramLabel = "DIR", description = "Folder the reports are published under (default: ./out).")
  Path output;

  @Mixin
  ConfigOptions configuration;

  /** Loads the settings; --input and --output win over every other source of those keys. */
  Settings settings() {
    Map<String, String> paths = new LinkedHashMap<>();
    if (input != null) {
      paths.put("input", input.toString());
    }
    if (output != null) {
      paths.put("output", output.toString());
    }
    return configuration.settings(paths);
  }
}
