package dev.winwin.cli;

import static dev.winwin.cli.CliRun.winwin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.testing.TestSpark;

/**
 * {@code winwin summary} and the summary at the end of {@code monthly} on a two-deal input:
 * D1 win-win, D2 lose-lose (worked out in {@link EndToEndTest}).
 */
class SummaryCommandTest {
  @TempDir
  Path temp;

  private Path input;
  private Path output;

  @BeforeEach
  void writeInput() throws IOException {
    TestSpark.session();
    input = temp.resolve("input");
    output = temp.resolve("out");
    write("deals/deals.csv",
        "deal_id,updated_at,account_id,account_name,segment,region,rep_id,offering,offering_type,buyer_role,sourcing,pricing_model,stage,created_date,commit_date,close_date,currency,list_amount,invoice_amount,at_risk_amount,loss_reason",
        "D1,2026-10-20T10:00:00Z,A1,Acme,enterprise,emea,R1,Advisory,differentiated,executive,direct,fixed,won,2026-08-01,2026-10-10,2026-10-20,USD,1000,1000,,",
        "D2,2026-10-21T10:00:00Z,A2,Beta,enterprise,emea,R2,Hosting,commodity,procurement,rfp,fixed,won,,,2026-10-21,USD,1000,800,,");
    write("cost_lines/costs.csv", "cost_id,deal_id,cost_type,amount,currency,period_month",
        "C1,D1,delivery_labor,700,USD,2026-10", "C2,D2,cogs,800,USD,2026-10");
    write("surveys/responses.jsonl",
        "{\"response_id\":\"S1\",\"deal_id\":\"D1\",\"respondent_role\":\"decision_maker\",\"instrument\":\"csat\",\"score\":4,\"responded_at\":\"2026-11-02T09:00:00Z\",\"comment\":\"a private remark nobody else should read\"}",
        "{\"response_id\":\"S2\",\"deal_id\":\"D2\",\"respondent_role\":\"influencer\",\"instrument\":\"nps\",\"score\":3,\"responded_at\":\"2026-11-03T09:00:00Z\"}");
  }

  @Test
  void monthlyRendersTheSummaryAndSummaryRerendersIt() throws IOException {
    CliRun monthly = winwin("monthly", "--month", "2026-10", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, monthly.exitCode(), monthly.err());
    Path folder = output.resolve("summary").resolve("2026-10");
    assertTrue(monthly.out().contains("Summary of 2026-10: " + folder.resolve("summary.html")), monthly.out());
    String markdown = Files.readString(folder.resolve("summary.md"));
    assertTrue(markdown.contains("- Win-win share: **50.0%** (of 2 classified deals"), markdown);
    assertTrue(markdown.contains("| Win-win | 1 | $1,000 | 55.6% |"), markdown);
    assertFalse(markdown.contains("private remark") || Files.readString(folder.resolve("summary.html")).contains("private remark"));
    Path firstRender = Files.readSymbolicLink(folder);

    CliRun again = winwin("summary", "--month", "2026-10", "--output", output.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertFalse(firstRender.equals(Files.readSymbolicLink(folder)), "a fresh render replaces the link");
    assertEquals(markdown, Files.readString(folder.resolve("summary.md")));
  }

  @Test
  void noSummarySkipsItAndSummaryOfAnUnpublishedOutputOrMonthIsOneSentence() {
    CliRun nothing = winwin("summary", "--month", "2026-10", "--output", output.toString());
    assertEquals(1, nothing.exitCode());
    assertTrue(nothing.err().contains("No published report at"), nothing.err());

    CliRun monthly = winwin("monthly", "--month", "2026-10", "--no-summary", "--input", input.toString(), "--output", output.toString());
    assertEquals(0, monthly.exitCode(), monthly.err());
    assertFalse(Files.exists(output.resolve("summary")));

    CliRun otherMonth = winwin("summary", "--month", "2025-01", "--output", output.toString());
    assertEquals(1, otherMonth.exitCode());
    assertTrue(otherMonth.err().contains("Close month 2025-01 is not published under"), otherMonth.err());
  }

  private void write(String relative, String... lines) throws IOException {
    Path file = input.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
