package dev.winwin.schema;

import java.util.List;

/** Every report a run publishes, in the order the docs and the console list them. */
public final class ReportSchemas {
  public static final List<ReportSchema> ALL = List.of(
      DealOutcomesSchema.SCHEMA,
      MonthlySummarySchema.SCHEMA,
      MarginSatisfactionMatrixSchema.SCHEMA,
      AccountRelationshipsSchema.SCHEMA,
      RepScorecardSchema.SCHEMA,
      NegotiationPatternsSchema.SCHEMA,
      RejectsSchema.SCHEMA);

  private ReportSchemas() {}
}
