package dev.winwin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every shape in which a credential reaches the manifest or a log line comes out masked. */
class SecretsTest {
  @Test
  void masksTheValueOfEveryKeyThatNamesASecretIgnoringCase() {
    for (String key : List.of("winwin.spark.options.spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net",
        "spark.hadoop.fs.azure.sas.reports.acct.blob.core.windows.net", "spark.hadoop.fs.s3a.secret.key",
        "spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.session.token", "db.PASSWORD", "gcs.Credential.file",
        "blob.signature")) {
      assertEquals("***", Secrets.value(key, "s3cr3t"), key);
    }
    assertEquals("0.05", Secrets.value("winwin.quality.max-reject-share", "0.05"));
  }

  @Test
  void masksTheUserInfoAndQueryOfEveryUriAndLeavesTheRest() {
    assertEquals("s3a://***@bucket/in", Secrets.uris("s3a://AKIA123:abc/def+ghi@bucket/in"));
    assertEquals("abfss://***@acct.dfs.core.windows.net/out?***",
        Secrets.uris("abfss://reports@acct.dfs.core.windows.net/out?sv=2022-11-02&sig=abc%2Bdef"));
    assertEquals("https://acct.blob.core.windows.net/c?***", Secrets.uris("https://acct.blob.core.windows.net/c?sig=x"));
    assertEquals("input s3a://***@b/in and output hdfs://nn:8020/out", Secrets.uris("input s3a://k:s@b/in and output hdfs://nn:8020/out"));
    assertEquals("hdfs://nn:8020/winwin/reports", Secrets.uris("hdfs://nn:8020/winwin/reports"));
    assertEquals("out/local folder", Secrets.uris("out/local folder"));
  }

  @Test
  void masksSecretSettingsAndUrisOnACommandLine() {
    assertEquals(List.of("monthly", "--set", "spark.options.\"spark.hadoop.fs.azure.account.key.acct\"=***",
            "--set=fs.azure.sas.c.acct=***", "--set", "quality.max-reject-share=0.1",
            "--input", "s3a://***@bucket/in", "--output=abfss://***@acct/out?***"),
        Secrets.arguments(List.of("monthly", "--set", "spark.options.\"spark.hadoop.fs.azure.account.key.acct\"=abc==",
            "--set=fs.azure.sas.c.acct=sv=1&sig=2", "--set", "quality.max-reject-share=0.1",
            "--input", "s3a://KEY:SECRET@bucket/in", "--output=abfss://c@acct/out?sig=x")));
  }

  @Test
  void maskingIsIdempotent() {
    String once = Secrets.uris("s3a://k:s@b/in?x=1");
    assertEquals(once, Secrets.uris(once));
    assertEquals("***", Secrets.value("a.key", Secrets.value("a.key", "v")));
  }
}
