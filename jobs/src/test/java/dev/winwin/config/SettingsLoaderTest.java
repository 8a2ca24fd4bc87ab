package dev.winwin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.UserError;

/** Loading reference.conf, a config file and --set overrides; every failure names its key or file. */
class SettingsLoaderTest {
  private static final Path SAMPLE = Path.of("sample-data");
  private final SettingsLoader loader = new SettingsLoader(SAMPLE);

  @TempDir
  Path dir;

  @Test
  void loadsEveryDefaultOfReferenceConf() {
    Settings settings = loader.load(Optional.empty(), Map.of());
    Settings.ClassificationSettings classification = settings.classification();

    assertEquals(SAMPLE.toString(), settings.input());
    assertEquals("out", settings.output());
    assertEquals(new Settings.PublishSettings("auto", java.time.Duration.ofHours(6), false), settings.publish());
    assertEquals("USD", settings.baseCurrency());
    assertEquals(6, settings.restateMonths());
    assertSameNumber("0.05", settings.maxRejectShare());
    assertSameNumber("0.30", classification.marginTargets().get("differentiated"));
    assertSameNumber("0.15", classification.marginTargets().get("commodity"));
    assertEquals(Map.of("csat", 4, "nps", 7), classification.satisfiedCutoffs());
    assertSameNumber("3", classification.roleWeights().get("decision_maker"));
    assertSameNumber("2", classification.roleWeights().get("influencer"));
    assertSameNumber("1", classification.roleWeights().get("end_user"));
    assertSameNumber("0.02", classification.marginBand());
    assertSameNumber("0.1", classification.satisfiedShareBand());
    assertEquals("local[*]", settings.spark().master());
    assertEquals(OptionalInt.empty(), settings.spark().shufflePartitions());
    assertEquals(Settings.Accelerator.NONE, settings.spark().accelerator());
  }

  @Test
  void appliesOverridesWithAndWithoutTheRootPrefix() {
    Settings settings = loader.load(Optional.empty(), Map.of(
        "winwin.classification.margin-targets.commodity", "0.2",
        "run.restate-months", "3"));

    assertSameNumber("0.2", settings.classification().marginTargets().get("commodity"));
    assertEquals(3, settings.restateMonths());
  }

  @Test
  void overridesBeatTheConfigFileWhichBeatsTheDefaults() throws IOException {
    Path file = dir.resolve("env.conf");
    Files.writeString(file, "winwin { base-currency = EUR, run.restate-months = 4 }\n");

    Settings settings = loader.load(Optional.of(file), Map.of("run.restate-months", "2"));

    assertEquals("EUR", settings.baseCurrency());
    assertEquals(2, settings.restateMonths());
  }

  @Test
  void effectiveSettingsMaskSecretKeysAndCredentialsInUris() {
    Settings settings = loader.load(Optional.empty(), Map.of(
        "spark.options.\"spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net\"", "abc==",
        "spark.options.\"spark.hadoop.fs.azure.sas.reports.acct.blob.core.windows.net\"", "sv=1&sig=2",
        "input", "s3a://KEY:SECRET@bucket/in",
        "output", "abfss://reports@acct.dfs.core.windows.net/out?sig=x"));
    Map<String, String> effective = settings.effective();
    assertEquals("***", effective.get("winwin.spark.options.\"spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net\""), effective::toString);
    assertEquals("***", effective.get("winwin.spark.options.\"spark.hadoop.fs.azure.sas.reports.acct.blob.core.windows.net\""));
    assertEquals("s3a://***@bucket/in", effective.get("winwin.input"));
    assertEquals("abfss://***@acct.dfs.core.windows.net/out?***", effective.get("winwin.output"));
    assertEquals("s3a://KEY:SECRET@bucket/in", settings.input(), "only what is shown is masked");
  }

  @Test
  void failsNamingAnUnknownKey() {
    UserError error = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("classification.margin-target.differentiated", "0.3")));

    assertMentions(error, "winwin.classification.margin-target.differentiated");
  }

  @Test
  void failsNamingAnUnknownKeyInTheConfigFile() throws IOException {
    Path file = dir.resolve("typo.conf");
    Files.writeString(file, "winwin.quality.max-reject-shares = 0.1\n");

    UserError error = assertThrows(UserError.class, () -> loader.load(Optional.of(file), Map.of()));

    assertMentions(error, "winwin.quality.max-reject-shares");
  }

  @Test
  void failsNamingAKeyWhoseValueIsOutOfRange() {
    UserError error = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("quality.max-reject-share", "2")));

    assertMentions(error, "winwin.quality.max-reject-share");
  }

  @Test
  void failsNamingAThresholdWithMoreThanSixDecimals() {
    for (String key : List.of("classification.margin-targets.commodity", "classification.margin-band",
        "classification.satisfied-share-band", "classification.role-weights.end_user")) {
      UserError error = assertThrows(UserError.class, () -> loader.load(Optional.empty(), Map.of(key, "0.1234567")), key);
      assertMentions(error, "winwin." + key + " must have at most 6 decimal places");
    }
    assertSameNumber("0.123456", loader.load(Optional.empty(), Map.of("classification.margin-targets.commodity", "0.1234560"))
        .classification().marginTargets().get("commodity"));
  }

  @Test
  void failsNamingAProvisionalThresholdOffZeroToOne() {
    for (String bad : List.of("1.5", "-0.1", "most")) {
      UserError error = assertThrows(UserError.class, () -> loader.load(Optional.empty(), Map.of("reports.provisional-below", bad)), bad);
      assertMentions(error, "winwin.reports.provisional-below");
    }
    assertSameNumber("0.75", loader.load(Optional.empty(), Map.of("reports.provisional-below", "0.75")).reports().provisionalBelow());
  }

  @Test
  void failsNamingAKeyWhoseValueIsNotANumber() {
    UserError share = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("quality.max-reject-share", "abc")));
    UserError months = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("run.restate-months", "six")));

    assertMentions(share, "winwin.quality.max-reject-share");
    assertMentions(months, "winwin.run.restate-months");
  }

  @Test
  void takesShufflePartitionsAsAutoOrAPositiveNumber() {
    Settings fixed = loader.load(Optional.empty(), Map.of("spark.shuffle-partitions", "16"));
    UserError word = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("spark.shuffle-partitions", "lots")));
    UserError zero = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("spark.shuffle-partitions", "0")));

    assertEquals(OptionalInt.of(16), fixed.spark().shufflePartitions());
    assertMentions(word, "winwin.spark.shuffle-partitions");
    assertMentions(zero, "winwin.spark.shuffle-partitions");
  }

  @Test
  void takesTheAcceleratorAsNoneOrComet() {
    Settings comet = loader.load(Optional.empty(), Map.of("spark.accelerator", "comet"));
    UserError other = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("spark.accelerator", "gpu")));

    assertEquals(Settings.Accelerator.COMET, comet.spark().accelerator());
    assertMentions(other, "winwin.spark.accelerator");
    assertMentions(other, "none or comet");
  }

  @Test
  void failsNamingAMissingConfigFile() {
    Path missing = dir.resolve("nowhere.conf");

    UserError error = assertThrows(UserError.class, () -> loader.load(Optional.of(missing), Map.of()));

    assertMentions(error, missing.toString());
  }

  @Test
  void readsTheReportBandsAndSlopeTolerances() {
    Settings.ReportSettings defaults = loader.load(Optional.empty(), Map.of()).reports();
    assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4"), plain(defaults.marginBandEdges()));
    assertEquals(List.of("20", "40", "60", "80"), plain(defaults.satisfactionBandEdges()));
    assertSameNumber("0.005", defaults.marginSlopeTolerance());
    assertSameNumber("0.5", defaults.satisfactionSlopeTolerance());
    assertSameNumber("0.6", defaults.provisionalBelow());

    Settings.ReportSettings overridden = loader.load(Optional.empty(), Map.of(
        "reports.margin-satisfaction-matrix.margin-band-edges", "[-0.1, 0.15, 0.3]",
        "reports.margin-satisfaction-matrix.satisfaction-band-edges", "50")).reports();
    assertEquals(List.of("-0.1", "0.15", "0.3"), plain(overridden.marginBandEdges()));
    assertEquals(List.of("50"), plain(overridden.satisfactionBandEdges()));
  }

  @Test
  void failsNamingBandEdgesThatAreNotStrictlyIncreasingOrOffTheScale() {
    String margin = "reports.margin-satisfaction-matrix.margin-band-edges";
    String satisfaction = "reports.margin-satisfaction-matrix.satisfaction-band-edges";
    for (Map<String, String> bad : List.of(Map.of(margin, "0.2, 0.1"), Map.of(margin, "0.1, 0.1"), Map.of(margin, "ten"),
        Map.of(margin, "[]"), Map.of(satisfaction, "0, 50"), Map.of(satisfaction, "50, 100"))) {
      UserError error = assertThrows(UserError.class, () -> loader.load(Optional.empty(), bad), bad::toString);
      assertMentions(error, "winwin." + bad.keySet().iterator().next());
    }
  }

  private static List<String> plain(List<BigDecimal> numbers) {
    return numbers.stream().map(n -> n.stripTrailingZeros().toPlainString()).toList();
  }

  private static void assertSameNumber(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
  }

  private static void assertMentions(UserError error, String text) {
    assertTrue(error.getMessage().contains(text), () -> "message does not name " + text + ": " + error.getMessage());
  }
}
