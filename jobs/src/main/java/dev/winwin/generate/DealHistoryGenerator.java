package dev.winwin.generate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winwin.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a realistic, reproducible B2B deal history: the six input sources of DOMAIN.md §2 plus
 * {@code expected_rejects.json}, which says how many bad rows were injected per source and reason.
 * Plain Java (no Spark), so tests and the command line can make an input tree in a second.
 *
 * <h2>Files: one per source and export month</h2>
 * Each row is written to the file of the month it would have been exported in, flat in its
 * source's folder: {@code deals/deals_2026-10}, {@code price_adjustments/price_adjustments_2026-10},
 * {@code cost_lines/cost_lines_2026-10}, {@code surveys/responses_2026-10}, {@code
 * negotiation_events/events_2026-10}, {@code fx_rates/fx_rates_2026-10}, each with the extension
 * of its format ({@link OutputFormat}): by default the mixed layout of the bundled sample, {@code
 * .jsonl} for surveys and events and {@code .csv} for the rest; or every source as {@code .csv},
 * {@code .jsonl} or {@code .parquet} (every column a UTF-8 string, see {@link ParquetRows}). The
 * export month of a row (UTC) is:
 * <ul>
 *   <li>a deal version: the month of its {@code updated_at};
 *   <li>a price adjustment, which has no date of its own: the month of its deal's final version,
 *       as a CRM exports the off-invoice terms with the closed deal;
 *   <li>a cost line: its {@code period_month}, as finance books it;
 *   <li>a survey response: the month of its {@code responded_at};
 *   <li>a negotiation event, which has only the time of the move: the month of its {@code at};
 *   <li>an FX rate: its {@code month}.
 * </ul>
 * A bad row is exported with the row it was made from. Every deal has a version exported when it
 * is created (an open version on its created date), before any of its child rows, so as of no
 * month does a child row point at a deal that has not been exported, except the orphans injected
 * on purpose.
 *
 * <p>{@link Options#asOf} writes only the rows exported by the end of that month. The simulated
 * history is the same whatever the as-of month ({@code end} decides it), so the files of an earlier
 * as-of month are exactly the files of a later one whose month is not after it, byte for byte,
 * and a file of month X never changes when later months are added. {@code expected_rejects.json}
 * counts what was written, so it is exact for every as-of month.
 *
 * <p>A history of more than one chunk of {@link #CHUNK_DEALS} deals is written in at most {@link
 * #MAX_PARTS} parts, in parallel; each part appends its chunks to its own file per source and
 * month, named with {@code -part-00003}, so there are at most eight files per source and month at
 * any size. Dates are {@code yyyy-MM-dd}, months {@code yyyy-MM}, timestamps ISO-8601 in UTC with
 * {@code Z}, money has two decimals in the row's currency.
 *
 * <h2>Distributions</h2>
 * <ul>
 *   <li><b>Cast.</b> One account per twelve deals (20–250): segment enterprise 25%, mid-market
 *       35%, public-sector 15%, smb 25%; region na 40%, emea 35%, apac 15%, latam 10%; 25 reps
 *       R001–R025 by region; seven offerings, four differentiated and three commodity.
 *   <li><b>Deals.</b> 10% are open (created in the last six months, no close date); the rest close
 *       over {@code months} months ending at {@code end}, with mild growth and a quarter-end rush.
 *       Closed deals are won about 61% of the time (so about 55% won, 35% lost, 10% open overall),
 *       more with executive buyers and renewals, less with procurement and reverse auctions. Every
 *       deal is first exported as created: an open version on its created date, list up to 15%
 *       above the final one. About 10% of deals have one or two more earlier versions: open
 *       snapshots with a higher list, and sometimes a same-stage invoice correction hours before
 *       the final version.
 *   <li><b>Currency.</b> USD in na and latam, EUR/GBP/USD (40/25/35) in emea, AUD/USD
 *       (40/60) in apac: about 70% USD.
 *       fx_rates holds every month from twelve months before the first close month to {@code
 *       end}, for USD (1.0000), EUR, GBP and AUD (random walks from 1.08, 1.27, 0.66).
 *   <li><b>Price.</b> List price is log-normal (σ 0.7) around a segment median: enterprise 240k,
 *       public-sector 130k, mid-market 70k, smb 18k USD. The on-invoice discount is 4% plus 7% for
 *       commodities, 4% for procurement buyers, 8% for reverse auctions, 3% for RFPs, minus 2% for
 *       executives, plus a rep bias and more the more one-sided the negotiation. Fees at risk put
 *       10–30% of the invoice at risk, gainshares 15–40%, other models rarely any.
 *   <li><b>Waterfall.</b> About 40% of won deals have 1–3 price adjustments worth 1–12% of the
 *       invoice; 95% have cost lines totalling list × a cost ratio (about 0.65 differentiated,
 *       0.71 commodity, minus 0.04 with skin in the game, noise σ 0.07), so pocket margins spread
 *       from about −10% to 50% around the 0.30 / 0.15 targets. Cost lines land in the close month
 *       or up to three months later, never after {@code end}; about 4% of deals carry a credit.
 *   <li><b>Satisfaction.</b> 65% of won deals get 1–4 responses (csat 60%, nps 40%) 2–150 days
 *       after close, none after {@code end}, so the latest months have fewer. A latent
 *       satisfaction around 0.55 rises by 0.12 with skin in the game, 0.08 for differentiated
 *       offerings and 0.08 for executive buyers, falls by 0.10 for procurement, 0.12 for reverse
 *       auctions, with one-sided negotiations and by 0.12 when the provider sold after the buyer's
 *       commit; scores add respondent noise on their own scale.
 *   <li><b>Negotiation.</b> Half of the won and lost deals have 2–8 events before close, and on
 *       or before the commit date when the buyer committed. The share of moves after the opening
 *       offer that are the provider's equals the deal's one-sidedness, which also deepens the
 *       discount and lowers satisfaction.
 *   <li><b>Unselling</b> (selling to a buyer who is already sold). 85% of won deals have a commit
 *       date 0–19 days before close. Of the won deals with events and a commit date at least two
 *       days before close, 35% (about 13% of all won deals) are deals where the provider kept
 *       selling: 1–3 more provider moves (offer 30%, counter 20%, concession 50%) on UTC dates
 *       after the commit date and before close. Those moves give away 2–6% of list in all (their
 *       {@code value_delta}), taken off the invoice, so the on-invoice discount is that much
 *       deeper and the pocket margin that much lower, and they lower the latent satisfaction by
 *       0.12. Nothing else about the deal makes it more or less likely, so comparing the deals
 *       with moves after the commit against the other won deals with a commit date and events
 *       measures the built-in strength.
 *   <li><b>Drift.</b> About 6% of accounts drift: over the range their cost ratio falls by 0.12
 *       (margin up) and their latent satisfaction by 0.30 (the "extraction" trajectory).
 * </ul>
 *
 * <h2>Bad rows</h2>
 * See {@link DefectInjector}: about {@code dirtyShare} of each source, every bad row with exactly
 * one reason code, counted in {@code expected_rejects.json} and the returned report. Malformed
 * lines are made the way the file's format breaks (too few columns or an unclosed quote in CSV, a
 * cut-off object in JSON Lines); Parquet files get none, since a Parquet row cannot be malformed.
 *
 * <h2>Determinism</h2>
 * Every draw comes from a {@link java.util.SplittableRandom} seeded with {@code seed} and every
 * output is written in a fixed order, so the same options give byte-identical files, however the
 * parts were scheduled. The clean rows do not depend on {@code dirtyShare}, and no row depends on
 * {@code asOf}.
 */
public final class DealHistoryGenerator {
  static final String EXPECTED_REJECTS = "expected_rejects.json";
  /** fx_rates starts this many months before the first close month, as a finance export would. */
  private static final int FX_HISTORY_MONTHS = 12;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to generate.
   *
   * @param deals number of deals (versions and bad rows come on top), 1–100,000,000
   * @param months number of close months, 1–240
   * @param end the last close month: the simulated world ends with it
   * @param seed the seed of every random draw
   * @param output the input root to write; its six source folders and expected_rejects.json are
   *     replaced, anything else in it is left alone
   * @param dirtyShare share of bad rows to inject per source, 0–0.5
   * @param chunkDeals deals simulated at a time (part of what decides the bytes: same chunk size,
   *     same files)
   * @param format the file format of the sources
   * @param asOf the last export month written, at most {@code end}: the files of what had arrived
   *     by its end
   */
  public record Options(
      int deals, int months, YearMonth end, long seed, Path output, double dirtyShare, int chunkDeals, OutputFormat format,
      YearMonth asOf) {
    /** The bundled sample's layout, in chunks of the default size, as of the end month. */
    public Options(int deals, int months, YearMonth end, long seed, Path output, double dirtyShare) {
      this(deals, months, end, seed, output, dirtyShare, CHUNK_DEALS, OutputFormat.MIXED, end);
    }

    /** Everything up to the end month. */
    public Options(int deals, int months, YearMonth end, long seed, Path output, double dirtyShare, int chunkDeals, OutputFormat format) {
      this(deals, months, end, seed, output, dirtyShare, chunkDeals, format, end);
    }

    public Options {
      if (chunkDeals < 1) {
        throw new IllegalArgumentException("chunkDeals must be positive, not " + chunkDeals);
      }
      if (deals < 1 || deals > 100_000_000) {
        throw new UserError("The number of deals must be between 1 and 100,000,000, not " + deals + ".");
      }
      if (months < 1 || months > 240) {
        throw new UserError("The number of months must be between 1 and 240, not " + months + ".");
      }
      if (end == null || output == null || format == null || asOf == null) {
        throw new UserError("The end month, the as-of month, the output folder and the format are required.");
      }
      if (asOf.isAfter(end)) {
        throw new UserError("--as-of " + asOf + " is after --end " + end
            + ": nothing arrives after the simulated history ends; give an --as-of month up to " + end + ".");
      }
      if (!(dirtyShare >= 0 && dirtyShare <= 0.5)) {
        throw new UserError("The dirty share must be between 0 and 0.5, not " + dirtyShare + ".");
      }
    }
  }

  private DealHistoryGenerator() {}

  /** Deals one chunk simulates by default: what a part holds in memory at a time. */
  public static final int CHUNK_DEALS = 50_000;

  /**
   * The most parts a history is written in, so the most files per source and export month: a few
   * parallel tasks per core of a small machine, however many deals.
   */
  public static final int MAX_PARTS = 8;

  /**
   * Writes a complete input tree in one piece; returns what was written. Histories of more than
   * one chunk of deals are written in parts by {@link ParallelGenerator}.
   */
  public static GenerationReport generate(Options options) throws IOException {
    if (parts(options) > 1) {
      throw new IllegalArgumentException("A history in more than one part is written by ParallelGenerator.");
    }
    prepare(options.output());
    GenerationReport report = writePart(options, 0);
    finish(options.output(), report);
    return report;
  }

  /** How many chunks the deals are simulated in: the same options always give the same chunks. */
  public static int chunks(Options options) {
    return (options.deals() + options.chunkDeals() - 1) / options.chunkDeals();
  }

  /** How many parts the history is written in: one per chunk, at most {@link #MAX_PARTS}. */
  public static int parts(Options options) {
    return Math.min(chunks(options), MAX_PARTS);
  }

  /** Deals of chunk {@code chunk}: the deals spread evenly, the first chunks taking one more. */
  static int dealsInChunk(Options options, int chunk) {
    int chunks = chunks(options);
    return options.deals() / chunks + (chunk < options.deals() % chunks ? 1 : 0);
  }

  /** Deals of part {@code part}: those of its consecutive chunks. */
  static int dealsInPart(Options options, int part) {
    int deals = 0;
    for (int chunk = firstChunk(options, part); chunk < firstChunk(options, part + 1); chunk++) {
      deals += dealsInChunk(options, chunk);
    }
    return deals;
  }

  /** The parts take consecutive chunks, as evenly as whole chunks allow. */
  private static int firstChunk(Options options, int part) {
    return (int) ((long) part * chunks(options) / parts(options));
  }

  /**
   * Simulates and writes part {@code part} of {@link #parts}: its chunks one after the other,
   * each chunk's lines appended to the part's file of their source and export month. Returns what
   * the part wrote.
   */
  static GenerationReport writePart(Options options, int part) throws IOException {
    String suffix = parts(options) > 1 ? String.format(Locale.ROOT, "-part-%05d", part) : "";
    PartFiles files = new PartFiles(options.output(), options.format(), suffix, options.asOf().toString());
    for (int chunk = firstChunk(options, part); chunk < firstChunk(options, part + 1); chunk++) {
      files.write(simulateChunk(options, chunk));
    }
    return files.finish();
  }

  /**
   * The lines of chunk {@code chunk} of {@link #chunks}, bad rows included: its share of the deals
   * with all their rows and its share of bad rows. Every chunk draws the same accounts, reps and FX
   * curve from the seed and its deals from a seed of its own, so chunks can be simulated in any
   * order, on any machine, and give the same lines.
   */
  private static EnumMap<Source, List<Line>> simulateChunk(Options options, int chunk) {
    int chunks = chunks(options);
    Draw root = new Draw(options.seed());
    Draw castDraw = root.fork();
    Draw fxDraw = root.fork();
    Draw historyDraw = root.fork();
    Draw defectDraw = root.fork();
    if (chunks > 1) {
      Draw chunkRoot = new Draw(options.seed() * 1_000_003L + chunk);
      historyDraw = chunkRoot.fork();
      defectDraw = chunkRoot.fork();
    }
    Ids ids = new Ids(chunks > 1 ? String.format(Locale.ROOT, "%05d-", chunk) : "");
    Catalog catalog = Catalog.draw(options.deals(), castDraw);
    YearMonth firstFxMonth = options.end().minusMonths(options.months() - 1L + FX_HISTORY_MONTHS);
    FxCurve fx = FxCurve.draw(firstFxMonth, options.end(), fxDraw);
    Options chunkOptions = new Options(dealsInChunk(options, chunk), options.months(), options.end(), options.seed(), options.output(),
        options.dirtyShare(), options.chunkDeals(), options.format(), options.asOf());
    EnumMap<Source, List<Line>> lines = DealSimulator.simulate(chunkOptions, catalog, fx, historyDraw, ids, chunk == 0);
    DefectInjector.inject(lines, options.format(), options.dirtyShare(), defectDraw, ids, fx);
    return lines;
  }

  /**
   * Removes what an earlier run wrote, so a smaller or shorter history leaves no stale files, and
   * makes the six source folders, which stay even when nothing had arrived in one by the as-of
   * month.
   */
  static void prepare(Path output) throws IOException {
    for (Source source : Source.values()) {
      Path folder = output.resolve(source.folder());
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(folder);
    }
    deleteTree(output.resolve(PartFiles.STAGING));
    Files.deleteIfExists(output.resolve(EXPECTED_REJECTS));
  }

  /** Writes {@code expected_rejects.json} for the whole history and removes the empty staging folder. */
  static void finish(Path output, GenerationReport report) throws IOException {
    deleteTree(output.resolve(PartFiles.STAGING));
    writeExpectedRejects(output, report);
  }

  /** Deletes a folder and everything under it; nothing when it does not exist. */
  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * Per source: rows written, rows a correct validation accepts, older deal versions it
   * supersedes, and rows it rejects, with the count per reason code.
   */
  private static void writeExpectedRejects(Path output, GenerationReport report)
      throws IOException {
    Map<String, Object> sources = new TreeMap<>();
    for (Source source : Source.values()) {
      String name = source.folder();
      int rows = report.rowsPerSource().get(name);
      int superseded = source == Source.DEALS ? report.supersededDealRows() : 0;
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("rows", rows);
      counts.put("accepted", rows - superseded - report.injected(name));
      counts.put("superseded", superseded);
      counts.put("rejected", report.injected(name));
      counts.put("reasons", report.injectedPerSource().get(name));
      sources.put(name, counts);
    }
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    String text = JSON.writer(printer).writeValueAsString(sources) + "\n";
    Files.writeString(output.resolve(EXPECTED_REJECTS), text, StandardCharsets.UTF_8);
  }
}
