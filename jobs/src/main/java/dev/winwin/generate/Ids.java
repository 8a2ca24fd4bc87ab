package dev.winwin.generate;

/**
 * Sequential ids per source, shared by the simulator and the defect injector so that every
 * injected row gets a fresh id that no clean row uses.
 */
final class Ids {
  /** Empty for a history written in one piece; the chunk number when chunks are written in parallel. */
  private final String prefix;
  private int deal;
  private int adjustment;
  private int cost;
  private int response;
  private int event;

  Ids(String prefix) {
    this.prefix = prefix;
  }

  String nextDeal() {
    return id("D", 5, ++deal);
  }

  String nextAdjustment() {
    return id("PA", 6, ++adjustment);
  }

  String nextCost() {
    return id("C", 7, ++cost);
  }

  String nextResponse() {
    return id("S", 6, ++response);
  }

  String nextEvent() {
    return id("E", 7, ++event);
  }

  /** {@code letters}, the prefix, then {@code n} zero-padded to {@code width}: String.format is slow at millions. */
  private String id(String letters, int width, int n) {
    String digits = Integer.toString(n);
    StringBuilder id = new StringBuilder(letters.length() + prefix.length() + Math.max(width, digits.length()));
    id.append(letters).append(prefix);
    for (int pad = digits.length(); pad < width; pad++) {
      id.append('0');
    }
    return id.append(digits).toString();
  }

  /** A deal id that no deal row will ever carry: orphans point here. */
  String orphanDeal(int n) {
    return String.format("D%s%d", prefix, 900000 + n);
  }
}
