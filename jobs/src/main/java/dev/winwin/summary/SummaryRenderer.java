package dev.winwin.summary;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link SummaryDocument} as one self-contained HTML page (inline CSS, charts as
 * {@code data:} images, no script, no external font or request) and as Markdown.
 */
final class SummaryRenderer {
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final String CSS = """
      :root { color-scheme: light; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #f4f5f7; color: #1f2933; font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1060px; margin: 0 auto; padding: 24px 20px 32px; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 16px; margin: 0 0 8px; color: #102a43; }
      .subtitle { margin: 0 0 18px; color: #52606d; }
      .tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin-bottom: 16px; }
      .tile { background: #fff; border-radius: 8px; padding: 12px 14px; border-top: 4px solid #2e7d32; }
      .tile .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #52606d; }
      .tile .value { font-size: 26px; font-weight: bold; margin: 2px 0; }
      .tile .detail { font-size: 12px; color: #52606d; }
      .flow { columns: 2; column-gap: 14px; }
      section { background: #fff; border-radius: 8px; padding: 14px 16px; margin: 0 0 14px; break-inside: avoid; }
      p { margin: 0 0 8px; }
      img { display: block; width: 100%; max-width: 460px; height: auto; margin: 6px auto 8px; }
      table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 6px 0; }
      th, td { padding: 3px 6px; border-bottom: 1px solid #e4e7eb; text-align: right; white-space: nowrap; }
      th:first-child, td:first-child { text-align: left; white-space: normal; }
      th { color: #52606d; font-weight: normal; }
      section.wide table { width: auto; min-width: 62%; }
      section.wide td, section.wide th { padding-left: 18px; }
      .note { font-size: 12px; color: #616e7c; }
      footer { margin-top: 14px; font-size: 11px; color: #7b8794; }
      """;

  private SummaryRenderer() {}

  static String html(SummaryDocument doc) {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // Nothing may load from elsewhere: the page is read offline and mailed around.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(escape(doc.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>").append(escape(doc.title())).append("</h1>\n")
        .append("<p class=\"subtitle\">").append(escape(doc.subtitle())).append("</p>\n<div class=\"tiles\">\n");
    for (SummaryDocument.Tile tile : doc.tiles()) {
      out.append("<div class=\"tile\"><div class=\"label\">").append(escape(tile.label())).append("</div><div class=\"value\">")
          .append(escape(tile.value())).append("</div><div class=\"detail\">").append(escape(tile.detail())).append("</div></div>\n");
    }
    out.append("</div>\n");
    boolean inFlow = false;
    for (SummaryDocument.Section section : doc.sections()) {
      // Narrow sections flow into two balanced columns; a wide one ends the flow and spans the page.
      if (section.wide() == inFlow) {
        out.append(inFlow ? "</div>\n" : "<div class=\"flow\">\n");
        inFlow = !inFlow;
      }
      section(out, section);
    }
    if (inFlow) {
      out.append("</div>\n");
    }
    out.append("<footer>").append(escape(doc.footer())).append("</footer>\n</main>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void section(StringBuilder out, SummaryDocument.Section section) {
    out.append(section.wide() ? "<section class=\"wide\">" : "<section>").append("\n<h2>").append(escape(section.title())).append("</h2>\n");
    for (String sentence : section.sentences()) {
      out.append("<p>").append(bold(escape(sentence))).append("</p>\n");
    }
    section.chart().ifPresent(uri -> out.append("<img src=\"").append(uri).append("\" alt=\"").append(escape(section.chartAlt()))
        .append("\" width=\"").append(SummaryCharts.WIDTH).append("\">\n"));
    for (SummaryDocument.Table table : section.tables()) {
      if (!(table.behindChart() && section.chart().isPresent())) {
        table(out, table);
      }
    }
    for (String note : section.notes()) {
      out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
    out.append("</section>\n");
  }

  static String markdown(SummaryDocument doc) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(doc.title()).append("\n\n").append(doc.subtitle()).append("\n\n");
    for (SummaryDocument.Tile tile : doc.tiles()) {
      out.append("- ").append(tile.label()).append(": **").append(tile.value()).append("** (").append(tile.detail()).append(")\n");
    }
    for (SummaryDocument.Section section : doc.sections()) {
      out.append("\n## ").append(section.title()).append("\n\n");
      for (String sentence : section.sentences()) {
        out.append(sentence).append("\n\n");
      }
      for (SummaryDocument.Table table : section.tables()) {
        out.append(row(table.header()));
        out.append(row(table.header().stream().map(h -> table.header().indexOf(h) == 0 ? "---" : "---:").toList()));
        table.rows().forEach(r -> out.append(row(r)));
        out.append("\n");
      }
      for (String note : section.notes()) {
        out.append("_").append(note).append("_\n\n");
      }
    }
    out.append("---\n").append(doc.footer()).append("\n");
    return out.toString();
  }

  private static void table(StringBuilder out, SummaryDocument.Table table) {
    out.append("<table>\n<thead><tr>");
    table.header().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
  }

  private static String bold(String escaped) {
    Matcher matcher = BOLD.matcher(escaped);
    return matcher.replaceAll(r -> "<strong>" + Matcher.quoteReplacement(r.group(1)) + "</strong>");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
