package dev.winwin.schema;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The declared output of one report: its name, its columns in order with their types (the
 * {@code OUTPUT_TYPE} of the report, as Iceberg's Spark actions declare theirs), and the column its
 * folders are partitioned by. Every report's build ends with {@link #conform}, so an expression
 * whose type drifts stops the run instead of silently changing what readers get.
 *
 * <p>Nullability is not declared: Spark writes every Parquet column as optional, whatever the
 * expression says, so types are compared without it.
 */
public record ReportSchema(String name, StructType outputType, String partitionColumn) {

  public ReportSchema {
    if (!List.of(outputType.fieldNames()).contains(partitionColumn)) {
      throw new IllegalArgumentException("The partition column " + partitionColumn + " of " + name + " is not among its columns");
    }
  }

  /** A report's schema from its columns in order, given in runs (e.g. keys, the outcome mix, the run id). */
  @SafeVarargs
  static ReportSchema of(String name, String partitionColumn, List<StructField>... columns) {
    return new ReportSchema(name, new StructType(Arrays.stream(columns).flatMap(List::stream).toArray(StructField[]::new)),
        partitionColumn);
  }

  /** A column of a declared output; every column is nullable, see the class comment. */
  static StructField column(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  /**
   * The outcome mix as the aggregated reports publish it: per outcome {@code <key>_deals} and
   * {@code <key>_share}, and {@code <key>_revenue_share} when {@code withRevenueShare}.
   */
  static List<StructField> outcomeMix(boolean withRevenueShare) {
    List<StructField> columns = new ArrayList<>();
    for (OutcomeColumns outcome : OutcomeColumns.values()) {
      columns.add(column(outcome.deals(), DataTypes.LongType));
      columns.add(column(outcome.share(), Types.RATIO));
      if (withRevenueShare) {
        columns.add(column(outcome.revenueShare(), Types.RATIO));
      }
    }
    return columns;
  }

  /** {@code classified_deals}, {@code win_win_share_of_classified} and its interval's two bounds. */
  static List<StructField> winWinShareWithInterval() {
    return List.of(
        column(ReportColumns.CLASSIFIED_DEALS, DataTypes.LongType),
        column(ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED, Types.RATIO),
        column(ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_LOW, Types.RATIO),
        column(ReportColumns.WIN_WIN_SHARE_OF_CLASSIFIED_HIGH, Types.RATIO));
  }

  public List<String> columnNames() {
    return List.of(outputType.fieldNames());
  }

  /**
   * Selects the declared columns in their declared order from {@code rows}, dropping any other
   * (helper) column. Casts nothing: every expression must already give its declared type.
   *
   * @throws IllegalStateException naming the report, the column, the declared and the actual type,
   *     when a declared column is missing or has another type
   */
  public Dataset<Row> conform(Dataset<Row> rows) {
    Map<String, StructField> actual = Arrays.stream(rows.schema().fields())
        .collect(Collectors.toMap(StructField::name, Function.identity(), (a, b) -> a));
    for (StructField declared : outputType.fields()) {
      StructField found = actual.get(declared.name());
      if (found == null) {
        throw new IllegalStateException("Report " + name + ": column " + declared.name() + " (declared "
            + declared.dataType().sql() + ") is missing from its expressions, which give " + rows.schema().simpleString());
      }
      if (!sameType(declared.dataType(), found.dataType())) {
        throw new IllegalStateException("Report " + name + ": column " + declared.name() + " is declared "
            + declared.dataType().sql() + " but its expression gives " + found.dataType().sql());
      }
    }
    return rows.select(columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Equal types, nullability aside ({@code sql()} leaves it out: {@code ARRAY<STRING>}, {@code DECIMAL(38,6)}). */
  static boolean sameType(DataType declared, DataType actual) {
    return declared.sql().equals(actual.sql());
  }
}
