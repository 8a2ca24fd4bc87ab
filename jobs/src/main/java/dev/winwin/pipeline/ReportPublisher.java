package dev.winwin.pipeline;

import static dev.winwin.schema.Columns.OUTCOME;
import static dev.winwin.schema.Columns.WINNING_PARTY;
import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import dev.winwin.ConcurrentActions;
import dev.winwin.Version;
import dev.winwin.io.ParquetReportWriter;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.schema.AccountRelationshipsSchema;
import dev.winwin.schema.DealOutcomesSchema;
import dev.winwin.schema.MarginSatisfactionMatrixSchema;
import dev.winwin.schema.MonthlySummarySchema;
import dev.winwin.schema.NegotiationPatternsSchema;
import dev.winwin.schema.RejectsSchema;
import dev.winwin.schema.RepScorecardSchema;
import dev.winwin.schema.ReportSchema;

/** Writes a run's reports into its new snapshot, side by side, and switches the published name to it. */
final class ReportPublisher {
  // The run's log lines keep the runner's name: users and the README know them by it.
  private static final Logger LOG = LogManager.getLogger(Runner.class);

  private ReportPublisher() {}

  /**
   * One report of a run: its declared schema (name and partition column), its rows, and the
   * partitions this run replaces.
   */
  private record ReportOutput(ReportSchema schema, Dataset<Row> rows, ReportSnapshot.Replacing replaced) {
    String name() {
      return schema.name();
    }

    String partitionColumn() {
      return schema.partitionColumn();
    }
  }

  /**
   * Writes every report of {@code window} and publishes the snapshot; times the phases
   * {@code write_reports} and {@code publish}.
   *
   * @return the window's won deals per outcome, {@code win-lose} split by winner (the manifest's {@code outcomes})
   */
  static Map<String, Long> publish(ReportSnapshot snapshot, String runId, Pipeline.Reports reports, RunWindow window, PhaseTimer timer) {
    // Every report derives from the classified deals of the run's scope: compute them once.
    Dataset<Row> scope = reports.scopeOutcomes().persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> outcomes = reports.dealOutcomes();
    ReportSnapshot.Replacing months = ReportSnapshot.Replacing.partitions(Set.copyOf(window.months()));
    ReportSnapshot.Replacing asOf = ReportSnapshot.Replacing.partitions(Set.of(window.last().toString()));
    write(snapshot, runId, List.of(
        new ReportOutput(DealOutcomesSchema.SCHEMA, outcomes, months),
        new ReportOutput(MonthlySummarySchema.SCHEMA, reports.monthlySummary(), months),
        new ReportOutput(MarginSatisfactionMatrixSchema.SCHEMA, reports.marginSatisfactionMatrix(), months),
        new ReportOutput(AccountRelationshipsSchema.SCHEMA, reports.accountRelationships(), asOf),
        new ReportOutput(RepScorecardSchema.SCHEMA, reports.repScorecard(), months),
        new ReportOutput(NegotiationPatternsSchema.SCHEMA, reports.negotiationPatterns(), months),
        // DOMAIN §7: rejects holds the latest run's rows only; older runs' are in their snapshots and manifests.
        new ReportOutput(RejectsSchema.SCHEMA, reports.rejects(), ReportSnapshot.Replacing.whole())));
    timer.lap("write_reports");
    Map<String, Long> outcomeCounts = outcomeCounts(outcomes);
    snapshot.publish();
    timer.lap("publish");
    scope.unpersist();
    return outcomeCounts;
  }

  /**
   * Writes every report into the run's staging, side by side (they share the cached outcomes and
   * nothing else), then moves them into the new snapshot one after the other.
   */
  private static void write(ReportSnapshot snapshot, String runId, List<ReportOutput> outputs) {
    Map<String, Supplier<Boolean>> writes = new LinkedHashMap<>();
    for (ReportOutput output : outputs) {
      writes.put(output.name(), () -> {
        LOG.info("Writing {}", output.name());
        ParquetReportWriter.write(output.rows(), snapshot.stagingDir(output.name()), output.partitionColumn(), runId, Version.get());
        return true;
      });
    }
    ConcurrentActions.run(writes);
    for (ReportOutput output : outputs) {
      snapshot.commitPartitions(output.name(), output.partitionColumn(), output.replaced());
    }
  }

  private static Map<String, Long> outcomeCounts(Dataset<Row> outcomes) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : outcomes.groupBy(col(OUTCOME), col(WINNING_PARTY)).count().collectAsList()) {
      String outcome = row.getString(0);
      String key = "win-lose".equals(outcome) ? outcome + " (" + row.getString(1) + ")" : outcome;
      counts.merge(key, row.getLong(2), Long::sum);
    }
    return counts;
  }
}
