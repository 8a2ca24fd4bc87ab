package dev.winwin.testing;

import java.math.BigDecimal;
import java.util.Arrays;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Typed test tables written as a DDL schema plus rows, so that a fixture reads like a table. */
public final class Tables {
  private Tables() {}

  /** A table of {@code ddl} (e.g. {@code "deal_id STRING, amount DECIMAL(24,8)"}) holding {@code rows}. */
  public static Dataset<Row> table(String ddl, Object[]... rows) {
    return TestSpark.session().createDataFrame(
        Arrays.stream(rows).map(RowFactory::create).toList(), StructType.fromDDL(ddl));
  }

  public static Object[] row(Object... values) {
    return values;
  }

  public static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
