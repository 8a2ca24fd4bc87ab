package dev.winwin.summary;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.winwin.summary.SummaryFigures.Matrix;
import dev.winwin.summary.SummaryFigures.MonthFigures;
import dev.winwin.summary.SummaryFigures.Outcome;

/**
 * The summary's charts, drawn with XChart into PNG images (at twice their display size, so they
 * stay sharp on high-density screens) and returned as {@code data:} URIs for inline embedding.
 * Headless: no display is needed, but text needs fonts (Debian: {@code fontconfig fonts-dejavu-core}).
 */
final class SummaryCharts {
  static {
    // Before any AWT class loads: a server has no display.
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 460;
  static final int HEIGHT = 260;
  private static final int SCALE = 2;
  private static final String FONT = "DejaVu Sans";
  static final Map<Outcome, Color> COLORS = Map.of(
      Outcome.WIN_WIN, new Color(0x2e7d32),
      Outcome.WIN_LOSE_PROVIDER, new Color(0x1565c0),
      Outcome.WIN_LOSE_CLIENT, new Color(0xf9a825),
      Outcome.LOSE_LOSE, new Color(0xc62828),
      Outcome.UNCLASSIFIED, new Color(0xbdbdbd));

  private SummaryCharts() {}

  /**
   * Win-win share of classified deals with its 95 % interval (dashed), and the unclassified share of
   * won deals, per published month; a provisional month's label carries the mark.
   */
  static String trend(List<MonthFigures> months) {
    CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisDecimalPattern("0'%'");
    Color interval = new Color(0x81c784);
    chart.getStyler().setSeriesColors(new Color[] {COLORS.get(Outcome.WIN_WIN), interval, interval, new Color(0x9e9e9e)});
    List<String> labels = new ArrayList<>();
    List<Double> winWin = new ArrayList<>();
    List<Double> low = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    List<Double> unclassified = new ArrayList<>();
    for (MonthFigures month : months) {
      labels.add(SummaryDocument.monthLabel(month));
      winWin.add(month.winWin().value().map(v -> v * 100).orElse(null));
      low.add(month.winWinInterval().map(i -> i.low().doubleValue() * 100).orElse(null));
      high.add(month.winWinInterval().map(i -> i.high().doubleValue() * 100).orElse(null));
      unclassified.add(month.unclassified().value().map(v -> v * 100).orElse(null));
    }
    chart.addSeries("Win-win, % of classified deals", labels, winWin).setMarker(SeriesMarkers.CIRCLE);
    for (CategorySeries bound : List.of(chart.addSeries("95% interval", labels, low), chart.addSeries("95% interval, upper", labels, high))) {
      bound.setMarker(SeriesMarkers.NONE);
      bound.setLineStyle(SeriesLines.DASH_DASH);
    }
    chart.getSeriesMap().get("95% interval, upper").setShowInLegend(false);
    chart.addSeries("Not yet classified, % of won deals", labels, unclassified).setMarker(SeriesMarkers.NONE);
    return dataUri(chart);
  }

  /** Invoice revenue per month, stacked by outcome, in thousands or millions of the base currency. */
  static String revenueByOutcome(List<YearMonth> months, Map<YearMonth, Map<Outcome, BigDecimal>> revenue, String currency) {
    CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
    style(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setYAxisMin(0.0);
    BigDecimal largest = revenue.values().stream()
        .map(amounts -> amounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
    boolean millions = largest.compareTo(new BigDecimal("1000000")) >= 0;
    int shift = millions ? 6 : 3;
    chart.getStyler().setYAxisDecimalPattern(millions ? "#,##0.#'M'" : "#,##0'K'");
    chart.setYAxisTitle(currency);
    List<String> labels = months.stream().map(Formats::shortMonth).toList();
    List<Color> colors = new ArrayList<>();
    for (Outcome outcome : Outcome.values()) {
      List<Double> values = new ArrayList<>();
      for (YearMonth month : months) {
        BigDecimal amount = revenue.getOrDefault(month, Map.of()).getOrDefault(outcome, BigDecimal.ZERO);
        values.add(amount.movePointLeft(shift).doubleValue());
      }
      chart.addSeries(outcome.shortLabel(), labels, values);
      colors.add(COLORS.get(outcome));
    }
    chart.getStyler().setSeriesColors(colors.toArray(Color[]::new));
    return dataUri(chart);
  }

  /** Deals by pocket-margin band (x) and satisfaction band (y), the count in each cell. */
  static String matrix(Matrix matrix) {
    // The themed constructor: the plain one leaves the heat map's styler half initialised.
    HeatMapChart chart = new HeatMapChart(WIDTH, HEIGHT + 40, Styler.ChartTheme.XChart);
    HeatMapStyler styler = chart.getStyler();
    chart.setXAxisTitle("Pocket margin");
    chart.setYAxisTitle("Satisfaction (0-100)");
    styler.setChartTitleVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setLegendVisible(false);
    styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 10));
    styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 11));
    styler.setShowValue(true);
    styler.setValueFont(new Font(FONT, Font.BOLD, 11));
    styler.setValueFontColor(new Color(0x102a43));
    styler.setRangeColors(new Color[] {new Color(0xf7f7f7), new Color(0xa5d6a7), new Color(0x43a047)});
    long max = 1;
    List<Number[]> cells = new ArrayList<>();
    for (int m = 0; m < matrix.marginBands().size(); m++) {
      for (int s = 0; s < matrix.satisfactionBands().size(); s++) {
        cells.add(new Number[] {m, s, matrix.deals()[m][s]});
        max = Math.max(max, matrix.deals()[m][s]);
      }
    }
    styler.setMin(0);
    styler.setMax(max);
    if (!cells.isEmpty()) {
      chart.addSeries("deals", matrix.marginBands().stream().map(Formats::band).toList(),
          matrix.satisfactionBands().stream().map(Formats::band).toList(), cells);
    }
    return dataUri(chart);
  }

  private static void style(Styler styler) {
    styler.setBaseFont(new Font(FONT, Font.PLAIN, 11));
    styler.setChartTitleVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setLegendFont(new Font(FONT, Font.PLAIN, 9));
    styler.setLegendPadding(4);
    styler.setLegendSeriesLineLength(12);
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartPadding(6);
    styler.setAntiAlias(true);
    if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
      axes.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 10));
      axes.setAxisTitleFont(new Font(FONT, Font.PLAIN, 11));
      axes.setPlotGridVerticalLinesVisible(false);
      axes.setAxisTicksMarksVisible(false);
    }
  }

  private static <S extends Styler, T extends Series> String dataUri(Chart<S, T> chart) {
    BufferedImage image = new BufferedImage(chart.getWidth() * SCALE, chart.getHeight() * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(SCALE, SCALE);
      chart.paint(g, chart.getWidth(), chart.getHeight());
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
