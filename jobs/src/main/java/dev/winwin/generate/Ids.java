package dev.winwin.generate;

/**
 * Sequential ids per source, shared by the simulator and the defect injector so that every
 * injected row gets a fresh id that no clean row uses.
 */
final class Ids {
  private int deal;
  private int adjustment;
  private int cost;
  private int response;
  private int event;

  String nextDeal() {
    return String.format("D%05d", ++deal);
  }

  String nextAdjustment() {
    return String.format("PA%06d", ++adjustment);
  }

  String nextCost() {
    return String.format("C%07d", ++cost);
  }

  String nextResponse() {
    return String.format("S%06d", ++response);
  }

  String nextEvent() {
    return String.format("E%07d", ++event);
  }

  /** A deal id that no deal row will ever carry: orphans point here. */
  String orphanDeal(int n) {
    return String.format("D%d", 900000 + n);
  }
}
