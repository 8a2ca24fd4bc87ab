package dev.winwin.quality;

import static dev.winwin.quality.Validation.ACCEPTED;
import static dev.winwin.quality.Validation.REJECTED;
import static dev.winwin.quality.Validation.SUPERSEDED;
import static dev.winwin.schema.Columns.DEAL_ID;
import static dev.winwin.schema.Columns.DEAL_WON_MONTH;
import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.FX_RATE;
import static dev.winwin.schema.Columns.GROUP_MONTH;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.STATUS;
import static dev.winwin.testing.RowAssert.assertNumber;
import static dev.winwin.testing.RowAssert.assertRow;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.winwin.schema.Source;
import dev.winwin.stage.FileTable;
import dev.winwin.testing.RawRows;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.StagedInput;
import dev.winwin.testing.TestSpark;

/**
 * A judgement started from an earlier one gives what a judgement of the whole input gives, after a
 * new deal version, a removed file, new copies of child ids (one in a file that sorts before the
 * earlier copy) and a new month of rates; and it judges again only the deals those name. The
 * expected verdicts are worked out by hand below.
 */
class RejudgementTest {
  private static final String BASE = "USD";

  @Test
  void judgesAgainWhatNewChangedAndRemovedFilesNameAndEqualsAWholeJudgement() {
    Map<Source, List<Row>> before = new EnumMap<>(Source.class);
    before.put(Source.DEALS, List.of(
        deal("deals/a.csv", 2, "D1", "2026-03-20T10:00:00Z", "2026-03-15", "USD"),
        deal("deals/a.csv", 3, "D3", "2026-03-20T10:00:00Z", "2026-03-15", "USD"),
        deal("deals/a.csv", 4, "D6", "2026-04-20T10:00:00Z", "2026-04-15", "EUR"),
        deal("deals/a.csv", 5, "D7", "2026-03-20T10:00:00Z", "2026-03-15", "USD"),
        deal("deals/b.csv", 2, "D2", "2026-03-20T10:00:00Z", "2026-03-15", "USD")));
    before.put(Source.COST_LINES, List.of(
        cost("cost_lines/a.csv", 2, "C1", "D1", "USD"),
        cost("cost_lines/a.csv", 3, "C2", "D2", "USD"),
        cost("cost_lines/a.csv", 4, "C3", "D3", "USD"),
        cost("cost_lines/a.csv", 5, "C5", "D7", "USD"),
        cost("cost_lines/a.csv", 6, "C6", "D6", "EUR"),
        cost("cost_lines/a.csv", 7, "C7", "D7", "USD")));
    before.put(Source.SURVEYS, List.of(RawRows.row(Source.SURVEYS, "surveys/a.jsonl", 1, Map.of("deal_id", "D2"))));
    before.put(Source.FX_RATES, List.of(RawRows.row(Source.FX_RATES, "fx_rates/a.csv", 2, Map.of())));

    // deals/b.csv is removed; a later version of D1, C5 again in a file sorting before a.csv, C3
    // again after it, and EUR's rate for 2026-04 arrive.
    Map<Source, List<Row>> after = new EnumMap<>(before);
    after.put(Source.DEALS, List.of(before.get(Source.DEALS).get(0), before.get(Source.DEALS).get(1), before.get(Source.DEALS).get(2),
        before.get(Source.DEALS).get(3), deal("deals/c.csv", 2, "D1", "2026-04-20T10:00:00Z", "2026-04-10", "USD")));
    List<Row> costs = new ArrayList<>(before.get(Source.COST_LINES));
    costs.add(cost("cost_lines/0.csv", 2, "C5", "D7", "USD"));
    costs.add(cost("cost_lines/b.csv", 2, "C3", "D3", "USD"));
    after.put(Source.COST_LINES, costs);
    after.put(Source.FX_RATES, List.of(before.get(Source.FX_RATES).get(0),
        RawRows.row(Source.FX_RATES, "fx_rates/b.csv", 2, Map.of("month", "2026-04", "rate_to_base", "1.20"))));

    Map<String, Integer> ids = new HashMap<>(Map.of("deals/a.csv", 0, "deals/b.csv", 1, "cost_lines/a.csv", 2, "surveys/a.jsonl", 3,
        "fx_rates/a.csv", 4));
    FileTable filesBefore = files(ids, "deals/a.csv", "deals/b.csv", "cost_lines/a.csv", "surveys/a.jsonl", "fx_rates/a.csv");
    Map<Source, Dataset<Row>> judgedBefore = Validation.validate(StagedInput.stage(RawRows.sources(before), filesBefore),
        filesBefore.table(TestSpark.session()), BASE, StagedInput.IN_MEMORY);
    ids.remove("deals/b.csv");
    ids.putAll(Map.of("deals/c.csv", 5, "cost_lines/0.csv", 6, "cost_lines/b.csv", 7, "fx_rates/b.csv", 8));
    FileTable filesAfter = files(ids, "deals/a.csv", "deals/c.csv", "cost_lines/0.csv", "cost_lines/a.csv", "cost_lines/b.csv",
        "surveys/a.jsonl", "fx_rates/a.csv", "fx_rates/b.csv");
    Map<Source, Dataset<Row>> stagedAfter = StagedInput.stage(RawRows.sources(after), filesAfter);

    Map<String, Dataset<Row>> materialized = new HashMap<>();
    Rejudgement.Judgement judgement = Rejudgement.validate(stagedAfter, filesAfter.table(TestSpark.session()), BASE,
        new Rejudgement.Previous(judgedBefore, Set.of(5, 6, 7, 8), Set.of(1), false), (name, rows) -> {
          Dataset<Row> computed = rows.localCheckpoint();
          materialized.put(name, computed);
          return computed;
        });
    Map<Source, Dataset<Row>> rejudged = judgement.sources();
    assertFalse(judgement.whole());
    Map<Source, Dataset<Row>> whole = Validation.validate(stagedAfter, filesAfter.table(TestSpark.session()), BASE,
        StagedInput.IN_MEMORY);

    for (Source source : Source.values()) {
      assertEquals(sorted(whole.get(source), whole.get(source).columns()), sorted(rejudged.get(source), whole.get(source).columns()),
          source.folder());
    }
    // D1 has a new version, D2's file is gone, D6 closed in the month whose rate arrived; D3 and D7
    // are judged again only where a new copy of a child id names them.
    assertEquals(List.of("D1", "D2", "D6"), ids(materialized.get(Rejudgement.CHANGED_DEALS)));
    // C1 and C2 hang off changed deals, C3 and C5 have new copies; C6 hangs off D6
    assertEquals(List.of("C1", "C2", "C3", "C5", "C6"), ids(materialized.get(Rejudgement.changedIdsName(Source.COST_LINES))));
    // only the rows judged again are materialised: D1's two versions, D6
    assertEquals(3, materialized.get(Source.DEALS.folder()).count());

    Map<String, Row> deals = RowAssert.byKey(rejudged.get(Source.DEALS), FILE_ID, ROW_NUMBER);
    assertRow(deals, "0/2", STATUS, SUPERSEDED);
    assertRow(deals, "5/2", STATUS, ACCEPTED, GROUP_MONTH, "2026-04");
    assertRow(deals, "0/4", STATUS, ACCEPTED, REASONS, List.of());
    assertNumber(deals, "0/4", FX_RATE, "1.20");
    assertRow(deals, "0/5", STATUS, ACCEPTED);
    Map<String, Row> costLines = RowAssert.byKey(rejudged.get(Source.COST_LINES), FILE_ID, ROW_NUMBER);
    assertRow(costLines, "2/2", STATUS, ACCEPTED, DEAL_WON_MONTH, "2026-04", GROUP_MONTH, "2026-04");
    assertRow(costLines, "2/3", STATUS, REJECTED, REASONS, List.of("orphan:deal_id"));
    assertRow(costLines, "2/4", STATUS, ACCEPTED);
    assertRow(costLines, "7/2", STATUS, REJECTED, REASONS, List.of("duplicate_id"));
    assertRow(costLines, "6/2", STATUS, ACCEPTED);
    assertRow(costLines, "2/5", STATUS, REJECTED, REASONS, List.of("duplicate_id"));
    assertRow(costLines, "2/6", STATUS, ACCEPTED, REASONS, List.of());
    assertNumber(costLines, "2/6", FX_RATE, "1.20");
    assertRow(costLines, "2/7", STATUS, ACCEPTED);
    assertRow(RowAssert.byKey(rejudged.get(Source.SURVEYS), FILE_ID, ROW_NUMBER), "3/1", STATUS, REJECTED,
        REASONS, List.of("orphan:deal_id"));
  }

  @Test
  void judgesEveryRowWhenTheFxTableNamesAnotherCurrency() {
    Map<Source, List<Row>> before = new EnumMap<>(Source.class);
    before.put(Source.DEALS, List.of(deal("deals/a.csv", 2, "D1", "2026-03-20T10:00:00Z", "2026-03-15", "GBP")));
    before.put(Source.FX_RATES, List.of(RawRows.row(Source.FX_RATES, "fx_rates/a.csv", 2, Map.of())));
    Map<Source, List<Row>> after = new EnumMap<>(before);
    after.put(Source.FX_RATES, List.of(before.get(Source.FX_RATES).get(0),
        RawRows.row(Source.FX_RATES, "fx_rates/b.csv", 2, Map.of("currency", "GBP", "rate_to_base", "1.30"))));
    Map<String, Integer> ids = new HashMap<>(Map.of("deals/a.csv", 0, "fx_rates/a.csv", 1, "fx_rates/b.csv", 2));
    FileTable filesBefore = files(ids, "deals/a.csv", "fx_rates/a.csv");
    Map<Source, Dataset<Row>> judgedBefore = Validation.validate(StagedInput.stage(RawRows.sources(before), filesBefore),
        filesBefore.table(TestSpark.session()), BASE, StagedInput.IN_MEMORY);
    FileTable filesAfter = files(ids, "deals/a.csv", "fx_rates/a.csv", "fx_rates/b.csv");

    Rejudgement.Judgement judgement = Rejudgement.validate(StagedInput.stage(RawRows.sources(after), filesAfter),
        filesAfter.table(TestSpark.session()), BASE, new Rejudgement.Previous(judgedBefore, Set.of(2), Set.of(), false),
        StagedInput.IN_MEMORY);

    assertTrue(judgement.whole(), "a currency the earlier judgement did not know can change any row");
    // D1 was unknown_currency before; it is judged again although no deal file changed
    assertRow(RowAssert.byKey(judgement.sources().get(Source.DEALS), FILE_ID, ROW_NUMBER), "0/2", STATUS, ACCEPTED, REASONS, List.of());
  }

  @Test
  void namesTheMonthsWhoseRatesChangedUnlessTheCurrenciesDiffer() {
    Map<String, Map<String, Object>> before = Map.of(
        "2026-03", Map.of("EUR", new BigDecimal("1.10"), "GBP", new BigDecimal("1.30")),
        "2026-04", Map.of("EUR", new BigDecimal("1.12")));
    Map<String, Map<String, Object>> after = Map.of(
        "2026-03", Map.of("EUR", new BigDecimal("1.10"), "GBP", new BigDecimal("1.31")),
        "2026-04", Map.of("EUR", new BigDecimal("1.12")),
        "2026-05", Map.of("GBP", new BigDecimal("1.29")));

    assertEquals(Optional.of(Set.of("2026-03", "2026-05")), Rejudgement.changedRateMonths(before, after));
    assertEquals(Optional.of(Set.of()), Rejudgement.changedRateMonths(before, before));
    assertTrue(Rejudgement.changedRateMonths(before, Map.of("2026-03", Map.of("EUR", new BigDecimal("1.10")))).isEmpty(),
        "GBP is no longer known: every row is judged again");
  }

  private static List<String> ids(Dataset<Row> ids) {
    return ids.collectAsList().stream().map(row -> row.getString(0)).sorted().toList();
  }

  private static Row deal(String file, long row, String id, String updatedAt, String closeDate, String currency) {
    return RawRows.row(Source.DEALS, file, row, Map.of("deal_id", id, "updated_at", updatedAt, "close_date", closeDate,
        "currency", currency));
  }

  private static Row cost(String file, long row, String id, String dealId, String currency) {
    return RawRows.row(Source.COST_LINES, file, row, Map.of("cost_id", id, "deal_id", dealId, "currency", currency));
  }

  /** The files with the given ids, ranked by path within each source. */
  private static FileTable files(Map<String, Integer> ids, String... paths) {
    Map<String, Integer> ranks = new HashMap<>();
    Map<String, Integer> next = new HashMap<>();
    Arrays.stream(paths).sorted().forEach(path -> ranks.put(path, next.merge(path.substring(0, path.indexOf('/')), 1, Integer::sum) - 1));
    Map<String, Integer> used = new HashMap<>();
    ranks.keySet().forEach(path -> used.put(path, ids.get(path)));
    return new FileTable(used, ranks);
  }

  private static List<String> sorted(Dataset<Row> rows, String[] columns) {
    return rows.select(Arrays.stream(columns).map(name -> col(name)).toArray(Column[]::new)).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }
}
