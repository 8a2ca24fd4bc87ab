package dev.winwin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Assertions on collected rows keyed by their id, so that a failure names the row and the column
 * instead of printing two whole tables.
 */
public final class RowAssert {
  private RowAssert() {}

  /** Collects {@code rows} (one action) into a map sorted by the key columns joined with {@code /}. */
  public static Map<String, Row> byKey(Dataset<Row> rows, String... keyColumns) {
    return byKey(rows.collectAsList(), keyColumns);
  }

  public static Map<String, Row> byKey(List<Row> rows, String... keyColumns) {
    Map<String, Row> keyed = new TreeMap<>();
    for (Row row : rows) {
      String key = Arrays.stream(keyColumns).map(c -> String.valueOf((Object) row.getAs(c))).collect(Collectors.joining("/"));
      if (keyed.put(key, row) != null) {
        throw new AssertionError("More than one row has the key " + key);
      }
    }
    return keyed;
  }

  /**
   * Asserts cells of the row with {@code key}: {@code columnsAndValues} alternates column name and
   * expected value (null allowed). BigDecimals are compared with {@code equals}, so the scale counts:
   * write {@code new BigDecimal("0.300000")} for a ratio column.
   */
  public static void assertRow(Map<String, Row> rows, String key, Object... columnsAndValues) {
    Row row = rows.get(key);
    assertNotNull(row, () -> "No row with key " + key + " among " + rows.keySet());
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      String column = (String) columnsAndValues[i];
      Object expected = columnsAndValues[i + 1];
      Object actual = row.getAs(column);
      if (actual instanceof scala.collection.Seq<?> seq) {
        actual = scala.jdk.javaapi.CollectionConverters.asJava(seq);
      }
      assertEquals(expected, actual, "row " + key + ", column " + column);
    }
  }

  /** Asserts a decimal cell by value, ignoring its scale: for sums whose scale follows their inputs. */
  public static void assertNumber(Map<String, Row> rows, String key, String column, String expected) {
    Row row = rows.get(key);
    assertNotNull(row, () -> "No row with key " + key + " among " + rows.keySet());
    BigDecimal actual = row.getAs(column);
    assertNotNull(actual, () -> "row " + key + ", column " + column + " is null, expected " + expected);
    assertEquals(0, new BigDecimal(expected).compareTo(actual),
        () -> "row " + key + ", column " + column + ": expected " + expected + " but was " + actual);
  }
}
