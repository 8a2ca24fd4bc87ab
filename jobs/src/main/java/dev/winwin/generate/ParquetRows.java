package dev.winwin.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import dev.winwin.io.ParquetRecordWriter;

/**
 * Writes a source's rows as one Parquet file with parquet-hadoop itself, not Spark, so that a part
 * task and the plain-Java path write alike; and joins such files into one, row group after row
 * group, for a file that several chunks of deals fill.
 *
 * <p>Every column is an optional UTF-8 string and an empty value is null. winwin reads a Parquet
 * column as text anyway, and a bad row must still hold {@code 12,5x} in an amount column, so a row
 * has the same values, and gets the same verdict, as in a CSV file.
 *
 * <p>Every setting that shapes the bytes (codec, writer version, row group, page and dictionary
 * sizes) is fixed here rather than taken from defaults a Hadoop configuration could change; the
 * footer holds no time, so the same rows give the same file. No Hadoop file system is involved,
 * so no {@code .crc} file lands beside it, and the writer gets an empty Hadoop configuration: the
 * default one reads Hadoop's XML resources anew for every file, which cost some 50 ms a file when
 * every chunk writes a file per source and month.
 */
final class ParquetRows {
  private static final long ROW_GROUP_BYTES = 128L << 20;
  private static final int PAGE_BYTES = 1 << 20;
  /** {@code ParquetFileWriter.appendFile} would read each part with a default Hadoop configuration, which is slow to make. */
  private static final ParquetReadOptions READ_OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

  private ParquetRows() {}

  static void write(Path path, Source source, List<Line> lines) throws IOException {
    try (ParquetWriter<Line> writer = ParquetRecordWriter.create(new LocalOutputFile(path), new LineWriteSupport(schema(source)),
        new Configuration(false), ROW_GROUP_BYTES, PAGE_BYTES)) {
      for (Line line : lines) {
        writer.write(line);
      }
    }
  }

  /**
   * Writes the row groups of {@code parts}, each a file {@link #write} wrote for {@code source}, one
   * after the other into {@code path}: the pages are copied as they are, not decoded, and the
   * footer lists every row group.
   */
  static void concatenate(Path path, Source source, List<Path> parts) throws IOException {
    ParquetFileWriter writer = new ParquetFileWriter(
        new LocalOutputFile(path), schema(source), ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, 0);
    writer.start();
    for (Path part : parts) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part), READ_OPTIONS)) {
        reader.appendTo(writer);
      }
    }
    writer.end(Map.of());
  }

  private static MessageType schema(Source source) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (String column : source.columns()) {
      message.addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column));
    }
    return message.named(source.folder());
  }

  /** One record per line, its values as the fields; a null or empty value is left out, which reads as null. */
  private static final class LineWriteSupport extends ParquetRecordWriter.Support<Line> {
    LineWriteSupport(MessageType schema) {
      super(schema);
    }

    @Override
    public void write(Line line) {
      if (line.isRaw()) {
        throw new IllegalArgumentException("A Parquet file has no text lines, so it cannot hold a malformed one.");
      }
      MessageType schema = schema();
      RecordConsumer record = consumer();
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
