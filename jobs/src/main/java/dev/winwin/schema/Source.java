package dev.winwin.schema;

import static dev.winwin.schema.Columns.*;
import static dev.winwin.schema.Field.optional;
import static dev.winwin.schema.Field.optionalEnum;
import static dev.winwin.schema.Field.required;
import static dev.winwin.schema.Field.requiredEnum;
import static dev.winwin.schema.FieldKind.DATE;
import static dev.winwin.schema.FieldKind.CURRENCY;
import static dev.winwin.schema.FieldKind.MONEY;
import static dev.winwin.schema.FieldKind.RATE;
import static dev.winwin.schema.FieldKind.INTEGER;
import static dev.winwin.schema.FieldKind.YEAR_MONTH;
import static dev.winwin.schema.FieldKind.TEXT;
import static dev.winwin.schema.FieldKind.TIMESTAMP;

import java.util.List;
import java.util.Optional;

/** The input sources of DOMAIN §2: folder name, fields, and the column that identifies a row. */
public enum Source {
  DEALS("deals", true, DEAL_ID, List.of(
      required(DEAL_ID, TEXT),
      required(UPDATED_AT, TIMESTAMP),
      required(ACCOUNT_ID, TEXT),
      optional(ACCOUNT_NAME, TEXT),
      required(SEGMENT, TEXT),
      required(REGION, TEXT),
      required(REP_ID, TEXT),
      required(OFFERING, TEXT),
      requiredEnum(OFFERING_TYPE, "commodity", "differentiated"),
      optionalEnum(BUYER_ROLE, "procurement", "business", "executive"),
      optionalEnum(SOURCING, "direct", "rfp", "reverse_auction", "renewal"),
      optionalEnum(PRICING_MODEL, "fixed", "time_and_materials", "fee_at_risk", "gainshare"),
      requiredEnum(STAGE, "won", "lost", "open"),
      optional(CREATED_DATE, DATE),
      optional(COMMIT_DATE, DATE),
      // required for won and lost deals only: see the rule catalogue
      optional(CLOSE_DATE, DATE),
      required(Columns.CURRENCY, CURRENCY),
      required(LIST_AMOUNT, MONEY),
      // required for won deals only: see the rule catalogue
      optional(INVOICE_AMOUNT, MONEY),
      optional(AT_RISK_AMOUNT, MONEY),
      optional(LOSS_REASON, TEXT))),

  PRICE_ADJUSTMENTS("price_adjustments", false, ADJUSTMENT_ID, List.of(
      required(ADJUSTMENT_ID, TEXT),
      required(DEAL_ID, TEXT),
      requiredEnum(ELEMENT, "rebate", "payment_terms", "freight", "free_service", "other"),
      required(AMOUNT, MONEY),
      required(Columns.CURRENCY, CURRENCY),
      optionalEnum(TRADED_FOR, "prepay", "term", "volume", "reference", "none"))),

  COST_LINES("cost_lines", true, COST_ID, List.of(
      required(COST_ID, TEXT),
      required(DEAL_ID, TEXT),
      requiredEnum(COST_TYPE, "cogs", "delivery_labor", "subcontract", "cost_to_serve", "warranty"),
      required(AMOUNT, MONEY),
      required(Columns.CURRENCY, CURRENCY),
      optional(PERIOD_MONTH, YEAR_MONTH))),

  SURVEYS("surveys", true, RESPONSE_ID, List.of(
      required(RESPONSE_ID, TEXT),
      required(DEAL_ID, TEXT),
      optional(ACCOUNT_ID, TEXT),
      requiredEnum(RESPONDENT_ROLE, "decision_maker", "influencer", "end_user"),
      requiredEnum(INSTRUMENT, "csat", "nps"),
      required(SCORE, INTEGER),
      optional(RESPONDED_AT, TIMESTAMP),
      optional(COMMENT, TEXT))),

  NEGOTIATION_EVENTS("negotiation_events", false, EVENT_ID, List.of(
      required(EVENT_ID, TEXT),
      required(DEAL_ID, TEXT),
      required(SEQ, INTEGER),
      optional(AT, TIMESTAMP),
      requiredEnum(PARTY, "provider", "client"),
      requiredEnum(KIND, "offer", "counter", "concession", "trade"),
      required(VALUE_DELTA, MONEY))),

  // Required only when more than one currency appears: without it every foreign-currency row is
  // rejected as unknown_currency, which the quality gate then reports.
  FX_RATES("fx_rates", false, null, List.of(
      required(MONTH, YEAR_MONTH),
      required(Columns.CURRENCY, CURRENCY),
      required(RATE_TO_BASE, RATE)));

  private final String folder;
  private final boolean requiredFolder;
  private final String idColumn;
  private final List<Field> fields;

  Source(String folder, boolean requiredFolder, String idColumn, List<Field> fields) {
    this.folder = folder;
    this.requiredFolder = requiredFolder;
    this.idColumn = idColumn;
    this.fields = fields;
  }

  public String folder() {
    return folder;
  }

  public boolean requiredFolder() {
    return requiredFolder;
  }

  /** The column that must be unique per row, if the source has one (deals: per version). */
  public Optional<String> idColumn() {
    return Optional.ofNullable(idColumn);
  }

  public List<Field> fields() {
    return fields;
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** True for sources whose rows hang off a deal and must point at one. */
  public boolean isDealChild() {
    return this != DEALS && this != FX_RATES;
  }
}
