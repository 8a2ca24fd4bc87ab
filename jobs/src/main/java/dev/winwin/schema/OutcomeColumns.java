package dev.winwin.schema;

/**
 * The outcomes as the aggregated reports count them, win-lose split by who won it; each gives
 * {@code <key>_deals}, {@code <key>_share} and, in {@code monthly_summary}, {@code <key>_revenue_share}.
 */
public enum OutcomeColumns {
  WIN_WIN("win_win"),
  WIN_LOSE_PROVIDER("win_lose_provider"),
  WIN_LOSE_CLIENT("win_lose_client"),
  LOSE_LOSE("lose_lose"),
  UNCLASSIFIED("unclassified");

  /** How docs/reports.md writes the five columns of one pattern: {@code <outcome>_deals}. */
  public static final String PLACEHOLDER = "<outcome>";

  private final String key;

  OutcomeColumns(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** Won deals with this outcome. */
  public String deals() {
    return key + "_deals";
  }

  /** Their share of won deals. */
  public String share() {
    return key + "_share";
  }

  /** Their share of invoice revenue. */
  public String revenueShare() {
    return key + "_revenue_share";
  }
}
