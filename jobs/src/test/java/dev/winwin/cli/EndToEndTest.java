package dev.winwin.cli;

import static dev.winwin.cli.CliRun.winwin;
import static dev.winwin.schema.Columns.AT_RISK_SHARE;
import static dev.winwin.schema.Columns.BORDERLINE;
import static dev.winwin.schema.Columns.CLIENT_RESULT;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.DELIVERY_COST;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.MARGIN_GAP;
import static dev.winwin.schema.Columns.OFFERING_TYPE;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.POCKET_MARGIN_PCT;
import static dev.winwin.schema.Columns.POCKET_REVENUE;
import static dev.winwin.schema.Columns.PROVIDER_RESULT;
import static dev.winwin.schema.Columns.REJECTED_INPUT_ROWS;
import static dev.winwin.schema.Columns.RESPONSES;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SATISFACTION;
import static dev.winwin.schema.Columns.UNCLASSIFIED_REASON;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static dev.winwin.schema.ReportColumns.INVOICE_REVENUE;
import static dev.winwin.schema.ReportColumns.WIN_RATE;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.io.OutputLock;
import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.MonthlySummarySchema;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.Source;
import dev.winwin.testing.TestSpark;

/**
 * The real command line on a small hand-made input tree; reports read back from Parquet. Expected
 * values are worked out by hand in the comments of {@link #writeInput}.
 */
class EndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEALS_HEADER = "deal_id,updated_at,account_id,account_name,segment,region,rep_id,offering,offering_type,"
      + "buyer_role,sourcing,pricing_model,stage,created_date,commit_date,close_date,currency,list_amount,invoice_amount,at_risk_amount,loss_reason";

  @TempDir
  Path temp;

  private Path input;
  private Path output;
  private final SparkSession spark = TestSpark.session();

  @BeforeEach
  void writeInput() throws IOException {
    // Spaces in both paths: a path must reach Spark and Hadoop unescaped.
    input = temp.resolve("in put");
    output = temp.resolve("out put");
    // D1: differentiated, USD 1000 invoiced, cost 700 → margin exactly 30% = target → provider wins;
    //     a decision maker gives CSAT 4 → satisfied → client wins → win-win. An older version is superseded.
    // D2: commodity, EUR 800 at 1.10 = 880, rebate EUR 100 = 110 → pocket revenue 770, cost EUR 700 = 770
    //     → margin 0 → provider loses; an influencer gives NPS 3 → client loses → lose-lose.
    // D3: won, cost but no survey → unclassified (no_survey).   D4: lost, same group as D2.
    // D5: closed 2026-09, differentiated, margin 10% → provider loses; CSAT 5 → client wins → win-lose (client).
    write("deals/deals.csv", DEALS_HEADER,
        "D1,2026-09-01T10:00:00Z,A1,Acme,enterprise,emea,R1,Advisory,differentiated,executive,direct,fixed,open,2026-08-01,,,USD,1000,,,",
        "D1,2026-10-20T10:00:00Z,A1,Acme,enterprise,emea,R1,Advisory,differentiated,executive,direct,fixed,won,2026-08-01,2026-10-10,2026-10-20,USD,1000,1000,,",
        "D2,2026-10-21T10:00:00Z,A2,\"Beta, Inc.\",enterprise,emea,R2,Hosting,commodity,procurement,rfp,fixed,won,,,2026-10-21,EUR,1000,800,,",
        "D3,2026-10-22T10:00:00Z,A1,Acme,enterprise,emea,R1,Advisory,differentiated,business,direct,fee_at_risk,won,,,2026-10-22,USD,500,500,100,",
        "D4,2026-10-23T10:00:00Z,A3,Gamma,enterprise,emea,R2,Hosting,commodity,procurement,reverse_auction,fixed,lost,,,2026-10-23,USD,900,,,price",
        "D5,2026-09-15T10:00:00Z,A3,Gamma,enterprise,emea,R1,Advisory,differentiated,business,renewal,fixed,won,,,2026-09-15,USD,100,100,,");
    write("price_adjustments/adjustments.csv", "adjustment_id,deal_id,element,amount,currency,traded_for", "P1,D2,rebate,100,EUR,volume");
    write("cost_lines/costs.csv", "cost_id,deal_id,cost_type,amount,currency,period_month",
        "C1,D1,delivery_labor,750,USD,2026-10", "C2,D1,warranty,-50,USD,2026-11", "C3,D2,cogs,700,EUR,2026-10",
        "C4,D3,cogs,100,USD,2026-10", "C5,D5,cogs,90,USD,2026-09");
    write("surveys/responses.jsonl",
        "{\"response_id\":\"S1\",\"deal_id\":\"D1\",\"respondent_role\":\"decision_maker\",\"instrument\":\"csat\",\"score\":4,\"responded_at\":\"2026-11-02T09:00:00Z\",\"comment\":\"fine\"}",
        "{\"response_id\":\"S2\",\"deal_id\":\"D2\",\"respondent_role\":\"influencer\",\"instrument\":\"nps\",\"score\":3,\"responded_at\":\"2026-11-03T09:00:00Z\"}",
        "{\"response_id\":\"S3\",\"deal_id\":\"D5\",\"respondent_role\":\"end_user\",\"instrument\":\"csat\",\"score\":5,\"responded_at\":\"2026-10-01T09:00:00Z\"}");
    write("fx_rates/fx.csv", "month,currency,rate_to_base", "2026-09,EUR,1.08", "2026-10,EUR,1.10");
  }

  @Test
  void monthlyRunPublishesHandWorkedOutcomes() throws IOException {
    CliRun run = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("win-win"), run.out());

    Map<String, Row> outcomes = byKey(spark.read().parquet(output.resolve(DealOutcomesSchema.NAME).toString()).collectAsList(), DEAL_ID);
    assertEquals(List.of("D1", "D2", "D3", "D5"), List.copyOf(outcomes.keySet()));
    assertRow(outcomes.get("D1"), Map.of(OUTCOME, "win-win", WINNING_PARTY, "both", CLOSE_MONTH, "2026-10",
        POCKET_MARGIN_PCT, new BigDecimal("0.300000"), MARGIN_GAP, new BigDecimal("0.000000"), BORDERLINE, true));
    assertRow(outcomes.get("D2"), Map.of(OUTCOME, "lose-lose", WINNING_PARTY, "none", INVOICE_AMOUNT, new BigDecimal("880.000000"),
        POCKET_REVENUE, new BigDecimal("770.000000"), DELIVERY_COST, new BigDecimal("770.000000"),
        POCKET_MARGIN_PCT, new BigDecimal("0.000000"), SATISFACTION, new BigDecimal("30.000")));
    assertRow(outcomes.get("D3"), Map.of(OUTCOME, "unclassified", UNCLASSIFIED_REASON, "no_survey", PROVIDER_RESULT, "wins",
        AT_RISK_SHARE, new BigDecimal("0.200000")));
    assertNull(outcomes.get("D3").getAs(CLIENT_RESULT));
    assertRow(outcomes.get("D5"), Map.of(OUTCOME, "win-lose", WINNING_PARTY, "client", CLOSE_MONTH, "2026-09"));

    Map<String, Row> summary = byKey(spark.read().parquet(output.resolve(MonthlySummarySchema.NAME).toString())
        .filter(col(CLOSE_MONTH).equalTo("2026-10")).collectAsList(), OFFERING_TYPE);
    assertRow(summary.get("commodity"), Map.of(DEALS_WON, 1L, DEALS_LOST, 1L, WIN_RATE, new BigDecimal("0.500000"),
        OutcomeColumns.LOSE_LOSE.deals(), 1L, INVOICE_REVENUE, new BigDecimal("880.000000")));
    assertRow(summary.get("differentiated"), Map.of(DEALS_WON, 2L, DEALS_LOST, 0L, OutcomeColumns.WIN_WIN.deals(), 1L,
        OutcomeColumns.UNCLASSIFIED.deals(), 1L, OutcomeColumns.WIN_WIN.revenueShare(), new BigDecimal("0.666667")));

    JsonNode manifest = manifest(output);
    assertEquals("published", manifest.get("status").asText());
    assertEquals(List.of("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"),
        JSON.convertValue(manifest.get("months"), List.class));
    JsonNode deals = manifest.get("sources").get(Source.DEALS.folder());
    assertEquals(List.of(6L, 5L, 1L, 0L), List.of(deals.get("read").asLong(), deals.get("accepted").asLong(),
        deals.get("superseded").asLong(), deals.get("rejected").asLong()));
    assertEquals(1, manifest.get("outcomes").get("win-win").asInt());
  }

  @Test
  void rerunGivesTheSameRowsAndLeavesOtherMonthsUntouched() throws IOException {
    assertEquals(0, winwin("backfill", "--from", "2026-09", "--to", "2026-10", "--input", input.toString(), "--output", output.toString()).exitCode());
    List<String> first = rowsWithoutRunId(DealOutcomesSchema.NAME);
    Path september = onlyFile(output.resolve(DealOutcomesSchema.NAME).resolve("close_month=2026-09"));
    Object inode = Files.getAttribute(september, "unix:ino");

    CliRun rerun = winwin("monthly", "--month", "2026-10", "--set", "run.restate-months=1", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, rerun.exitCode(), rerun.err());
    assertTrue(rerun.out().contains("Judgement: reused, made by an earlier run of this input"), rerun.out());
    assertEquals(first, rowsWithoutRunId(DealOutcomesSchema.NAME));
    assertEquals(inode, Files.getAttribute(onlyFile(output.resolve(DealOutcomesSchema.NAME).resolve("close_month=2026-09")), "unix:ino"),
        "2026-09 lies outside the rerun's window and must be carried over as it was");
  }

  @Test
  void aRunOnCometPublishesWhatARunOnSparkDoesAndCompareFindsThemIdenticalEvenWithoutRejects() throws Exception {
    // Comet's plugin loads when Spark starts, so the accelerated run needs a JVM of its own; the
    // run on Spark goes on meanwhile, here.
    Path comet = temp.resolve("comet out");
    Path log = temp.resolve("comet.log");
    Process accelerated = CliRun.inChildJvm(log, "monthly", "--month", "2026-10", "--no-summary", "--set", "spark.accelerator=comet",
        "--input", input.toString(), "--output", comet.toString());
    try {
      assertEquals(0, winwin("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(), "--output", output.toString())
          .exitCode());
      assertTrue(accelerated.waitFor(5, TimeUnit.MINUTES), "the run on Comet did not end");
    } finally {
      accelerated.destroyForcibly();
    }
    String console = Files.readString(log);
    assertEquals(0, accelerated.exitValue(), console);
    assertTrue(console.contains("Comet native library"), "Comet's native engine did not start: " + console);

    // This input has no bad row, so neither run wrote a rejects file.
    CliRun compare = winwin("compare", output.toString(), comet.toString());
    assertEquals(0, compare.exitCode(), compare.out() + compare.err());
    assertTrue(compare.out().matches("(?s).*rejects\\s+identical: no rows.*"), compare.out());
  }

  @Test
  void aWarmRunOnANewAChangedAndARemovedFilePublishesWhatAColdRunOfTheSameInputDoes() throws IOException {
    assertEquals(0, winwin("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(), "--output", output.toString())
        .exitCode());
    // a late cost line of D1 arrives, D3 loses its cost line (a changed file), D2 its rebate (a removed file)
    write("cost_lines/2026/late.csv", "cost_id,deal_id,cost_type,amount,currency,period_month", "C9,D1,cogs,12.50,USD,2026-10");
    write("cost_lines/costs.csv", "cost_id,deal_id,cost_type,amount,currency,period_month",
        "C1,D1,delivery_labor,750,USD,2026-10", "C2,D1,warranty,-50,USD,2026-11", "C3,D2,cogs,700,EUR,2026-10",
        "C5,D5,cogs,90,USD,2026-09");
    Files.delete(input.resolve("price_adjustments/adjustments.csv"));

    // The warm run judges again only what changed however small its input.
    CliRun warm = winwin("monthly", "--month", "2026-10", "--no-summary", "--set", "run.judge-again-from-rows=0", "--input",
        input.toString(), "--output", output.toString());
    assertEquals(0, warm.exitCode(), warm.err());
    assertTrue(warm.out().matches("(?s).*Input files: [1-9][0-9]* reused \\([^)]*\\), 2 staged now \\(5 rows\\), 1 dropped.*"), warm.out());
    assertTrue(warm.out().contains("Judgement: judged again only the rows the new, changed and removed files can change"), warm.out());
    Path cold = temp.resolve("cold out");
    assertEquals(0, winwin("monthly", "--month", "2026-10", "--no-summary", "--restage", "--input", input.toString(), "--output",
        cold.toString()).exitCode());

    CliRun compare = winwin("compare", output.toString(), cold.toString());
    assertEquals(0, compare.exitCode(), compare.out() + compare.err());
  }

  @Test
  void rejectsHoldTheLatestRunsRowsOnly() throws IOException {
    write("cost_lines/late.csv", "cost_id,deal_id,cost_type,amount,currency,period_month", "C9,D1,cogs,abc,USD,2026-10");
    for (int run = 0; run < 2; run++) {
      CliRun monthly = winwin("monthly", "--month", "2026-10", "--no-summary", "--set", "quality.max-reject-share=0.5",
          "--input", input.toString(), "--output", output.toString());
      assertEquals(0, monthly.exitCode(), monthly.err());
    }
    // Both runs read the bad cost line; reading rejects counts it once, for the latest run.
    List<Row> rejects = spark.read().parquet(output.resolve("rejects").toString()).collectAsList();
    assertEquals(1, rejects.size(), rejects::toString);
    assertEquals("cost_lines/late.csv", rejects.get(0).getAs("source_file"));
    assertEquals(manifest(output).get("runId").asText(), rejects.get(0).getAs("run_id"));
    // The second run read the judgement of the first; the raw text still comes from the staged rows.
    assertEquals(2L, rejects.get(0).<Long>getAs("row_number"));
    assertEquals("C9,D1,cogs,abc,USD,2026-10", rejects.get(0).getAs("raw"));
  }

  @Test
  void monthlyPublishedThroughThePointerRendersItsSummaryAndExitsZero() {
    CliRun run = winwin("monthly", "--month", "2026-10", "--set", "publish.mode=pointer", "--input", input.toString(),
        "--output", output.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isRegularFile(output.resolve("current.json")));
    assertTrue(Files.isRegularFile(output.resolve("summary/2026-10/summary.md")), "summary rendered beside current.json");
    assertFalse(Files.isSymbolicLink(output.resolve("summary/2026-10")));
    assertEquals(0, winwin("summary", "--month", "2026-10", "--output", output.toString()).exitCode());
  }

  @Test
  void aSummaryFailingAfterThePublishExitsThreeSayingTheReportsWerePublished() throws IOException {
    Files.createDirectories(output);
    Files.writeString(output.resolve("summary"), "a file where the summary folder goes");

    CliRun run = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());

    assertEquals(3, run.exitCode(), run.err());
    JsonNode manifest = manifest(output);
    assertEquals("published", manifest.get("status").asText(), "the manifest is written before the summary");
    assertTrue(run.err().contains("winwin: Run " + manifest.get("runId").asText() + " published its reports under " + output
        + ", but rendering the summary of 2026-10 failed ("), run.err());
    assertTrue(run.err().contains("do not rerun the run; render the summary again with `winwin summary --month 2026-10`"), run.err());
    assertEquals(List.of("D1", "D2", "D3", "D5"), spark.read().parquet(output.resolve("deal_outcomes").toString())
        .select("deal_id").orderBy("deal_id").collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void secretsInSettingsNeverReachTheManifestOrTheLog() throws IOException {
    CliRun run = winwin("monthly", "--month", "2026-10", "--no-summary",
        "--set", "spark.options.\"spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net\"=s3cr3t-account-key",
        "--set=spark.options.\"spark.hadoop.fs.azure.sas.c.acct.blob.core.windows.net\"=sv=1&sig=s3cr3t-sas",
        "--input", input.toString(), "--output", output.toString());
    assertEquals(0, run.exitCode(), run.err());
    String manifest = manifest(output).toPrettyString();
    assertFalse(manifest.contains("s3cr3t"), manifest);
    assertTrue(manifest.contains("account.key.acct.dfs.core.windows.net\\\"=***"), manifest);
    assertFalse(run.err().contains("s3cr3t") || run.out().contains("s3cr3t"), run.err());
  }

  @Test
  void qualityGateFailurePublishesNothing() throws IOException {
    assertEquals(0, winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString()).exitCode());
    Path published = Files.readSymbolicLink(output.resolve("current"));
    List<String> snapshots = listing(output.resolve("snapshots"));
    // One bad survey out of four: 25% rejected, above the default gate of 5%.
    Files.writeString(input.resolve("surveys/responses.jsonl"),
        "{\"response_id\":\"S9\",\"deal_id\":\"D3\",\"respondent_role\":\"end_user\",\"instrument\":\"csat\",\"score\":9}\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    CliRun gated = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
    assertEquals(2, gated.exitCode(), gated.err());
    assertTrue(gated.err().contains("surveys rejected 1 of 4 rows"), gated.err());
    assertEquals(published, Files.readSymbolicLink(output.resolve("current")), "the published snapshot must not change");
    assertEquals(snapshots, listing(output.resolve("snapshots")), "no new snapshot may be left behind");
    JsonNode manifest = manifest(output);
    assertEquals("quality_gate_failed", manifest.get("status").asText());
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void validateReportsReconciliationAndPublishesNothing() throws IOException {
    CliRun run = winwin("validate", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("deals\\s+6\\s+5\\s+1\\s+0\\s*")), run.out());
    // only the staged store, which a later run reuses, and the lock it was written under
    try (var entries = Files.list(output)) {
      assertEquals(Set.of("_staged", ".winwin.lock"), entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  @Test
  void userErrorsGiveOneSentenceAndExitCodeOne() throws IOException {
    CliRun unknownKey = winwin("monthly", "--month", "2026-10", "--set", "quality.max-reject=0.1", "--input", input.toString());
    assertEquals(1, unknownKey.exitCode());
    assertTrue(unknownKey.err().contains("Unknown configuration key winwin.quality.max-reject"), unknownKey.err());

    CliRun badMonth = winwin("monthly", "--month", "2026-13");
    assertEquals(1, badMonth.exitCode());
    assertTrue(badMonth.err().contains("'2026-13' is not a month"), badMonth.err());

    Files.walk(input.resolve(Source.COST_LINES.folder())).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    CliRun missing = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("required input folder " + input.resolve(Source.COST_LINES.folder()) + " is missing"), missing.err());
    assertFalse(Files.exists(output.resolve(DealOutcomesSchema.NAME)));
  }

  /**
   * Real exports: a sub-folder of deals, a survey export in a sub-folder whose comment runs over
   * three lines, empty files in every format, a CSV header alone, Spark's and Hadoop's side files.
   * Every data file is read and listed in the manifest with its records.
   */
  @Test
  void readsSubFoldersAndEmptyFilesAndListsEveryFileWithItsRows() throws IOException {
    write("deals/2026/late/d6.csv", DEALS_HEADER,
        "D6,2026-10-25T10:00:00Z,A3,Gamma,enterprise,emea,R2,Hosting,commodity,procurement,rfp,fixed,open,,,,USD,900,,,");
    write("deals/_SUCCESS");
    write("deals/2026/.d6.csv.crc", "crc");
    // a survey without a score: a row reject, since the file's other record has one
    write("surveys/2026/partial.jsonl",
        "{\"response_id\":\"S5\",\"deal_id\":\"D5\",\"respondent_role\":\"end_user\",\"instrument\":\"csat\",\"score\":5}",
        "{\"response_id\":\"S6\",\"deal_id\":\"D5\",\"respondent_role\":\"end_user\",\"instrument\":\"csat\"}");
    Files.write(input.resolve("cost_lines/empty.csv"), new byte[0]);
    Files.write(input.resolve("surveys/2026/none.jsonl"), new byte[0]);
    Files.write(input.resolve("fx_rates/empty.parquet"), new byte[0]);
    write("price_adjustments/header-only.csv", "adjustment_id,deal_id,element,amount,currency,traded_for");
    // D3's survey; the comment spans three lines (CRLF inside the quotes)
    Files.writeString(input.resolve("surveys/2026/comments.csv"),
        "response_id,deal_id,respondent_role,instrument,score,comment\r\nS4,D3,decision_maker,csat,5,\"Great team.\r\nOn time,\r\nand \"\"fair\"\".\"\r\n",
        StandardCharsets.UTF_8);

    CliRun run = winwin("monthly", "--month", "2026-10", "--set", "quality.max-reject-share=0.5",
        "--input", input.toString(), "--output", output.toString());
    assertEquals(0, run.exitCode(), run.err());

    JsonNode manifest = manifest(output);
    Map<String, String> files = new TreeMap<>();
    manifest.get("inputFiles").forEach(file -> files.put(file.get("path").asText(),
        file.get("source").asText() + ", " + file.get("rows").asLong() + " rows, " + file.get("bytes").asLong() + " bytes"));
    Map<String, String> expected = new TreeMap<>();
    for (String[] file : new String[][] {{"cost_lines/costs.csv", "5"}, {"cost_lines/empty.csv", "0"}, {"deals/2026/late/d6.csv", "1"},
        {"deals/deals.csv", "6"}, {"fx_rates/empty.parquet", "0"}, {"fx_rates/fx.csv", "2"}, {"price_adjustments/adjustments.csv", "1"},
        {"price_adjustments/header-only.csv", "0"}, {"surveys/2026/comments.csv", "1"}, {"surveys/2026/none.jsonl", "0"},
        {"surveys/2026/partial.jsonl", "2"}, {"surveys/responses.jsonl", "3"}}) {
      expected.put(file[0], file[0].substring(0, file[0].indexOf('/')) + ", " + file[1] + " rows, " + Files.size(input.resolve(file[0])) + " bytes");
    }
    assertEquals(expected, files);
    JsonNode surveys = manifest.get("sources").get("surveys");
    assertEquals(List.of(6L, 5L, 1L), List.of(surveys.get("read").asLong(), surveys.get("accepted").asLong(), surveys.get("rejected").asLong()));
    assertEquals(1, surveys.get("reasons").get("missing_field:score").asInt());
    assertEquals(7, manifest.get("sources").get("deals").get("read").asInt());

    Map<String, Row> outcomes = byKey(spark.read().parquet(output.resolve(DealOutcomesSchema.NAME).toString()).collectAsList(), DEAL_ID);
    // D3 now has its survey (CSAT 5 by the decision maker): classified instead of no_survey
    assertRow(outcomes.get("D3"), Map.of(OUTCOME, "win-win", RESPONSES, 1L, REJECTED_INPUT_ROWS, 0L));
    // D5 is judged on its accepted survey and says that S6 was rejected
    assertRow(outcomes.get("D5"), Map.of(OUTCOME, "win-lose", RESPONSES, 2L, REJECTED_INPUT_ROWS, 1L));
  }

  /** What stops a run before anything is written: one sentence naming the file (and column or key), exit 1. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "surveys/extra.jsonl|{\"response_id\":\"S8\",\"deal_id\":\"D1\",\"respondent_role\":\"end_user\",\"instrument\":\"csat\"}|lacks the required key score in every record.",
      "deals/2026/notes.txt|a note|has an unknown type; use .csv, .jsonl, .json or .parquet.",
      "cost_lines/more/costs.csv|cost_id,deal_id,cost_type,amount,currency,amount|names the column amount twice in its header.",
      "cost_lines/more/costs.csv|cost_id,deal_id,cost_type,currency|lacks the required column amount."})
  void badInputFilesStopTheRunBeforeAnythingIsWritten(String file, String content, String says) throws IOException {
    write(file, content);

    CliRun run = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("The input file " + input.resolve(file) + " " + says), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertFalse(Files.exists(output.resolve("current")), "nothing published");
    assertFalse(Files.exists(output.resolve("deal_outcomes")), "nothing published");
    assertFalse(Files.exists(output.resolve("runs")), "no manifest");
  }

  @Test
  void secondRunOnTheSameOutputIsRefused() {
    try (OutputLock held = OutputLock.acquire(output)) {
      CliRun refused = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
      assertEquals(1, refused.exitCode());
      assertTrue(refused.err().contains("Another winwin run is writing to"), refused.err());
    }
  }

  private List<String> rowsWithoutRunId(String report) {
    return spark.read().parquet(output.resolve(report).toString()).drop(RUN_ID).orderBy(DEAL_ID).collectAsList().stream()
        .map(Row::mkString).collect(Collectors.toList());
  }

  private static Path onlyFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
      assertEquals(1, parquet.size(), "one file per month in " + folder);
      return parquet.get(0);
    }
  }

  private static JsonNode manifest(Path output) throws IOException {
    try (Stream<Path> runs = Files.list(output.resolve("runs"))) {
      Path run = runs.sorted().reduce((a, b) -> b).orElseThrow();
      return JSON.readTree(run.resolve("run_manifest.json").toFile());
    }
  }

  private static Map<String, Row> byKey(List<Row> rows, String key) {
    Map<String, Row> byKey = new TreeMap<>();
    rows.forEach(row -> byKey.put(row.getAs(key), row));
    return byKey;
  }

  private static void assertRow(Row row, Map<String, Object> expected) {
    expected.forEach((column, value) -> {
      Object actual = row.getAs(column);
      boolean equal = value instanceof BigDecimal decimal && actual instanceof BigDecimal got
          ? decimal.compareTo(got) == 0 : value.equals(actual);
      assertTrue(equal, "column " + column + " of " + row + ": expected " + value + ", got " + actual);
    });
  }

  private void write(String relative, String... lines) throws IOException {
    Path file = input.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
