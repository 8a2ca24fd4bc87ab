package dev.winwin.config;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import dev.winwin.Secrets;
import dev.winwin.UserError;

/**
 * Reads the configuration once, in this order of precedence: {@code --set key=value}, Java system
 * properties ({@code -Dwinwin.key=...}), environment overrides ({@code CONFIG_FORCE_winwin_...}),
 * the {@code --config} file, {@code reference.conf}. Unknown keys and bad values stop here with one
 * sentence naming the key and where it came from.
 */
public final class SettingsLoader {
  static final String ROOT = "winwin";
  private static final String FREE_FORM = ROOT + ".spark.options";
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Set<String> OFFERING_TYPES = Set.of("differentiated", "commodity");
  private static final Map<String, int[]> INSTRUMENT_SCALES = Map.of("csat", new int[] {1, 5}, "nps", new int[] {0, 10});
  private static final List<String> PUBLISH_MODES = List.of("auto", "links", "pointer");
  private static final Set<String> ROLES = Set.of("decision_maker", "influencer", "end_user");
  private static final int THRESHOLD_DECIMALS = 6;

  /** Where the bundled sample data lives when no input is configured. */
  private final Path sampleData;

  public SettingsLoader(Path sampleData) {
    this.sampleData = sampleData;
  }

  /**
   * Loads and validates the settings.
   *
   * @param configFile optional HOCON file with per-environment values
   * @param overrides {@code key=value} pairs; keys may omit the leading {@code winwin.}
   */
  public Settings load(Optional<Path> configFile, Map<String, String> overrides) {
    Config reference = ConfigFactory.parseResources("reference.conf", ConfigParseOptions.defaults().setAllowMissing(false));
    Config merged = withOverrides(overrides)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(ConfigFactory.systemEnvironmentOverrides())
        .withFallback(configFile.map(SettingsLoader::parseFile).orElse(ConfigFactory.empty()))
        .withFallback(reference);
    try {
      merged = merged.resolve();
    } catch (ConfigException e) {
      throw new UserError("The configuration cannot be resolved: " + e.getMessage(), e);
    }
    rejectUnknownKeys(merged, reference);
    return read(merged.getConfig(ROOT));
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("The configuration file " + file + " does not exist.");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new UserError("The configuration file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static Config withOverrides(Map<String, String> overrides) {
    Config config = ConfigFactory.empty("--set");
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      String key = entry.getKey().startsWith(ROOT + ".") ? entry.getKey() : ROOT + "." + entry.getKey();
      try {
        config = config.withValue(key, ConfigValueFactory.fromAnyRef(entry.getValue(), "--set " + entry.getKey()));
      } catch (ConfigException e) {
        throw new UserError("The option --set " + entry.getKey() + " does not name a valid configuration key: " + e.getMessage(), e);
      }
    }
    return config;
  }

  private static void rejectUnknownKeys(Config merged, Config reference) {
    for (Map.Entry<String, ConfigValue> entry : merged.getConfig(ROOT).entrySet()) {
      String path = ROOT + "." + entry.getKey();
      if (!path.startsWith(FREE_FORM + ".") && !reference.hasPathOrNull(path)) {
        throw new UserError("Unknown configuration key " + path + " (" + entry.getValue().origin().description()
            + "); see reference.conf for the keys winwin knows.");
      }
    }
  }

  private Settings read(Config c) {
    String baseCurrency = string(c, "base-currency");
    if (!CURRENCY.matcher(baseCurrency).matches()) {
      throw invalid(c, "base-currency", "must be a three-letter ISO-4217 code such as USD");
    }
    int restateMonths = intAtLeast(c, "run.restate-months", 1);
    int judgeAgainFromRows = intAtLeast(c, "run.judge-again-from-rows", 0);
    BigDecimal maxRejectShare = decimalBetween(c, "quality.max-reject-share", BigDecimal.ZERO, BigDecimal.ONE);
    Settings.ClassificationSettings classification = new Settings.ClassificationSettings(
        thresholdsFor(c, "classification.margin-targets", OFFERING_TYPES, BigDecimal.ONE.negate(), BigDecimal.ONE),
        cutoffs(c),
        roleWeights(c),
        threshold(c, "classification.margin-band", BigDecimal.ZERO, BigDecimal.ONE),
        threshold(c, "classification.satisfied-share-band", BigDecimal.ZERO, new BigDecimal("0.5")));
    Settings.SparkSettings spark = new Settings.SparkSettings(
        string(c, "spark.master"), shufflePartitions(c), accelerator(c), sparkOptions(c));
    String input = string(c, "input");
    return new Settings(
        input.isBlank() ? sampleData.toString() : input,
        nonBlank(c, "output"),
        baseCurrency,
        restateMonths,
        judgeAgainFromRows,
        maxRejectShare,
        classification,
        publish(c),
        spark,
        effective(c),
        reportSettings(c));
  }

  private static Settings.ReportSettings reportSettings(Config c) {
    String matrix = "reports.margin-satisfaction-matrix.";
    String accounts = "reports.account-relationships.";
    return new Settings.ReportSettings(
        increasingEdges(c, matrix + "margin-band-edges", new BigDecimal("-10"), new BigDecimal("10")),
        increasingEdges(c, matrix + "satisfaction-band-edges", BigDecimal.ZERO, new BigDecimal("100")),
        decimalBetween(c, accounts + "margin-slope-tolerance", BigDecimal.ZERO, BigDecimal.ONE),
        decimalBetween(c, accounts + "satisfaction-slope-tolerance", BigDecimal.ZERO, new BigDecimal("100")),
        threshold(c, "reports.provisional-below", BigDecimal.ZERO, BigDecimal.ONE));
  }

  /** A non-empty list of numbers, strictly increasing, each strictly between {@code min} and {@code max}. */
  private static List<BigDecimal> increasingEdges(Config c, String key, BigDecimal min, BigDecimal max) {
    String rule = "must be a non-empty list of strictly increasing numbers, each strictly between "
        + min.toPlainString() + " and " + max.toPlainString();
    List<BigDecimal> edges = new ArrayList<>();
    try {
      // --set and environment overrides arrive as text: accept "0, 0.1, 0.2" and "[0,0.1,0.2]" too.
      List<String> values = new ArrayList<>();
      if (c.getValue(key).valueType() == ConfigValueType.STRING) {
        values.addAll(List.of(c.getString(key).replaceAll("^\\s*\\[|\\]\\s*$", "").split(",")));
      } else {
        // HOCON reads a number as a double; its shortest text (0.1) is the decimal that was written.
        c.getList(key).unwrapped().forEach(value -> values.add(String.valueOf(value)));
      }
      for (String value : values) {
        edges.add(new BigDecimal(value.trim()));
      }
    } catch (ConfigException | NumberFormatException e) {
      throw invalid(c, key, rule);
    }
    for (int i = 0; i < edges.size(); i++) {
      BigDecimal edge = edges.get(i);
      boolean inside = edge.compareTo(min) > 0 && edge.compareTo(max) < 0;
      if (!inside || (i > 0 && edge.compareTo(edges.get(i - 1)) <= 0)) {
        throw invalid(c, key, rule);
      }
    }
    if (edges.isEmpty()) {
      throw invalid(c, key, rule);
    }
    return List.copyOf(edges);
  }

  private static Settings.PublishSettings publish(Config c) {
    String mode = string(c, "publish.mode");
    if (!PUBLISH_MODES.contains(mode)) {
      throw invalid(c, "publish.mode", "must be one of " + String.join(", ", PUBLISH_MODES));
    }
    Duration staleAfter;
    try {
      staleAfter = c.getDuration("publish.lock-stale-after");
    } catch (ConfigException e) {
      throw invalid(c, "publish.lock-stale-after", "must be a duration such as 6h or 30m");
    }
    if (staleAfter.isNegative()) {
      throw invalid(c, "publish.lock-stale-after", "must not be negative");
    }
    boolean breakStale;
    try {
      breakStale = c.getBoolean("publish.break-stale-lock");
    } catch (ConfigException e) {
      throw invalid(c, "publish.break-stale-lock", "must be true or false");
    }
    return new Settings.PublishSettings(mode, staleAfter, breakStale);
  }

  private static Map<String, Integer> cutoffs(Config c) {
    String section = "classification.satisfied-cutoffs";
    requireExactly(c, section, INSTRUMENT_SCALES.keySet());
    Map<String, Integer> cutoffs = new TreeMap<>();
    INSTRUMENT_SCALES.forEach((instrument, scale) -> {
      String key = section + "." + instrument;
      int value = integer(c, key);
      if (value < scale[0] || value > scale[1]) {
        throw invalid(c, key, "must be on the " + instrument + " scale " + scale[0] + ".." + scale[1]);
      }
      cutoffs.put(instrument, value);
    });
    return Map.copyOf(cutoffs);
  }

  private static Map<String, BigDecimal> roleWeights(Config c) {
    Map<String, BigDecimal> weights = thresholdsFor(c, "classification.role-weights", ROLES, BigDecimal.ZERO, new BigDecimal("1000"));
    weights.forEach((role, weight) -> {
      if (weight.signum() <= 0) {
        throw invalid(c, "classification.role-weights." + role, "must be greater than 0");
      }
    });
    return weights;
  }

  private static Map<String, BigDecimal> thresholdsFor(Config c, String section, Set<String> keys, BigDecimal min, BigDecimal max) {
    requireExactly(c, section, keys);
    Map<String, BigDecimal> values = new TreeMap<>();
    for (String key : keys) {
      values.put(key, threshold(c, section + "." + key, min, max));
    }
    return Map.copyOf(values);
  }

  /**
   * A number the classification compares or weighs with: at most {@value #THRESHOLD_DECIMALS}
   * decimal places, like every ratio winwin publishes, so that its products with money stay exact
   * in Spark's decimals instead of being rounded.
   */
  private static BigDecimal threshold(Config c, String key, BigDecimal min, BigDecimal max) {
    BigDecimal value = decimalBetween(c, key, min, max);
    if (value.stripTrailingZeros().scale() > THRESHOLD_DECIMALS) {
      throw invalid(c, key, "must have at most " + THRESHOLD_DECIMALS + " decimal places");
    }
    return value;
  }

  private static void requireExactly(Config c, String section, Set<String> keys) {
    for (String key : keys) {
      if (!c.hasPath(section + "." + key)) {
        throw new UserError("Configuration key " + ROOT + "." + section + "." + key + " is missing.");
      }
    }
  }

  private static Map<String, String> sparkOptions(Config c) {
    Map<String, String> options = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : c.getConfig("spark.options").entrySet()) {
      String key = entry.getKey().replace("\"", "");
      if (!key.startsWith("spark.")) {
        throw invalid(c, "spark.options", "may only hold Spark settings (keys starting with spark.), not " + key);
      }
      options.put(key, String.valueOf(entry.getValue().unwrapped()));
    }
    return Map.copyOf(options);
  }

  private static Map<String, String> effective(Config c) {
    Map<String, String> values = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : c.entrySet()) {
      String key = ROOT + "." + entry.getKey();
      values.put(key, Secrets.value(key, String.valueOf(entry.getValue().unwrapped())));
    }
    return new LinkedHashMap<>(values);
  }

  private static String string(Config c, String key) {
    try {
      return c.getString(key).trim();
    } catch (ConfigException e) {
      throw invalid(c, key, "must be a string");
    }
  }

  private static String nonBlank(Config c, String key) {
    String value = string(c, key);
    if (value.isEmpty()) {
      throw invalid(c, key, "must not be empty");
    }
    return value;
  }

  private static int integer(Config c, String key) {
    try {
      return c.getInt(key);
    } catch (ConfigException e) {
      throw invalid(c, key, "must be a whole number");
    }
  }

  private static OptionalInt shufflePartitions(Config c) {
    String key = "spark.shuffle-partitions";
    if ("auto".equals(c.getValue(key).unwrapped())) {
      return OptionalInt.empty();
    }
    int partitions;
    try {
      partitions = c.getInt(key);
    } catch (ConfigException e) {
      throw invalid(c, key, "must be auto or a whole number");
    }
    if (partitions < 1) {
      throw invalid(c, key, "must be auto or at least 1");
    }
    return OptionalInt.of(partitions);
  }

  private static Settings.Accelerator accelerator(Config c) {
    String key = "spark.accelerator";
    String value = string(c, key);
    for (Settings.Accelerator accelerator : Settings.Accelerator.values()) {
      if (accelerator.name().toLowerCase(Locale.ROOT).equals(value)) {
        return accelerator;
      }
    }
    throw invalid(c, key, "must be none or comet");
  }

  private static int intAtLeast(Config c, String key, int min) {
    int value = integer(c, key);
    if (value < min) {
      throw invalid(c, key, "must be at least " + min);
    }
    return value;
  }

  private static BigDecimal decimalBetween(Config c, String key, BigDecimal min, BigDecimal max) {
    BigDecimal value;
    try {
      value = new BigDecimal(c.getString(key).trim());
    } catch (ConfigException | NumberFormatException e) {
      throw invalid(c, key, "must be a number");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw invalid(c, key, "must be between " + min.toPlainString() + " and " + max.toPlainString());
    }
    return value;
  }

  private static UserError invalid(Config c, String key, String rule) {
    String value = c.hasPathOrNull(key) && !c.getIsNull(key) ? c.getValue(key).render() : "nothing";
    String origin = c.hasPathOrNull(key) ? " (" + c.getValue(key).origin().description() + ")" : "";
    return new UserError(String.format(Locale.ROOT,
        "Configuration key %s.%s %s, but it is %s%s.", ROOT, key, rule, value, origin));
  }

}
