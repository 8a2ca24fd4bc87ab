package dev.winwin.summary;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import dev.winwin.Version;
import dev.winwin.io.Location;

/**
 * The leadership one-pager of a close month: read from the published reports, rendered as
 * {@code summary.html} (self-contained, with charts) and {@code summary.md} (the same numbers),
 * and published atomically under {@code <output>/summary/<yyyy-MM>/}. Not part of the report
 * snapshot: it is derived from it and can be re-rendered at any time.
 */
public final class Summary {
  public static final String HTML = "summary.html";
  public static final String MARKDOWN = "summary.md";

  static {
    // Before any AWT class loads (the charts): a server has no display.
    System.setProperty("java.awt.headless", "true");
  }

  private Summary() {}

  /**
   * @param outputRoot the output root the reports are published under
   * @param currency the base currency the reports' money is in
   * @return the month's summary folder
   * @throws dev.winwin.UserError if nothing is published under {@code outputRoot}, or not {@code month}
   */
  public static Location render(SparkSession spark, Location outputRoot, YearMonth month, String currency) {
    SummaryFigures figures = SummaryReader.read(spark, outputRoot, month, currency);
    String root = outputRoot.toString();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(HTML, SummaryRenderer.html(SummaryDocument.of(figures, true, Version.get(), root)));
    files.put(MARKDOWN, SummaryRenderer.markdown(SummaryDocument.of(figures, false, Version.get(), root)));
    return SummaryPublisher.publish(outputRoot, month, files);
  }
}
