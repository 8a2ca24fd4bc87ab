package dev.winwin.schema;

import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.REASONS;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.RUN_ID;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static dev.winwin.schema.ReportSchema.column;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

import org.apache.spark.sql.types.DataTypes;

/** {@code rejects}: one row per rejected input row; its columns in {@link Columns}. */
public final class RejectsSchema {
  public static final String NAME = "rejects";

  public static final ReportSchema SCHEMA = ReportSchema.of(NAME, RUN_ID, List.of(
      column(SOURCE, StringType),
      column(SOURCE_FILE, StringType),
      column(ROW_NUMBER, LongType),
      column(RAW, StringType),
      column(REASONS, DataTypes.createArrayType(StringType)),
      column(RUN_ID, StringType)));

  private RejectsSchema() {}
}
