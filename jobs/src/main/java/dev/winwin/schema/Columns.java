package dev.winwin.schema;

/** Column names of the sources (DOMAIN §2) and of the reports (DOMAIN §7), in one place. */
public final class Columns {
  private Columns() {}

  // deals
  public static final String DEAL_ID = "deal_id";
  public static final String UPDATED_AT = "updated_at";
  public static final String ACCOUNT_ID = "account_id";
  public static final String ACCOUNT_NAME = "account_name";
  public static final String SEGMENT = "segment";
  public static final String REGION = "region";
  public static final String REP_ID = "rep_id";
  public static final String OFFERING = "offering";
  public static final String OFFERING_TYPE = "offering_type";
  public static final String BUYER_ROLE = "buyer_role";
  public static final String SOURCING = "sourcing";
  public static final String PRICING_MODEL = "pricing_model";
  public static final String STAGE = "stage";
  public static final String CREATED_DATE = "created_date";
  public static final String COMMIT_DATE = "commit_date";
  public static final String CLOSE_DATE = "close_date";
  public static final String CURRENCY = "currency";
  public static final String LIST_AMOUNT = "list_amount";
  public static final String INVOICE_AMOUNT = "invoice_amount";
  public static final String AT_RISK_AMOUNT = "at_risk_amount";
  public static final String LOSS_REASON = "loss_reason";

  // price_adjustments
  public static final String ADJUSTMENT_ID = "adjustment_id";
  public static final String ELEMENT = "element";
  public static final String AMOUNT = "amount";
  public static final String TRADED_FOR = "traded_for";

  // cost_lines
  public static final String COST_ID = "cost_id";
  public static final String COST_TYPE = "cost_type";
  public static final String PERIOD_MONTH = "period_month";

  // surveys
  public static final String RESPONSE_ID = "response_id";
  public static final String RESPONDENT_ROLE = "respondent_role";
  public static final String INSTRUMENT = "instrument";
  public static final String SCORE = "score";
  public static final String RESPONDED_AT = "responded_at";
  public static final String COMMENT = "comment";

  // negotiation_events
  public static final String EVENT_ID = "event_id";
  public static final String SEQ = "seq";
  public static final String AT = "at";
  public static final String PARTY = "party";
  public static final String KIND = "kind";
  public static final String VALUE_DELTA = "value_delta";

  // fx_rates
  public static final String MONTH = "month";
  public static final String RATE_TO_BASE = "rate_to_base";

  // lineage of every input row, added at ingest
  public static final String SOURCE = "source";
  public static final String SOURCE_FILE = "source_file";
  public static final String ROW_NUMBER = "row_number";
  public static final String RAW = "raw";
  public static final String REASONS = "reasons";
  /** The staged store's number for an input file; the run's file table maps it to its path. */
  public static final String FILE_ID = "file_id";
  /** A file's place among its source's files in path order, by which "the first row" is decided. */
  public static final String FILE_RANK = "file_rank";
  /** The row rules' reason codes of a staged row, joined by commas; null when it broke none. */
  public static final String ROW_REASONS = "row_reasons";
  public static final String STATUS = "status";
  /**
   * Set by validation on the rows of a deal's child source: the close month of their deal when that
   * deal is won, null otherwise; later steps take a won deal's children without joining the deals.
   */
  public static final String DEAL_WON_MONTH = "deal_won_month";

  /**
   * Set by validation on the rows of deals and their children: the close month of the deal's
   * latest version, or {@link #NO_GROUP_MONTH}. The judged rows are stored partitioned by it, so a
   * run reads only the months it reports on, and every row of a deal, with its children, lies in
   * one partition.
   */
  public static final String GROUP_MONTH = "group_month";
  /** The group month of a deal without a close date (open, or never read), and of rows without a deal. */
  public static final String NO_GROUP_MONTH = "none";
  /** Set by validation on deal versions: true for the latest version of each deal, the one that wins. */
  public static final String LATEST_VERSION = "latest_version";

  // metrics and classification (DOMAIN §4, §5)
  public static final String CLOSE_MONTH = "close_month";
  public static final String FX_RATE = "fx_rate";
  public static final String ON_INVOICE_DISCOUNT_PCT = "on_invoice_discount_pct";
  public static final String PRICE_ADJUSTMENTS = "price_adjustments";
  public static final String POCKET_REVENUE = "pocket_revenue";
  public static final String DELIVERY_COST = "delivery_cost";
  public static final String COST_LINES = "cost_lines";
  public static final String POCKET_MARGIN = "pocket_margin";
  public static final String POCKET_MARGIN_PCT = "pocket_margin_pct";
  public static final String PRICE_REALISATION = "price_realisation";
  public static final String AT_RISK_SHARE = "at_risk_share";
  public static final String SATISFACTION = "satisfaction";
  public static final String SATISFIED_SHARE = "satisfied_share";
  public static final String RESPONSES = "responses";
  public static final String CSAT_RESPONSES = "csat_responses";
  public static final String NPS_RESPONSES = "nps_responses";
  public static final String CONCESSION_ASYMMETRY = "concession_asymmetry";
  public static final String PROVIDER_MOVES_AFTER_COMMIT = "provider_moves_after_commit";
  public static final String VALUE_GIVEN_AFTER_COMMIT = "value_given_after_commit";
  public static final String MARGIN_TARGET = "margin_target";
  public static final String MARGIN_GAP = "margin_gap";
  public static final String PROVIDER_RESULT = "provider_result";
  public static final String CLIENT_RESULT = "client_result";
  public static final String OUTCOME = "outcome";
  public static final String WINNING_PARTY = "winning_party";
  public static final String BORDERLINE = "borderline";
  public static final String UNCLASSIFIED_REASON = "unclassified_reason";
  public static final String REJECTED_INPUT_ROWS = "rejected_input_rows";
  public static final String RUN_ID = "run_id";
}
