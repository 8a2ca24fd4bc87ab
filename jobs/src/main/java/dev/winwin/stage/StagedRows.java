package dev.winwin.stage;

import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.ROW_REASONS;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.winwin.io.ParquetRecordWriter;
import dev.winwin.quality.TypedRecord;
import dev.winwin.schema.Field;
import dev.winwin.schema.FieldKind;
import dev.winwin.schema.Source;

/**
 * The staged form of a source's rows: typed, columnar, one Parquet file per staging task, written
 * with parquet-hadoop straight from the {@link TypedRecord} the row rules filled (no Spark row is
 * built for it). Columns: {@code file_id}, {@code row_number} (lineage), {@code raw} (the record
 * as read, for the rejects report), {@code row_reasons} (null when the row broke no row rule), then
 * every field of the source typed by its kind: text as UTF-8, money {@code DECIMAL(18,6)} and rates
 * {@code DECIMAL(18,10)} as 64-bit integers, whole numbers as 32-bit integers, dates as days,
 * timestamps as UTC microseconds.
 */
public final class StagedRows {
  private static final int MONEY_PRECISION = 18;
  private static final long ROW_GROUP_BYTES = 64L << 20;
  private static final int PAGE_BYTES = 1 << 20;

  private StagedRows() {}

  /** The Spark schema of the staged rows of {@code source}: how Spark reads what {@link Writer} wrote. */
  public static StructType sparkSchema(Source source) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(FILE_ID, DataTypes.IntegerType, false),
        DataTypes.createStructField(ROW_NUMBER, DataTypes.LongType, false),
        DataTypes.createStructField(RAW, DataTypes.StringType, true),
        DataTypes.createStructField(ROW_REASONS, DataTypes.StringType, true)));
    for (Field field : source.fields()) {
      fields.add(DataTypes.createStructField(field.name(), sparkType(field.kind()), true));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(FieldKind kind) {
    return switch (kind) {
      case TEXT, ENUM, CURRENCY, YEAR_MONTH -> DataTypes.StringType;
      case MONEY -> dev.winwin.schema.Types.STAGED_MONEY;
      case RATE -> dev.winwin.schema.Types.STAGED_RATE;
      case INTEGER -> DataTypes.IntegerType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  /** The staged rows of {@code source} in {@code files} (Parquet written by {@link Writer}); no rows without files. */
  public static Dataset<org.apache.spark.sql.Row> read(SparkSession spark, Source source, List<String> files) {
    StructType schema = sparkSchema(source);
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(files.toArray(String[]::new));
  }

  static MessageType parquetSchema(Source source) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    message.addField(Types.required(PrimitiveTypeName.INT32).named(FILE_ID));
    message.addField(Types.required(PrimitiveTypeName.INT64).named(ROW_NUMBER));
    message.addField(text(RAW));
    message.addField(text(ROW_REASONS));
    for (Field field : source.fields()) {
      message.addField(switch (field.kind()) {
        case TEXT, ENUM, CURRENCY, YEAR_MONTH -> text(field.name());
        case MONEY -> Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.decimalType(dev.winwin.schema.Types.STAGED_MONEY.scale(), MONEY_PRECISION)).named(field.name());
        case RATE -> Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.decimalType(dev.winwin.schema.Types.STAGED_RATE.scale(), MONEY_PRECISION)).named(field.name());
        case INTEGER -> Types.optional(PrimitiveTypeName.INT32).named(field.name());
        case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(field.name());
        case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(field.name());
      });
    }
    return message.named(source.folder());
  }

  private static Type text(String name) {
    return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
  }

  /** One staged row on its way to the file: lineage and the judged record. */
  static final class Row {
    int fileId;
    long rowNumber;
    String raw;
    TypedRecord record;
  }

  /** Writes the staged rows of one source into one Parquet file. Not thread-safe. */
  public static final class Writer implements Closeable {
    private final ParquetWriter<Row> parquet;
    private final Row row = new Row();

    /** Creates (or replaces) {@code file}. */
    public Writer(Source source, Path file, Configuration conf) {
      try {
        parquet = ParquetRecordWriter.create(HadoopOutputFile.fromPath(file, conf), new RowWriteSupport(source), conf, ROW_GROUP_BYTES,
            PAGE_BYTES);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the staged file " + file, e);
      }
    }

    public void write(int fileId, long rowNumber, String raw, TypedRecord record) {
      row.fileId = fileId;
      row.rowNumber = rowNumber;
      row.raw = raw;
      row.record = record;
      try {
        parquet.write(row);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write a staged row", e);
      }
    }

    @Override
    public void close() {
      try {
        parquet.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot finish a staged file", e);
      }
    }
  }

  /** A staged row as one Parquet record; a field without a value is left out, which reads as null. */
  private static final class RowWriteSupport extends ParquetRecordWriter.Support<Row> {
    private static final int LINEAGE_FIELDS = 4;
    private final FieldKind[] kinds;

    RowWriteSupport(Source source) {
      super(parquetSchema(source));
      this.kinds = source.fields().stream().map(Field::kind).toArray(FieldKind[]::new);
    }

    @Override
    public void write(Row row) {
      RecordConsumer consumer = consumer();
      consumer.startMessage();
      consumer.startField(FILE_ID, 0);
      consumer.addInteger(row.fileId);
      consumer.endField(FILE_ID, 0);
      consumer.startField(ROW_NUMBER, 1);
      consumer.addLong(row.rowNumber);
      consumer.endField(ROW_NUMBER, 1);
      text(RAW, 2, row.raw);
      text(ROW_REASONS, 3, row.record.reasons());
      TypedRecord record = row.record;
      for (int i = 0; i < kinds.length; i++) {
        if (!record.has(i)) {
          continue;
        }
        int index = LINEAGE_FIELDS + i;
        String name = schema().getFieldName(index);
        consumer.startField(name, index);
        switch (kinds[i]) {
          case TEXT, ENUM, CURRENCY, YEAR_MONTH -> consumer.addBinary(Binary.fromString(record.text(i)));
          case MONEY, RATE, TIMESTAMP -> consumer.addLong(record.number(i));
          case INTEGER, DATE -> consumer.addInteger((int) record.number(i));
        }
        consumer.endField(name, index);
      }
      consumer.endMessage();
    }

    private void text(String name, int index, String value) {
      if (value != null) {
        RecordConsumer consumer = consumer();
        consumer.startField(name, index);
        consumer.addBinary(Binary.fromString(value));
        consumer.endField(name, index);
      }
    }
  }
}
