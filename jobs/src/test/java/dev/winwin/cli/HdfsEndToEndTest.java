package dev.winwin.cli;

import static dev.winwin.cli.CliRun.winwin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.generate.DealHistoryGenerator;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.testing.TestSpark;

/**
 * The real command line against a real HDFS: a NameNode and a DataNode of Hadoop's mini cluster
 * in this JVM on loopback, input and output as {@code hdfs://} URIs. Proves the pointer publish,
 * the lock file, a killed run, the summary and {@code compare} on a file system without links.
 */
class HdfsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FROM = "2026-05";
  private static final String MONTH = "2026-10";

  @TempDir
  static Path temp;

  private static MiniDFSCluster cluster;
  private static FileSystem hdfs;
  private static String root;
  private static String input;

  @BeforeAll
  static void startHdfsWithAnInput() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, temp.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = cluster.getFileSystem();
    root = "hdfs://localhost:" + cluster.getNameNodePort();
    Path local = temp.resolve("input");
    // A few bad rows of every kind, so that rejects has rows to publish and compare.
    DealHistoryGenerator.generate(new DealHistoryGenerator.Options(300, 6, YearMonth.parse(MONTH), 13L, local, 0.01));
    input = root + "/winwin/input";
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(input));
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  /** One output through its life, so that the costly runs serve several checks (the suite must stay fast). */
  @Test
  void publishesThroughThePointerMatchesALocalRunAndSurvivesAKilledRun() throws Exception {
    String output = root + "/winwin/reports";
    CliRun backfill = winwin("backfill", "--from", FROM, "--to", MONTH, "--input", input, "--output", output);
    assertEquals(0, backfill.exitCode(), backfill.err());
    CliRun monthly = winwin("monthly", "--month", MONTH, "--input", input, "--output", output);
    assertEquals(0, monthly.exitCode(), monthly.err());
    assertTrue(monthly.out().contains("Summary of " + MONTH + ": " + output + "/summary/" + MONTH + "/summary.html"), monthly.out());

    JsonNode pointer = read(output + "/current.json");
    List<String> reports = new ArrayList<>();
    pointer.get("reports").fieldNames().forEachRemaining(reports::add);
    assertEquals(List.of("account_relationships", "deal_outcomes", "margin_satisfaction_matrix", "monthly_summary",
        "negotiation_patterns", "rejects", "rep_scorecard"), reports);
    String runId = pointer.get("snapshot").asText();
    assertEquals("published", read(output + "/runs/" + runId + "/run_manifest.json").get("status").asText());
    assertFalse(exists(output + "/current"), "no links on HDFS");
    assertEquals(List.of(pointer.get("previous").asText(), runId), names(output + "/snapshots"));
    assertTrue(text(output + "/summary/" + MONTH + "/summary.md").contains("Data coverage"), "the summary, rendered on HDFS");
    assertEquals(List.of(runId), TestSpark.session().read().parquet(output + "/" + pointer.get("reports").get("rejects").asText())
        .select("run_id").distinct().collectAsList().stream().map(r -> r.getString(0)).toList(), "rejects of the latest run only");

    // The monthly window is the backfill's months, so one local backfill publishes the same reports.
    String local = temp.resolve("local").toString();
    assertEquals(0, winwin("backfill", "--from", FROM, "--to", MONTH, "--input", temp.resolve("input").toString(), "--output", local).exitCode());
    CliRun compare = winwin("compare", output, local);
    assertEquals(0, compare.exitCode(), compare.out() + compare.err());
    assertEquals(7, compare.out().lines().filter(line -> line.matches("\\S+\\s+identical: [\\d,]+ rows")).count(), compare.out());

    killedRunLeavesThePublishedSnapshotReadableAndTheNextRunCleansUp(output);
  }

  @Test
  void aSecondRunIsRefusedAndAStaleLockIsBrokenOnlyWhenAsked() throws IOException {
    String output = root + "/winwin/locked";
    Location location = Location.of(hdfs.getConf(), output);
    try (OutputLock held = OutputLock.acquire(location, "first-run", new OutputLock.Policy(Duration.ofHours(6), false))) {
      CliRun refused = winwin("monthly", "--month", MONTH, "--no-summary", "--input", input, "--output", output);
      assertEquals(1, refused.exitCode());
      assertTrue(refused.err().contains("Another winwin run is writing to " + output + " (run first-run on "), refused.err());
    }

    write(output + "/.winwin-lock.json", """
        {"owner": "run-0", "host": "elsewhere", "pid": 1, "processStart": "", "acquiredAt": "2020-01-01T00:00:00Z", "token": "t"}
        """);
    CliRun stale = winwin("monthly", "--month", MONTH, "--no-summary", "--input", input, "--output", output);
    assertEquals(1, stale.exitCode());
    assertTrue(stale.err().contains("is older than publish.lock-stale-after (PT6H)"), stale.err());
    CliRun broken = winwin("monthly", "--month", MONTH, "--no-summary", "--set", "publish.break-stale-lock=true",
        "--input", input, "--output", output);
    assertEquals(0, broken.exitCode(), broken.err());
    assertFalse(exists(output + "/.winwin-lock.json"), "the run removes its own lock file");
  }

  /** A run in a JVM of its own killed with SIGKILL while it writes its reports to {@code output}. */
  private static void killedRunLeavesThePublishedSnapshotReadableAndTheNextRunCleansUp(String output) throws Exception {
    String pointer = text(output + "/current.json");
    List<String> published = rows(output);

    Process run = CliRun.inChildJvm(Files.createTempFile("winwin-child-", ".log"), "monthly", "--month", MONTH, "--no-summary", "--input", input, "--output", output);
    try {
      awaitStagedParquet(run, output + "/.staging");
    } finally {
      run.destroyForcibly().waitFor();
    }

    assertEquals(pointer, text(output + "/current.json"), "the killed run must not have switched the snapshot");
    assertEquals(published, rows(output));
    assertTrue(exists(output + "/.winwin-lock.json"), "a killed run cannot remove its lock file");

    // Its owner ran on this host and is gone: the next run breaks the lock by itself, clears the staging and publishes.
    CliRun next = winwin("monthly", "--month", MONTH, "--no-summary", "--input", input, "--output", output);
    assertEquals(0, next.exitCode(), next.err());
    assertEquals(published, rows(output));
    assertEquals(List.of(), names(output + "/.staging"));
  }

  private static void awaitStagedParquet(Process run, String staging) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(staging);
    while (Instant.now().isBefore(deadline)) {
      // Waiting on the process returns at once if it ends, which would be a failure.
      assertFalse(run.waitFor(50, TimeUnit.MILLISECONDS), "the run ended before it could be killed");
      try {
        RemoteIterator<LocatedFileStatus> files = hdfs.listFiles(folder, true);
        while (files.hasNext()) {
          org.apache.hadoop.fs.Path file = files.next().getPath();
          if (file.getName().endsWith(".parquet") && !file.toString().contains("/_checkpoints/")) {
            return;
          }
        }
      } catch (java.io.FileNotFoundException notYet) {
        // The run clears the staging of earlier runs before it stages its own: the folder comes and goes.
      }
    }
    throw new AssertionError("the run never started writing");
  }

  private static List<String> rows(String output) {
    Location report = ReportSnapshot.publishedReport(Location.of(hdfs.getConf(), output), "deal_outcomes");
    return TestSpark.session().read().parquet(report.uri()).drop("run_id").orderBy("deal_id")
        .collectAsList().stream().map(Row::mkString).toList();
  }

  private static boolean exists(String uri) throws IOException {
    return hdfs.exists(new org.apache.hadoop.fs.Path(uri));
  }

  private static List<String> names(String folder) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder);
    if (!hdfs.exists(path)) {
      return List.of();
    }
    return java.util.Arrays.stream(hdfs.listStatus(path)).map(s -> s.getPath().getName()).sorted().toList();
  }

  private static String text(String uri) throws IOException {
    try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(uri))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode read(String uri) throws IOException {
    return JSON.readTree(text(uri));
  }

  private static void write(String uri, String content) throws IOException {
    try (OutputStream out = hdfs.create(new org.apache.hadoop.fs.Path(uri), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
