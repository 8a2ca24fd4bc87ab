package dev.winwin.testing;

import java.math.BigDecimal;
import java.util.Arrays;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.winwin.schema.ReportSchema;

/** Typed test tables written as a DDL schema plus rows, so that a fixture reads like a table. */
public final class Tables {
  private Tables() {}

  /** A table of {@code ddl} (e.g. {@code "deal_id STRING, amount DECIMAL(24,8)"}) holding {@code rows}. */
  public static Dataset<Row> table(String ddl, Object[]... rows) {
    return table(StructType.fromDDL(ddl), rows);
  }

  /** A table of {@code schema} holding {@code rows}: for fixtures typed like a declared report. */
  public static Dataset<Row> table(StructType schema, Object[]... rows) {
    return TestSpark.session().createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  /** The columns of a report named, with their declared types, in that order: a fixture of the report columns a step reads. */
  public static StructType columnsOf(ReportSchema report, String... columns) {
    return new StructType(Arrays.stream(columns).map(report.outputType()::apply).toArray(StructField[]::new));
  }

  /** Text columns: e.g. the keys of the lost deals a report counts. */
  public static StructType strings(String... columns) {
    return new StructType(Arrays.stream(columns).map(c -> new StructField(c, DataTypes.StringType, true, Metadata.empty()))
        .toArray(StructField[]::new));
  }

  public static Object[] row(Object... values) {
    return values;
  }

  public static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
