package dev.winwin.schema;

/**
 * Column names that several aggregated reports share, so that a measure has one name everywhere.
 * The columns of {@code deal_outcomes} are in {@link Columns}; those of one report only, in its
 * schema class.
 */
public final class ReportColumns {
  private ReportColumns() {}

  public static final String DEALS = "deals";
  public static final String DEALS_WON = "deals_won";
  public static final String DEALS_LOST = "deals_lost";
  public static final String WIN_RATE = "win_rate";
  public static final String INVOICE_REVENUE = "invoice_revenue";
  public static final String MEAN_SATISFACTION = "mean_satisfaction";
  public static final String CLASSIFIED_DEALS = "classified_deals";
  public static final String WIN_WIN_SHARE_OF_CLASSIFIED = "win_win_share_of_classified";
  /** The 95 % Wilson interval of {@link #WIN_WIN_SHARE_OF_CLASSIFIED}. */
  public static final String WIN_WIN_SHARE_OF_CLASSIFIED_LOW = "win_win_share_of_classified_low";
  public static final String WIN_WIN_SHARE_OF_CLASSIFIED_HIGH = "win_win_share_of_classified_high";
  /** The row's month has too few won deals classified yet: its figures will move. */
  public static final String PROVISIONAL = "provisional";
}
