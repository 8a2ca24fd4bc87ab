package dev.winwin.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes a source's rows as one Parquet file with parquet-hadoop itself, not Spark, so that a chunk
 * task and the plain-Java path write alike.
 *
 * <p>Every column is an optional UTF-8 string and an empty value is null. winwin reads a Parquet
 * column as text anyway, and a bad row must still hold {@code 12,5x} in an amount column, so a row
 * has the same values, and gets the same verdict, as in a CSV file.
 *
 * <p>Every setting that shapes the bytes (codec, writer version, row group, page and dictionary
 * sizes) is fixed here rather than taken from defaults a Hadoop configuration could change; the
 * footer holds no time, so the same rows give the same file. No Hadoop file system is involved,
 * so no {@code .crc} file lands beside it.
 */
final class ParquetRows {
  private static final long ROW_GROUP_BYTES = 128L << 20;
  private static final int PAGE_BYTES = 1 << 20;

  private ParquetRows() {}

  static void write(Path path, Source source, List<Line> lines) throws IOException {
    try (ParquetWriter<Line> writer = new Builder(new LocalOutputFile(path), schema(source))
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriterVersion(WriterVersion.PARQUET_1_0)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withPageSize(PAGE_BYTES)
        .withDictionaryPageSize(PAGE_BYTES)
        .withDictionaryEncoding(true)
        .build()) {
      for (Line line : lines) {
        writer.write(line);
      }
    }
  }

  private static MessageType schema(Source source) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (String column : source.columns()) {
      message.addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column));
    }
    return message.named(source.folder());
  }

  private static final class Builder extends ParquetWriter.Builder<Line, Builder> {
    private final MessageType schema;

    Builder(OutputFile file, MessageType schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Line> getWriteSupport(Configuration conf) {
      return new LineWriteSupport(schema);
    }
  }

  /** One record per line, its values as the fields; a null or empty value is left out, which reads as null. */
  private static final class LineWriteSupport extends WriteSupport<Line> {
    private final MessageType schema;
    private RecordConsumer record;

    LineWriteSupport(MessageType schema) {
      this.schema = schema;
    }

    @Override
    public WriteContext init(Configuration conf) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.record = recordConsumer;
    }

    @Override
    public void write(Line line) {
      if (line.isRaw()) {
        throw new IllegalArgumentException("A Parquet file has no text lines, so it cannot hold a malformed one.");
      }
      record.startMessage();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        String value = line.value(i);
        if (value != null && !value.isEmpty()) {
          String name = schema.getFieldName(i);
          record.startField(name, i);
          record.addBinary(Binary.fromString(value));
          record.endField(name, i);
        }
      }
      record.endMessage();
    }
  }
}
