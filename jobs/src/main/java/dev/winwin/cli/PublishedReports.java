package dev.winwin.cli;

import java.util.List;

import dev.winwin.report.AccountRelationshipsReport;
import dev.winwin.report.DealOutcomesReport;
import dev.winwin.report.MarginSatisfactionMatrixReport;
import dev.winwin.report.MonthlySummaryReport;
import dev.winwin.report.NegotiationPatternsReport;
import dev.winwin.report.RejectsReport;
import dev.winwin.report.RepScorecardReport;

/** The seven reports every run publishes (DOMAIN §7), in the order the command line lists them. */
final class PublishedReports {
  static final List<String> NAMES = List.of(DealOutcomesReport.NAME, MonthlySummaryReport.NAME,
      MarginSatisfactionMatrixReport.NAME, AccountRelationshipsReport.NAME, RepScorecardReport.NAME,
      NegotiationPatternsReport.NAME, RejectsReport.NAME);

  private PublishedReports() {}
}
