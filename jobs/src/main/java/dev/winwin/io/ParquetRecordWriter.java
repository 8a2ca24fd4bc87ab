package dev.winwin.io;

import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet writer's builder for records that a {@link WriteSupport} of winwin's own turns into
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

  /** A builder writing {@code file} through {@code writeSupport}; set its options, then {@code build()}. */
  public static <T> ParquetRecordWriter<T> builder(OutputFile file, WriteSupport<T> writeSupport) {
    return new ParquetRecordWriter<>(file, writeSupport);
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
