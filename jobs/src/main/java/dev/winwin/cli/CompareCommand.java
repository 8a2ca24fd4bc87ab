package dev.winwin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.winwin.UserError;
import dev.winwin.config.Settings;
import dev.winwin.io.HadoopFiles;
import dev.winwin.io.Location;
import dev.winwin.io.ReportSnapshot;
import dev.winwin.pipeline.Runner;
import dev.winwin.schema.Columns;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compares the published reports under two output roots row for row (as multisets, run_id left out): "
        + "exit 0 when every report has the same columns and rows, 1 when any differs. For checking a cluster run "
        + "against a local one, or a rerun against the run before.")
final class CompareCommand extends SparkCommand {
  private static final int SHOWN = 5;

  @Parameters(index = "0", paramLabel = "LEFT", description = "An output root (path or Hadoop URI).")
  String left;

  @Parameters(index = "1", paramLabel = "RIGHT", description = "Another output root.")
  String right;

  @Option(names = "--report", paramLabel = "NAME", split = ",",
      description = "Reports to compare (default: all seven).")
  List<String> reports = PublishedReports.NAMES;

  @Override
  int run(Runner runner, Settings settings, PrintStream out) {
    SparkSession spark = SparkSession.active();
    var conf = spark.sparkContext().hadoopConfiguration();
    Location leftRoot = Location.of(conf, left);
    Location rightRoot = Location.of(conf, right);
    int differing = 0;
    for (String report : reports) {
      boolean leftEmpty = isEmpty(leftRoot, report);
      boolean rightEmpty = isEmpty(rightRoot, report);
      if (leftEmpty || rightEmpty) {
        if (leftEmpty && rightEmpty) {
          out.printf(Locale.ROOT, "%-28s identical: no rows%n", report);
        } else {
          out.printf(Locale.ROOT, "%-28s DIFFERENT: no rows under %s%n", report, leftEmpty ? leftRoot : rightRoot);
          differing++;
        }
        continue;
      }
      Dataset<Row> a = read(spark, leftRoot, report);
      Dataset<Row> b = read(spark, rightRoot, report);
      if (!a.schema().equals(b.schema())) {
        out.printf(Locale.ROOT, "%-28s DIFFERENT columns:%n  %s%n  %s%n", report, a.schema().simpleString(), b.schema().simpleString());
        differing++;
        continue;
      }
      long rowsA = a.count();
      long rowsB = b.count();
      Dataset<Row> onlyA = a.exceptAll(b).cache();
      Dataset<Row> onlyB = b.exceptAll(a).cache();
      long missing = onlyA.count();
      long extra = onlyB.count();
      if (missing == 0 && extra == 0) {
        out.printf(Locale.ROOT, "%-28s identical: %,d rows%n", report, rowsA);
      } else {
        differing++;
        out.printf(Locale.ROOT, "%-28s DIFFERENT: %,d vs %,d rows; %,d only in %s, %,d only in %s%n",
            report, rowsA, rowsB, missing, leftRoot, extra, rightRoot);
        onlyA.limit(SHOWN).collectAsList().forEach(r -> out.println("  < " + r.mkString("|")));
        onlyB.limit(SHOWN).collectAsList().forEach(r -> out.println("  > " + r.mkString("|")));
      }
      onlyA.unpersist();
      onlyB.unpersist();
    }
    if (differing > 0) {
      throw new UserError(differing + " of " + reports.size() + " reports differ between " + leftRoot + " and " + rightRoot + ".");
    }
    out.println("Every report is identical.");
    return 0;
  }

  /** A report without rows has no file at all: Spark writes none for an empty partitioned dataset. */
  private static boolean isEmpty(Location root, String report) {
    Location published = ReportSnapshot.publishedReport(root, report);
    try {
      return HadoopFiles.filesEndingWith(published, ".parquet").isEmpty();
    } catch (IOException e) {
      throw new UserError("Cannot list the report " + report + " under " + published + ": " + e.getMessage(), e);
    }
  }

  /** The published report, columns in name order, without the run id that differs between runs. */
  private static Dataset<Row> read(SparkSession spark, Location root, String report) {
    Dataset<Row> rows = spark.read().parquet(ReportSnapshot.publishedReport(root, report).uri()).drop(Columns.RUN_ID);
    Column[] byName = Arrays.stream(rows.columns()).sorted().map(rows::col).toArray(Column[]::new);
    return rows.select(byName);
  }
}
