package dev.winwin.ingest;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

import dev.winwin.UserError;

/**
 * What a Parquet file's footer says, read on the driver without a Spark job or a row: its schema
 * and its row count.
 */
record ParquetFooter(MessageType schema, long rows) {
  static ParquetFooter read(Configuration conf, DataFile data) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(data.path(), conf))) {
      return new ParquetFooter(reader.getFileMetaData().getSchema(), reader.getRecordCount());
    } catch (IOException | RuntimeException e) {
      throw new UserError("The input file " + SourceReader.display(data.path()) + " is not readable Parquet: " + e.getMessage(), e);
    }
  }
}
