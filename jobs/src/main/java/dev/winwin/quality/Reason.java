package dev.winwin.quality;

/**
 * The reason codes a rejected row carries (DOMAIN §3); codes with a column name it after a colon.
 * No code contains a comma: a row's codes are stored joined by {@link #SEPARATOR}.
 */
public final class Reason {
  private Reason() {}

  /** Joins a row's reason codes in staged and judged rows. */
  public static final String SEPARATOR = ",";

  public static final String MALFORMED_ROW = "malformed_row";
  public static final String DUPLICATE_ID = "duplicate_id";
  public static final String UNKNOWN_CURRENCY = "unknown_currency";
  /** A foreign currency without a rate for the deal's close month. */
  public static final String MISSING_FX_RATE = "missing_fx_rate";
  public static final String ORPHAN_DEAL = "orphan:deal_id";

  public static String missingField(String column) {
    return "missing_field:" + column;
  }

  public static String outOfRange(String column) {
    return "out_of_range:" + column;
  }
}
