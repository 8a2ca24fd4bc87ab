package dev.winwin.ingest;

import java.io.IOException;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.SparkSession;

import dev.winwin.UserError;

/**
 * What a Parquet file's footer says, read on the driver without a Spark job or a row: its schema
 * and its row count.
 */
record ParquetFooter(MessageType schema, long rows) {
  static ParquetFooter read(SparkSession spark, SourceReader.DataFile data) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(data.path(), spark.sparkContext().hadoopConfiguration()))) {
      return new ParquetFooter(reader.getFileMetaData().getSchema(), reader.getRecordCount());
    } catch (IOException | RuntimeException e) {
      throw new UserError("The input file " + SourceReader.display(data.path()) + " is not readable Parquet: " + e.getMessage(), e);
    }
  }
}
