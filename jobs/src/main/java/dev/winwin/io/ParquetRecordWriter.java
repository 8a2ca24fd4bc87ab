package dev.winwin.io;

import java.io.IOException;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet files written record by record, through a {@link WriteSupport} of winwin's own that turns them into
 * Parquet fields, for writing a file straight from Java without Spark (staging, the generator).
 *
 * @param <T> the record written
 */
public final class ParquetRecordWriter<T> extends ParquetWriter.Builder<T, ParquetRecordWriter<T>> {
  private final WriteSupport<T> writeSupport;

  private ParquetRecordWriter(OutputFile file, WriteSupport<T> writeSupport) {
    super(file);
    this.writeSupport = writeSupport;
  }

  /**
   * Creates (or replaces) {@code file}, written through {@code writeSupport} as Spark writes Parquet
   * by default (Snappy, format 1.0 pages, dictionaries), in row groups of {@code rowGroupBytes}.
   */
  public static <T> ParquetWriter<T> create(OutputFile file, WriteSupport<T> writeSupport, Configuration conf, long rowGroupBytes,
      int pageBytes) throws IOException {
    return new ParquetRecordWriter<>(file, writeSupport)
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriterVersion(WriterVersion.PARQUET_1_0)
        .withRowGroupSize(rowGroupBytes)
        .withPageSize(pageBytes)
        .withDictionaryPageSize(pageBytes)
        .withDictionaryEncoding(true)
        .build();
  }

  @Override
  protected ParquetRecordWriter<T> self() {
    return this;
  }

  @Override
  protected WriteSupport<T> getWriteSupport(Configuration conf) {
    return writeSupport;
  }

  /** The write support of one file schema: a subclass writes each record's fields to {@link #consumer()}. */
  public abstract static class Support<T> extends WriteSupport<T> {
    private final MessageType schema;
    private RecordConsumer consumer;

    protected Support(MessageType schema) {
      this.schema = schema;
    }

    protected MessageType schema() {
      return schema;
    }

    protected RecordConsumer consumer() {
      return consumer;
    }

    @Override
    public WriteContext init(Configuration conf) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }
  }
}
