package dev.winwin.generate;

/**
 * Sequential ids per source, shared by the simulator and the defect injector so that every
 * injected row gets a fresh id that no clean row uses.
 */
final class Ids {
  /** Empty for a history simulated in one piece; the chunk number when it is simulated in chunks. */
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

  /**
   * {@code letters}, the prefix, then {@code n} zero-padded to {@code width}. Written straight into
   * one array, digits from the right, because every row needs an id: String.format and even a
   * StringBuilder cost a noticeable share of the generator's time.
   */
  private String id(String letters, int width, int n) {
    int head = letters.length() + prefix.length();
    char[] id = new char[head + Math.max(width, digitCount(n))];
    letters.getChars(0, letters.length(), id, 0);
    prefix.getChars(0, prefix.length(), id, letters.length());
    int rest = n;
    for (int i = id.length - 1; i >= head; i--) {
      id[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    return new String(id);
  }

  private static int digitCount(int n) {
    int digits = 1;
    for (int rest = n / 10; rest > 0; rest /= 10) {
      digits++;
    }
    return digits;
  }

  /** A deal id that no deal row will ever carry: orphans point here. */
  String orphanDeal(int n) {
    return String.format("D%s%d", prefix, 900000 + n);
  }
}
