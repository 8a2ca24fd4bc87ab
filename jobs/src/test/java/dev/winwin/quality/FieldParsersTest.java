package dev.winwin.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import dev.winwin.testing.TestSpark;

/**
 * The hand-written parsers read dates, timestamps and whole numbers exactly as winwin read them
 * before, when each field was a pattern check followed by Spark's cast: for every text of a broad
 * set of well- and ill-formed ones, both accept it or both refuse it, and give the same value.
 */
class FieldParsersTest {
  // What validation accepted before the parsers: the pattern, then Spark's cast.
  private static final String ISO_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
  private static final String ISO_TIMESTAMP =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})$";
  private static final String INTEGRAL = "^[+-]?[0-9]{1,9}(\\.0+)?$";

  @Test
  void readsTimestampsAsPatternAndSparkCastDid() {
    List<String> texts = new ArrayList<>();
    for (String date : List.of("2026-03-20", "2024-02-29", "2026-02-29", "0000-01-01", "9999-12-31", "2026-13-01", "2026-3-20")) {
      for (String separator : List.of("T", " ", "t")) {
        for (String time : List.of("10:00:00", "23:59:59", "24:00:00", "10:60:00", "10:00", "10:00:00.5", "10:00:00.123456",
            "10:00:00.1234567", "10:00:00.123456789", "10:00:00.1234567890", "10:00:00.")) {
          for (String zone : List.of("Z", "+02:00", "-05:30", "+0200", "+18:00", "+19:00", "+02:60", "+02", "", "z", "UTC")) {
            texts.add(date + separator + time + zone);
          }
        }
      }
    }
    Dataset<Row> old = old(texts, when(col("value").rlike(ISO_TIMESTAMP), unix_micros(col("value").try_cast(DataTypes.TimestampType))));
    long[] slot = new long[1];
    for (Row row : old.collectAsList()) {
      String text = row.getString(0);
      Long expected = row.isNullAt(1) ? null : row.getLong(1);
      Long actual = FieldParsers.timestamp(text, slot, 0) == FieldParsers.PARSED ? slot[0] : null;
      assertEquals(expected, actual, text);
    }
  }

  @Test
  void readsDatesAndWholeNumbersAsPatternAndSparkCastDid() {
    List<String> dates = List.of("2026-03-20", "2024-02-29", "2026-02-29", "2026-04-31", "0000-01-01", "9999-12-31", "2026-00-10",
        "2026-3-20", "2026-03", "20260320", "2026-03-20T00:00:00Z", "+2026-03-20", "2026/03/20");
    Dataset<Row> oldDates = old(dates, when(col("value").rlike(ISO_DATE), unix_date(col("value").try_cast(DataTypes.DateType))));
    long[] slot = new long[1];
    for (Row row : oldDates.collectAsList()) {
      Long expected = row.isNullAt(1) ? null : (long) row.getInt(1);
      assertEquals(expected, FieldParsers.date(row.getString(0), slot, 0) == FieldParsers.PARSED ? slot[0] : null, row.getString(0));
    }
    List<String> integers = List.of("4", "+4", "-4", "4.0", "4.00", "4.", "4.5", "04", "123456789", "1234567890", "-0", "", "+", "1e2", " 4");
    Dataset<Row> oldIntegers = old(integers, when(col("value").rlike(INTEGRAL),
        col("value").try_cast(DataTypes.createDecimalType(38, 18)).cast(DataTypes.LongType)));
    for (Row row : oldIntegers.collectAsList()) {
      Long expected = row.isNullAt(1) ? null : row.getLong(1);
      assertEquals(expected, FieldParsers.integer(row.getString(0), slot, 0) == FieldParsers.PARSED ? slot[0] : null, row.getString(0));
    }
  }

  private static Dataset<Row> old(List<String> texts, org.apache.spark.sql.Column oldValue) {
    return TestSpark.session().createDataset(texts, Encoders.STRING()).select(col("value"), oldValue.as("old"));
  }
}
