package dev.winwin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
    assertEquals(8, settings.spark().shufflePartitions());
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
  void failsNamingAKeyWhoseValueIsNotANumber() {
    UserError share = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("quality.max-reject-share", "abc")));
    UserError months = assertThrows(UserError.class,
        () -> loader.load(Optional.empty(), Map.of("run.restate-months", "six")));

    assertMentions(share, "winwin.quality.max-reject-share");
    assertMentions(months, "winwin.run.restate-months");
  }

  @Test
  void failsNamingAMissingConfigFile() {
    Path missing = dir.resolve("nowhere.conf");

    UserError error = assertThrows(UserError.class, () -> loader.load(Optional.of(missing), Map.of()));

    assertMentions(error, missing.toString());
  }

  private static void assertSameNumber(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
  }

  private static void assertMentions(UserError error, String text) {
    assertTrue(error.getMessage().contains(text), () -> "message does not name " + text + ": " + error.getMessage());
  }
}
