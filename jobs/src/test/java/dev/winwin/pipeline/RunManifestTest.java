package dev.winwin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** However a caller builds it, a manifest holds no credential. */
class RunManifestTest {
  @Test
  void masksCredentialsInCommandInputOutputAndConfig() {
    RunManifest manifest = new RunManifest("run-1", "published",
        "winwin monthly --input s3a://KEY:SECRET@bucket/in --output abfss://c@acct/out?sig=x", new RunWindow(YearMonth.of(2026, 10),
        YearMonth.of(2026, 10)), List.of("2026-10"), Instant.EPOCH, Instant.EPOCH, Map.of(), new RunManifest.Versions("v", "s", "j"),
        "s3a://KEY:SECRET@bucket/in", "abfss://c@acct/out?sig=x", List.of(), "whole", Map.of(), Map.of(),
        Map.of("winwin.spark.options.spark.hadoop.fs.azure.account.key.acct", "abc==", "winwin.output", "abfss://c@acct/out?sig=x",
            "winwin.base-currency", "USD"));

    assertEquals("winwin monthly --input s3a://***@bucket/in --output abfss://***@acct/out?***", manifest.command());
    assertEquals("s3a://***@bucket/in", manifest.input());
    assertEquals("abfss://***@acct/out?***", manifest.output());
    assertEquals(Map.of("winwin.spark.options.spark.hadoop.fs.azure.account.key.acct", "***", "winwin.output", "abfss://***@acct/out?***",
        "winwin.base-currency", "USD"), manifest.config());
  }
}
