package dev.winwin.cli;

import java.util.List;

import dev.winwin.schema.ReportSchema;
import dev.winwin.schema.ReportSchemas;

/** The seven reports every run publishes (DOMAIN §7), in the order the command line lists them. */
final class PublishedReports {
  static final List<String> NAMES = ReportSchemas.ALL.stream().map(ReportSchema::name).toList();

  private PublishedReports() {}
}
