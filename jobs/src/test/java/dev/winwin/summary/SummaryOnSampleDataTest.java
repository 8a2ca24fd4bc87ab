package dev.winwin.summary;

import static dev.winwin.schema.AccountRelationshipsSchema.AS_OF_MONTH;
import static dev.winwin.schema.AccountRelationshipsSchema.TRAJECTORY;
import static dev.winwin.schema.Columns.BUYER_ROLE;
import static dev.winwin.schema.Columns.CLOSE_MONTH;
import static dev.winwin.schema.Columns.INVOICE_AMOUNT;
import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.PRICING_MODEL;
import static dev.winwin.schema.Columns.PROVIDER_MOVES_AFTER_COMMIT;
import static dev.winwin.schema.Columns.REJECTED_INPUT_ROWS;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SEGMENT;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static dev.winwin.schema.ReportColumns.CLASSIFIED_DEALS;
import static dev.winwin.schema.ReportColumns.DEALS;
import static dev.winwin.schema.ReportColumns.DEALS_LOST;
import static dev.winwin.schema.ReportColumns.DEALS_WON;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.winwin.cli.WinwinCommand;
import dev.winwin.schema.AccountRelationshipsSchema;
import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.MarginSatisfactionMatrixSchema;
import dev.winwin.schema.MonthlySummarySchema;
import dev.winwin.schema.NegotiationPatternsSchema;
import dev.winwin.schema.OutcomeColumns;
import dev.winwin.schema.RejectsSchema;
import dev.winwin.schema.Source;
import dev.winwin.testing.HeadlessChromium;
import dev.winwin.testing.TestSpark;

/**
 * The summary as a reader sees it: {@code monthly --month 2026-10} on the bundled sample data, then
 * its figures recomputed here from the published Parquet reports and looked up in the Markdown and
 * the HTML, and the HTML opened in headless Chromium.
 *
 * <p>The browser check needs Debian's {@code chromium}. CI ({@code .ci/run}) installs it and sets
 * {@code WINWIN_REQUIRE_BROWSER=1}, which turns a missing browser into a failure; elsewhere the
 * check is skipped without one. The screenshot lands in {@code target/summary-screenshot.png}, and
 * also at the path of the system property {@code winwin.summary.screenshot} when the test JVM has it.
 */
class SummaryOnSampleDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MONTH = "2026-10";
  private static final String PERIOD_START = "2025-11";
  private static final Formats USD = new Formats("USD");

  @TempDir
  static Path temp;

  private static Path output;
  private static Path html;
  private static String markdown;
  private static String page;
  private static final SparkSession spark = TestSpark.session();

  @BeforeAll
  static void runMonthlyOnTheSampleData() throws IOException {
    output = temp.resolve("out");
    int exit = WinwinCommand.execute("monthly", "--month", MONTH, "--input", Path.of("sample-data").toString(), "--output", output.toString());
    assertEquals(0, exit);
    html = output.resolve("summary").resolve(MONTH).resolve(Summary.HTML);
    page = Files.readString(html);
    markdown = Files.readString(html.resolveSibling(Summary.MARKDOWN));
  }

  @Test
  void headlineMatchesDealOutcomesAndMonthlySummary() {
    Dataset<Row> month = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).equalTo(MONTH));
    Row deals = month.agg(count(when(col(OUTCOME).notEqual("unclassified"), lit(1))), count(when(col(OUTCOME).equalTo("win-win"), lit(1))),
        sum(col(INVOICE_AMOUNT)), count(lit(1))).first();
    long classified = deals.getLong(0);
    long winWin = deals.getLong(1);
    Row summary = report(MonthlySummarySchema.NAME).filter(col(CLOSE_MONTH).equalTo(MONTH)).agg(sum(col(DEALS_WON)), sum(col(DEALS_LOST))).first();

    assertEquals(deals.getLong(3), summary.getLong(0), "deal_outcomes and monthly_summary agree on won deals");
    // October 2026 of the sample: 13 of 53 won deals classified, under 60 %
    assertTrue(classified < 0.6 * deals.getLong(3), "the sample's last month is provisional");
    assertContains("- Win-win share, provisional: **" + Formats.percent((double) winWin / classified) + "** (of " + classified
        + " classified deals, 95% interval " + Formats.percent(wilson(winWin, classified, -1)) + "\u2013"
        + Formats.percent(wilson(winWin, classified, 1)) + ";");
    assertContains("October 2026 is **provisional**: only " + Formats.percent((double) classified / deals.getLong(3)));
    assertContains("- Won deals: **" + Formats.count(summary.getLong(0)) + "** (win rate "
        + Formats.percent((double) summary.getLong(0) / (summary.getLong(0) + summary.getLong(1))) + "; " + summary.getLong(1) + " lost)");
    assertContains("(" + USD.money(deals.getDecimal(2)) + " invoiced)");
  }

  @Test
  void revenueByOutcomeMatchesDealOutcomes() {
    Dataset<Row> month = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).equalTo(MONTH));
    BigDecimal total = month.agg(sum(col(INVOICE_AMOUNT))).first().getDecimal(0);
    for (Object[] outcome : new Object[][] {
        {"Win-win", col(OUTCOME).equalTo("win-win")},
        {"Win-lose, we won", col(OUTCOME).equalTo("win-lose").and(col(WINNING_PARTY).equalTo("provider"))},
        {"Win-lose, client won", col(OUTCOME).equalTo("win-lose").and(col(WINNING_PARTY).equalTo("client"))},
        {"Lose-lose", col(OUTCOME).equalTo("lose-lose")},
        {"Not yet classified", col(OUTCOME).equalTo("unclassified")}}) {
      Row row = month.filter((org.apache.spark.sql.Column) outcome[1]).agg(count(lit(1)), sum(col(INVOICE_AMOUNT))).first();
      BigDecimal revenue = row.isNullAt(1) ? BigDecimal.ZERO : row.getDecimal(1);
      assertContains("| " + outcome[0] + " | " + Formats.count(row.getLong(0)) + " | " + USD.money(revenue) + " | "
          + Formats.percent(revenue.doubleValue() / total.doubleValue()) + " |");
    }
  }

  @Test
  void mapEffectsAccountsAndCoverageMatchTheirReports() throws IOException {
    Row matrix = report(MarginSatisfactionMatrixSchema.NAME).filter(col(CLOSE_MONTH).between(PERIOD_START, MONTH)).agg(sum(col(DEALS))).first();
    assertContains(Formats.count(matrix.getLong(0)) + " deals of ");

    Dataset<Row> patterns = report(NegotiationPatternsSchema.NAME).filter(col(CLOSE_MONTH).between(PERIOD_START, MONTH));
    Row procurement = patterns.filter(col(BUYER_ROLE).equalTo("procurement")).agg(sum(col(OutcomeColumns.WIN_WIN.deals())), sum(col(CLASSIFIED_DEALS))).first();
    assertContains("when procurement bought, **" + Formats.percent((double) procurement.getLong(0) / procurement.getLong(1))
        + "** of classified deals were win-win (" + procurement.getLong(0) + " of " + procurement.getLong(1) + ")");
    Row atRisk = patterns.filter(col(PRICING_MODEL).isin("fee_at_risk", "gainshare"))
        .agg(sum(col(OutcomeColumns.WIN_WIN.deals())), sum(col(CLASSIFIED_DEALS))).first();
    assertContains("fee-at-risk and gainshare deals were win-win **" + Formats.percent((double) atRisk.getLong(0) / atRisk.getLong(1)) + "**");

    Row keptSelling = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).between(PERIOD_START, MONTH)
            .and(col(OUTCOME).notEqual("unclassified")).and(col(PROVIDER_MOVES_AFTER_COMMIT).gt(0)))
        .agg(count(when(col(OUTCOME).equalTo("win-win"), lit(1))), count(lit(1))).first();
    assertContains("Unselling: where we kept selling after the buyer had committed, classified deals were **"
        + Formats.percent((double) keptSelling.getLong(0) / keptSelling.getLong(1)) + "** win-win");

    Dataset<Row> accounts = report(AccountRelationshipsSchema.NAME).filter(col(AS_OF_MONTH).equalTo(MONTH));
    long converging = accounts.filter(col(TRAJECTORY).equalTo("converging")).count();
    long extraction = accounts.filter(col(TRAJECTORY).equalTo("extraction")).count();
    assertContains("Of " + Formats.count(accounts.count()) + " accounts with won deals in the 12 months to October 2026: **"
        + converging + "** converging");
    assertContains("**" + extraction + "** in extraction");

    Row judgedOnPart = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).equalTo(MONTH).and(col(OUTCOME).notEqual("unclassified")))
        .agg(count(when(col(REJECTED_INPUT_ROWS).gt(0), lit(1))), count(lit(1))).first();
    assertContains("classified deals, **" + judgedOnPart.getLong(0) + " (" + Formats.percent((double) judgedOnPart.getLong(0) / judgedOnPart.getLong(1))
        + ")** were judged although");

    Row enterpriseProcurement = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).between(PERIOD_START, MONTH)
            .and(col(SEGMENT).equalTo("enterprise")).and(col(BUYER_ROLE).equalTo("procurement")))
        .agg(count(when(col(OUTCOME).notEqual("unclassified"), lit(1))), count(lit(1))).first();
    assertContains("| enterprise | " + Formats.percent((double) enterpriseProcurement.getLong(0) / enterpriseProcurement.getLong(1))
        + " (" + enterpriseProcurement.getLong(1) + ") |");

    String runId = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).equalTo(MONTH)).select(RUN_ID).first().getString(0);
    JsonNode manifest = JSON.readTree(output.resolve("runs").resolve(runId).resolve("run_manifest.json").toFile());
    long dealsRejected = report(RejectsSchema.NAME).filter(col(RUN_ID).equalTo(runId).and(col(SOURCE).equalTo(Source.DEALS.folder()))).count();
    long dealsRead = manifest.path("sources").path(Source.DEALS.folder()).path("read").asLong();
    assertContains("| deals | " + Formats.count(dealsRead) + " | " + Formats.count(dealsRejected) + " | "
        + Formats.percent((double) dealsRejected / dealsRead) + " |");
  }

  @Test
  void htmlCarriesEveryKeyFigureOfTheMarkdown() {
    Matcher bold = Pattern.compile("\\*\\*(.+?)\\*\\*").matcher(markdown);
    List<String> figures = new ArrayList<>();
    while (bold.find()) {
      figures.add(bold.group(1));
    }
    assertTrue(figures.size() > 20, () -> "too few key figures: " + figures);
    for (String figure : figures) {
      String escaped = SummaryRenderer.escape(figure);
      assertTrue(page.contains("<strong>" + escaped + "</strong>") || page.contains("<div class=\"value\">" + escaped + "</div>"),
          () -> "the HTML does not show " + figure);
    }
  }

  @Test
  void htmlIsSelfContainedAndShowsNoSurveyComment() throws IOException {
    for (String forbidden : List.of("http:", "https:", "<script", "<link", "@import", "url(", "//fonts")) {
      assertFalse(page.contains(forbidden), () -> "summary.html contains " + forbidden);
    }
    Matcher images = Pattern.compile("<img src=\"([^\"]{0,40})").matcher(page);
    int count = 0;
    while (images.find()) {
      assertTrue(images.group(1).startsWith("data:image/png;base64,"), images.group(1));
      count++;
    }
    assertEquals(3, count, "three inline charts");
    int comments = 0;
    for (String line : surveyLines()) {
      JsonNode comment = parse(line).path("comment");
      if (comment.isTextual() && comment.asText().length() >= 12) {
        comments++;
        assertFalse(page.contains(comment.asText()) || markdown.contains(comment.asText()), () -> "a survey comment appears: " + comment);
      }
    }
    assertTrue(comments > 100, "the sample has survey comments to look for");
  }

  @Test
  void chromiumRendersTheSummaryWithoutErrorsOrRequests() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(requireChromium())) {
      HeadlessChromium.PageReport report = chromium.open(html);

      assertEquals(List.of(), report.consoleErrors(), "console errors");
      assertEquals(List.of(), report.externalRequests(html.toUri().toString()), "requests beyond the page itself");
      Row month = report(DealOutcomesSchema.NAME).filter(col(CLOSE_MONTH).equalTo(MONTH))
          .agg(count(when(col(OUTCOME).notEqual("unclassified"), lit(1))), count(when(col(OUTCOME).equalTo("win-win"), lit(1))),
              sum(col(INVOICE_AMOUNT)), count(lit(1)))
          .first();
      for (String figure : List.of("Win-win summary: October 2026", Formats.percent((double) month.getLong(1) / month.getLong(0)),
          USD.money(month.getDecimal(2)), "Pecking order:", "Commodity:", "Concession trading:", "Skin in the game:", "Data coverage")) {
        assertTrue(report.text().contains(figure), () -> "rendered text lacks " + figure + ":\n" + report.text());
      }
      assertTrue(report.screenshot().length > 50_000, "a full-page screenshot");
      Path screenshot = Path.of("target", "summary-screenshot.png");
      Files.write(screenshot, report.screenshot());
      Optional.ofNullable(System.getProperty("winwin.summary.screenshot")).filter(p -> !p.isBlank())
          .ifPresent(target -> copy(screenshot, Path.of(target)));
    }
  }

  @Test
  void chromiumCheckCatchesConsoleErrorsAndExternalRequests() throws Exception {
    Path bad = temp.resolve("bad.html");
    Files.writeString(bad, "<!DOCTYPE html><html><body><p>bad</p><img src=\"http://127.0.0.1:9/x.png\">"
        + "<script>console.error('boom')</script></body></html>");
    try (HeadlessChromium chromium = HeadlessChromium.start(requireChromium())) {
      HeadlessChromium.PageReport report = chromium.open(bad);

      assertTrue(report.consoleErrors().stream().anyMatch(e -> e.contains("boom")), () -> "missed console.error: " + report.consoleErrors());
      assertEquals(List.of("http://127.0.0.1:9/x.png"), report.externalRequests(bad.toUri().toString()));
    }
  }

  private static Path requireChromium() {
    Optional<Path> chromium = HeadlessChromium.find();
    if (chromium.isEmpty()) {
      if (System.getenv("WINWIN_REQUIRE_BROWSER") != null) {
        fail("WINWIN_REQUIRE_BROWSER is set but no chromium is on the PATH (apt-get install -y chromium)");
      }
      Assumptions.abort("no chromium on the PATH; .ci/run installs it and requires this check");
    }
    return chromium.get();
  }

  /** The bound of the 95 % Wilson interval, written out here as docs/reports.md gives it. */
  private static double wilson(long x, long n, int sign) {
    double z = 1.959964;
    return (x + z * z / 2 + sign * z * Math.sqrt((double) x * (n - x) / n + z * z / 4)) / (n + z * z);
  }

  private static Dataset<Row> report(String name) {
    return spark.read().parquet(output.resolve(name).toString());
  }

  private static void assertContains(String expected) {
    assertTrue(markdown.contains(expected), () -> "summary.md lacks \"" + expected + "\":\n" + markdown);
  }

  /** Every line of the sample's survey files, one per export month. */
  private static List<String> surveyLines() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("sample-data", "surveys"))) {
      for (Path file : files.sorted().toList()) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.toAbsolutePath().getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
