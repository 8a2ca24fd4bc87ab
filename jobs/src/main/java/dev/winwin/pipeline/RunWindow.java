package dev.winwin.pipeline;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The close months a run processes, both ends included.
 *
 * @param first the earliest close month
 * @param last the latest close month, the run's month
 */
public record RunWindow(YearMonth first, YearMonth last) {
  public RunWindow {
    if (first.isAfter(last)) {
      throw new IllegalArgumentException("The window starts at " + first + ", after its end " + last + ".");
    }
  }

  /** The restatement window of a monthly run: the run month and the {@code restateMonths - 1} before it. */
  public static RunWindow restating(YearMonth month, int restateMonths) {
    return new RunWindow(month.minusMonths(restateMonths - 1L), month);
  }

  /** Every month of the window as {@code yyyy-MM}, in order. */
  public List<String> months() {
    List<String> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m.toString());
    }
    return months;
  }
}
