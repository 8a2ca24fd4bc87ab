package dev.winwin.schema;

import static dev.winwin.schema.Columns.POCKET_MARGIN;
import static dev.winwin.testing.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import dev.winwin.report.DealOutcomesReport;
import dev.winwin.testing.Tables;

/** A report's build ends by conforming to its declared schema: order kept, helpers dropped, drift stopped. */
class ReportSchemaTest {
  private static final ReportSchema REJECTS = RejectsSchema.SCHEMA;

  @Test
  void selectsTheDeclaredColumnsInOrderAndDropsHelperColumns() {
    Dataset<Row> rows = table("run_id STRING, __helper INT, reasons ARRAY<STRING>, raw STRING, row_number BIGINT, "
        + "source_file STRING, source STRING");

    Dataset<Row> conformed = REJECTS.conform(rows);

    assertEquals(REJECTS.columnNames(), List.of(conformed.columns()));
  }

  @Test
  void failsNamingReportColumnAndBothTypesWhenAnExpressionsTypeDrifts() {
    // deal_outcomes passes pocket_margin through from the metrics: money computed at another precision drifts
    // (fx_rate would not show it: the report casts it to its published type on purpose).
    StructType drifted = new StructType(Arrays.stream(DealOutcomesSchema.SCHEMA.outputType().fields())
        .map(f -> f.name().equals(POCKET_MARGIN) ? new StructField(POCKET_MARGIN, DataTypes.createDecimalType(24, 8), true, f.metadata())
            : f)
        .toArray(StructField[]::new));

    IllegalStateException drift = assertThrows(IllegalStateException.class,
        () -> DealOutcomesReport.build(Tables.table(drifted), "run-1"));

    assertEquals("Report deal_outcomes: column pocket_margin is declared DECIMAL(38,6) but its expression gives DECIMAL(24,8)",
        drift.getMessage());
  }

  @Test
  void failsNamingTheColumnAnExpressionNoLongerGives() {
    Dataset<Row> rows = table("source STRING, source_file STRING, row_number BIGINT, raw STRING, run_id STRING");

    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> REJECTS.conform(rows));

    assertTrue(missing.getMessage().startsWith("Report rejects: column reasons (declared ARRAY<STRING>) is missing"),
        missing.getMessage());
  }

  @Test
  void comparesTypesWithoutTheirNullability() {
    assertTrue(ReportSchema.sameType(DataTypes.createArrayType(DataTypes.StringType, false),
        DataTypes.createArrayType(DataTypes.StringType, true)));
    assertFalse(ReportSchema.sameType(DataTypes.LongType, DataTypes.IntegerType));
    assertFalse(ReportSchema.sameType(Types.RATIO, DataTypes.createDecimalType(12, 6)));
  }
}
