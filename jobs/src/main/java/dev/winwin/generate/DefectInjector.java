package dev.winwin.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Adds bad rows to a clean history, each with exactly one defect whose reason code (DOMAIN.md §3)
 * it carries ({@link Line#reason}), at random positions among the lines, exported in the month of
 * the row it was made from.
 *
 * <p>A bad row never changes how another row is judged. It is an extra row with a fresh id built
 * from a valid one (a deal with a fresh deal_id has no children; a child row joins a deal that
 * keeps all its clean rows; an fx row gets a month before the range that no deal uses), or, for
 * {@code duplicate_id}, an exact copy placed after its original. Cross-field checks cannot fire on
 * a row whose number is missing or unreadable: that row has only the one reason.
 *
 * <p>Per source, {@code round(share × clean rows)} bad rows are injected, cycling through the
 * defect kinds in order, but at least one of every kind as long as that stays within 4% of the
 * source, so that the default 5% quality gate still passes.
 */
final class DefectInjector {
  private static final double COVERAGE_LIMIT = 0.04;
  private static final String BAD_NUMBER = "12,5x";
  private static final String BAD_DATE = "2026-13-45";
  private static final String BAD_TIMESTAMP = "2026-02-30T25:61:00Z";
  private static final String UNKNOWN_CURRENCY = "XXX";
  private static final String MALFORMED_ROW = "malformed_row";

  /** One kind of defect: its reason code and how it corrupts a valid row with a fresh id. */
  private record Defect(String reason, boolean duplicate, UnaryOperator<Line> corrupt) {
    static Defect of(String reason, UnaryOperator<Line> corrupt) {
      return new Defect(reason, false, corrupt);
    }
  }

  /** An exact copy of a clean row, placed after it: same id (for deals, same version time). */
  private static final Defect DUPLICATE =
      new Defect("duplicate_id", true, UnaryOperator.identity());

  private final Draw draw;
  private final Ids ids;
  private final FxCurve fx;
  private final Map<String, Line> lastEventByDeal = new LinkedHashMap<>();
  /** Won clean deals and the deals with events, listed once: injected rows are drawn from them. */
  private List<Line> wonDeals;
  private List<String> eventDeals;
  private int orphans;
  private int freshMonths;

  private DefectInjector(Draw draw, Ids ids, FxCurve fx) {
    this.draw = draw;
    this.ids = ids;
    this.fx = fx;
  }

  /** Injects bad rows into {@code lines} in place. */
  static void inject(EnumMap<Source, List<Line>> lines, OutputFormat format, double share, Draw draw, Ids ids, FxCurve fx) {
    DefectInjector injector = new DefectInjector(draw, ids, fx);
    for (Source source : Source.values()) {
      injector.inject(source, format.of(source), lines.get(source), share);
    }
  }

  static int badRowCount(int cleanRows, double share, int kinds) {
    if (share <= 0) {
      return 0;
    }
    int coverage = Math.min(kinds, (int) Math.floor(cleanRows * COVERAGE_LIMIT));
    return Math.max(coverage, (int) Math.round(cleanRows * share));
  }

  private void inject(Source source, Source.Format format, List<Line> lines, double share) {
    List<Defect> defects = defects(source, format);
    List<Line> clean = List.copyOf(lines);
    int count = clean.isEmpty() ? 0 : badRowCount(clean.size(), share, defects.size());
    if (source == Source.NEGOTIATION_EVENTS && count > 0) {
      int deal = source.index("deal_id");
      clean.forEach(line -> lastEventByDeal.put(line.value(deal), line));
    }
    for (int i = 0; i < count; i++) {
      Defect defect = defects.get(i % defects.size());
      if (defect.duplicate()) {
        Line original = draw.any(clean);
        insertAfter(lines, original, original.copy().rejectedFor(defect.reason()));
      } else {
        lines.add(draw.between(0, lines.size()), defect.corrupt().apply(fresh(source, clean)).rejectedFor(defect.reason()));
      }
    }
  }

  private void insertAfter(List<Line> lines, Line original, Line copy) {
    int at = 0;
    while (lines.get(at) != original) {
      at++;
    }
    lines.add(draw.between(at + 1, lines.size()), copy);
  }

  /** A valid row that no clean row conflicts with, made from a random clean row. */
  private Line fresh(Source source, List<Line> clean) {
    return switch (source) {
      case DEALS -> {
        if (wonDeals == null) {
          int stage = source.index("stage");
          wonDeals = clean.stream().filter(line -> "won".equals(line.value(stage))).toList();
        }
        yield draw.any(wonDeals).with(0, ids.nextDeal());
      }
      case PRICE_ADJUSTMENTS -> draw.any(clean).with(0, ids.nextAdjustment());
      case COST_LINES -> draw.any(clean).with(0, ids.nextCost());
      case SURVEYS -> draw.any(clean).with(0, ids.nextResponse());
      case NEGOTIATION_EVENTS -> nextEvent(source);
      case FX_RATES -> draw.any(clean).with(0, fx.first().minusMonths(++freshMonths).toString());
    };
  }

  /** The move after a deal's last one, so seq and time stay in order. */
  private Line nextEvent(Source source) {
    if (eventDeals == null) {
      // Injected events only extend deals that already have events: the key set never changes.
      eventDeals = new ArrayList<>(lastEventByDeal.keySet());
    }
    String deal = draw.any(eventDeals);
    Line last = lastEventByDeal.get(deal);
    int seq = Integer.parseInt(last.value(source.index("seq"))) + 1;
    String at =
        Instant.parse(last.value(source.index("at"))).plusSeconds(60).toString();
    Line next =
        last.with(0, ids.nextEvent())
            .with(source.index("seq"), Integer.toString(seq))
            .with(source.index("at"), at);
    lastEventByDeal.put(deal, next);
    return next;
  }

  private List<Defect> defects(Source source, Source.Format format) {
    return switch (source) {
      case DEALS -> dealDefects(source, format);
      case PRICE_ADJUSTMENTS ->
          childDefects(
              source,
              format,
              List.of(
                  Defect.of("missing_field:amount", set(source, "amount", null)),
                  Defect.of("bad_number:amount", set(source, "amount", BAD_NUMBER)),
                  Defect.of("out_of_range:amount", set(source, "amount", "-250.00")),
                  Defect.of("unknown_enum:element", set(source, "element", "discount")),
                  Defect.of("unknown_enum:traded_for", set(source, "traded_for", "goodwill")),
                  Defect.of("unknown_currency", set(source, "currency", UNKNOWN_CURRENCY))));
      case COST_LINES ->
          childDefects(
              source,
              format,
              List.of(
                  Defect.of("missing_field:amount", set(source, "amount", null)),
                  Defect.of("bad_number:amount", set(source, "amount", BAD_NUMBER)),
                  Defect.of("bad_date:period_month", set(source, "period_month", "2026-13")),
                  Defect.of("unknown_enum:cost_type", set(source, "cost_type", "travel")),
                  Defect.of("unknown_currency", set(source, "currency", UNKNOWN_CURRENCY)),
                  Defect.of("missing_field:cost_type", set(source, "cost_type", null))));
      case SURVEYS ->
          childDefects(
              source,
              format,
              List.of(
                  Defect.of("missing_field:score", set(source, "score", null)),
                  Defect.of("bad_number:score", set(source, "score", "4x")),
                  Defect.of("out_of_range:score", DefectInjector::scoreOffScale),
                  Defect.of(
                      "bad_timestamp:responded_at",
                      set(source, "responded_at", BAD_TIMESTAMP)),
                  Defect.of("unknown_enum:instrument", set(source, "instrument", "ces")),
                  Defect.of(
                      "unknown_enum:respondent_role", set(source, "respondent_role", "cfo"))));
      case NEGOTIATION_EVENTS ->
          childDefects(
              source,
              format,
              List.of(
                  Defect.of("missing_field:party", set(source, "party", null)),
                  Defect.of("bad_number:value_delta", set(source, "value_delta", BAD_NUMBER)),
                  Defect.of("out_of_range:value_delta", set(source, "value_delta", "-125.00")),
                  Defect.of("bad_timestamp:at", set(source, "at", BAD_TIMESTAMP)),
                  Defect.of("unknown_enum:party", set(source, "party", "mediator")),
                  Defect.of("unknown_enum:kind", set(source, "kind", "threat")),
                  Defect.of("bad_number:seq", set(source, "seq", "2nd"))));
      case FX_RATES -> {
        List<Defect> defects = new ArrayList<>(List.of(
            Defect.of("missing_field:rate_to_base", set(source, "rate_to_base", null)),
            Defect.of("bad_number:rate_to_base", set(source, "rate_to_base", BAD_NUMBER)),
            Defect.of("bad_date:month", set(source, "month", "2025-13")),
            DUPLICATE));
        // A file of a few hundred rows has room for one kind of broken line within the 4%.
        defects.addAll(malformedRows(source, format).stream().limit(1).toList());
        yield defects;
      }
    };
  }

  /**
   * Deal defects. Money defects keep the other amounts consistent: an unreadable or zero list or
   * invoice leaves nothing for a cross-field rule to compare.
   */
  private List<Defect> dealDefects(Source source, Source.Format format) {
    int stage = source.index("stage");
    List<Defect> defects = new ArrayList<>(List.of(
        Defect.of("missing_field:account_id", set(source, "account_id", null)),
        Defect.of("bad_number:list_amount", set(source, "list_amount", BAD_NUMBER)),
        Defect.of("bad_date:close_date", set(source, "close_date", BAD_DATE)),
        Defect.of("bad_timestamp:updated_at", set(source, "updated_at", BAD_TIMESTAMP)),
        Defect.of("unknown_enum:stage", set(source, "stage", "maybe")),
        Defect.of("unknown_currency", set(source, "currency", UNKNOWN_CURRENCY)),
        Defect.of(
            "out_of_range:list_amount",
            line ->
                line.with(stage, "lost")
                    .with(source.index("commit_date"), null)
                    .with(source.index("invoice_amount"), null)
                    .with(source.index("at_risk_amount"), null)
                    .with(source.index("loss_reason"), "price")
                    .with(source.index("list_amount"), "0.00")),
        Defect.of("out_of_range:invoice_amount", line -> scaleInvoice(source, line, 1.6)),
        Defect.of("out_of_range:at_risk_amount", line -> atRiskAboveInvoice(source, line)),
        DUPLICATE));
    defects.addAll(malformedRows(source, format));
    defects.addAll(List.of(
        Defect.of("missing_field:list_amount", set(source, "list_amount", null)),
        Defect.of(
            "bad_number:invoice_amount",
            line ->
                line.with(source.index("at_risk_amount"), null)
                    .with(source.index("invoice_amount"), BAD_NUMBER)),
        Defect.of("missing_field:close_date", set(source, "close_date", null)),
        Defect.of("unknown_enum:offering_type", set(source, "offering_type", "premium")),
        Defect.of("unknown_enum:buyer_role", set(source, "buyer_role", "cfo"))));
    return defects;
  }

  /** The defects every child source has, after its own: orphan, duplicate and, where the format allows, malformed rows. */
  private List<Defect> childDefects(Source source, Source.Format format, List<Defect> own) {
    List<Defect> defects = new ArrayList<>(own);
    defects.add(
        Defect.of(
            "orphan:deal_id",
            line -> line.with(source.index("deal_id"), ids.orphanDeal(++orphans))));
    defects.add(DUPLICATE);
    defects.addAll(malformedRows(source, format));
    return defects;
  }

  /**
   * The ways a line of {@code format} breaks, the commonest first. A Parquet file has no lines to
   * break (a writer either writes a row whole or fails), so none is injected there and the
   * expected counts stay what validation finds.
   */
  private static List<Defect> malformedRows(Source source, Source.Format format) {
    return switch (format) {
      case CSV -> List.of(
          Defect.of(MALFORMED_ROW, DefectInjector::tooFewColumns), Defect.of(MALFORMED_ROW, DefectInjector::unclosedQuote));
      case JSONL -> List.of(Defect.of(MALFORMED_ROW, line -> truncatedJson(source, line)));
      case PARQUET -> List.of();
    };
  }

  private static UnaryOperator<Line> set(Source source, String column, String value) {
    int index = source.index(column);
    return line -> line.with(index, value);
  }

  private static Line scoreOffScale(Line line) {
    Source source = Source.SURVEYS;
    boolean csat = "csat".equals(line.value(source.index("instrument")));
    return line.with(source.index("score"), csat ? "6" : "11");
  }

  /** Invoice above list; the amount at risk, within the old invoice, stays within the new one. */
  private static Line scaleInvoice(Source source, Line line, double factor) {
    double list = Double.parseDouble(line.value(source.index("list_amount")));
    return line.with(source.index("invoice_amount"), Draw.money(list * factor));
  }

  private static Line atRiskAboveInvoice(Source source, Line line) {
    double invoice = Double.parseDouble(line.value(source.index("invoice_amount")));
    return line.with(source.index("at_risk_amount"), Draw.money(invoice * 1.25 + 1));
  }

  /** The row without its last two fields. */
  private static Line tooFewColumns(Line line) {
    String[] values = line.values();
    String[] shorter = Arrays.copyOf(values, values.length - 2);
    return line.asRaw(TableWriter.csv(shorter));
  }

  /**
   * The second field opens a quote that is never closed. The rest carries no other quote, so no
   * parser can find a closing one later on the line. An RFC 4180 reader reads on into the next
   * lines for it and finds no record of the header's width starting here, so, as DOMAIN.md §2
   * says, this line alone is {@code malformed_row} and reading goes on with the next line.
   */
  private static Line unclosedQuote(Line line) {
    String[] values = line.values();
    StringBuilder text = new StringBuilder(values[0]).append(",\"");
    for (int i = 1; i < values.length; i++) {
      text.append(i > 1 ? "," : "").append(values[i] == null ? "" : values[i].replace("\"", ""));
    }
    return line.asRaw(text.toString());
  }

  /** A JSON object cut off after the key of its middle column, as a crashed export leaves it. */
  private static Line truncatedJson(Source source, Line line) {
    String json = TableWriter.json(source, line.values());
    String key = "\"" + source.columns().get(source.columns().size() / 2) + "\":";
    return line.asRaw(json.substring(0, json.indexOf(key) + key.length()));
  }
}
