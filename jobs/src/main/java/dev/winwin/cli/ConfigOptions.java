package dev.winwin.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Option;

import dev.winwin.config.Settings;
import dev.winwin.config.SettingsLoader;

/** The configuration options of every command that starts Spark. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file with per-environment settings, e.g. conf/local.conf.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Override one configuration key, e.g. --set quality.max-reject-share=0.1 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  Settings settings() {
    return settings(Map.of());
  }

  /** Loads the settings; {@code options} (e.g. from --input) win over every other source of those keys. */
  Settings settings(Map<String, String> options) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.putAll(options);
    return new SettingsLoader(bundledSampleData()).load(Optional.ofNullable(config), all);
  }

  /** The launcher sets WINWIN_HOME to the repository; without it, the current folder is assumed. */
  private static Path bundledSampleData() {
    String home = System.getenv("WINWIN_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).resolve("jobs").resolve("sample-data");
  }
}
