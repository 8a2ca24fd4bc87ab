package dev.winwin.ingest;

import static dev.winwin.ingest.SourceReader.MALFORMED;
import static dev.winwin.schema.Columns.RAW;
import static dev.winwin.schema.Columns.ROW_NUMBER;
import static dev.winwin.schema.Columns.SOURCE;
import static dev.winwin.schema.Columns.SOURCE_FILE;
import static dev.winwin.testing.RowAssert.assertRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.UserError;
import dev.winwin.schema.Source;
import dev.winwin.testing.RowAssert;
import dev.winwin.testing.TestSpark;

/** Reading source folders into text columns with lineage; row numbers are file line numbers. */
class SourceReaderTest {
  private static final String SURVEY_HEADER = "response_id,deal_id,respondent_role,instrument,score,comment";
  private static final String SURVEY_JSON =
      "{\"response_id\":\"S9\",\"deal_id\":\"D9\",\"respondent_role\":\"end_user\",\"instrument\":\"nps\",\"score\":7}";

  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path root;

  @Test
  void readsCsvQuotesAndKeepsLinesAfterAMalformedOne() throws IOException {
    // optional columns (account_id, responded_at) are absent and the order differs from the schema;
    // CRLF line ends as Excel writes them
    write("surveys/responses.csv", String.join("\r\n",
        "response_id,deal_id,respondent_role,instrument,score,comment",
        "S1,D1,decision_maker,csat,5,\"great, really \"\"great\"\"\"",
        "S2,D1,end_user,nps,6,too,many",
        "S3,D2,influencer,csat,4,\"unclosed, and more",
        "S4,D2,end_user,nps, 9 ,",
        "",
        "S5,D3,end_user,nps,10,\"last\"",
        ""));

    Map<String, Row> rows = RowAssert.byKey(SourceReader.read(spark, root, Source.SURVEYS), ROW_NUMBER);

    assertEquals(List.of("2", "3", "4", "5", "7"), List.copyOf(rows.keySet()));
    assertRow(rows, "2", SOURCE, "surveys", SOURCE_FILE, "surveys/responses.csv", MALFORMED, false,
        "response_id", "S1", "deal_id", "D1", "score", "5", "comment", "great, really \"great\"", "account_id", null,
        RAW, "S1,D1,decision_maker,csat,5,\"great, really \"\"great\"\"\"");
    // seven fields under a header of six
    assertRow(rows, "3", MALFORMED, true, "response_id", null, RAW, "S2,D1,end_user,nps,6,too,many");
    assertRow(rows, "4", MALFORMED, true, "response_id", null, RAW, "S3,D2,influencer,csat,4,\"unclosed, and more");
    // blanks are trimmed and an empty cell is absent
    assertRow(rows, "5", MALFORMED, false, "response_id", "S4", "score", "9", "comment", null);
    assertRow(rows, "7", MALFORMED, false, "response_id", "S5", "score", "10", "comment", "last");
  }

  @Test
  void readsJsonLinesKeepingNumbersAsWrittenAndMarksTruncatedObject() throws IOException {
    write("negotiation_events/events.jsonl", String.join("\n",
        "{\"event_id\":\"N1\",\"deal_id\":\"D1\",\"seq\":1,\"party\":\"provider\",\"kind\":\"concession\",\"value_delta\":300.50}",
        "{\"event_id\":\"N2\",\"deal_id\":\"D1\",\"seq\":2,\"party\":\"cli",
        "{\"event_id\":\"N3\",\"deal_id\":\"D1\",\"seq\":3,\"party\":\"client\",\"kind\":\"trade\",\"value_delta\":1e2,\"at\":null}",
        "[\"not\",\"an\",\"object\"]",
        ""));

    Map<String, Row> rows = RowAssert.byKey(SourceReader.read(spark, root, Source.NEGOTIATION_EVENTS), ROW_NUMBER);

    assertEquals(List.of("1", "2", "3", "4"), List.copyOf(rows.keySet()));
    assertRow(rows, "1", MALFORMED, false, SOURCE_FILE, "negotiation_events/events.jsonl",
        "event_id", "N1", "seq", "1", "value_delta", "300.50", "at", null);
    assertRow(rows, "2", MALFORMED, true, "event_id", null, RAW, "{\"event_id\":\"N2\",\"deal_id\":\"D1\",\"seq\":2,\"party\":\"cli");
    assertRow(rows, "3", MALFORMED, false, "event_id", "N3", "value_delta", "100", "at", null);
    assertRow(rows, "4", MALFORMED, true, "event_id", null);
  }

  @Test
  void readsParquetWithRowNumbersAlongsideCsvInTheSameFolder() throws IOException {
    writeParquet("fx_rates/part.parquet", fxSchema(DataTypes.createDecimalType(10, 4)),
        RowFactory.create("2026-03", "EUR", new BigDecimal("1.1000")),
        RowFactory.create("2026-04", "EUR", new BigDecimal("1.0825")));
    write("fx_rates/later.csv", "month,currency,rate_to_base\n2026-05,GBP,1.27\n");

    Map<String, Row> rows = RowAssert.byKey(SourceReader.read(spark, root, Source.FX_RATES), SOURCE_FILE, ROW_NUMBER);

    assertEquals(List.of("fx_rates/later.csv/2", "fx_rates/part.parquet/1", "fx_rates/part.parquet/2"),
        List.copyOf(rows.keySet()));
    assertRow(rows, "fx_rates/part.parquet/1", SOURCE, "fx_rates", MALFORMED, false,
        "month", "2026-03", "currency", "EUR", "rate_to_base", "1.1000",
        RAW, "{\"month\":\"2026-03\",\"currency\":\"EUR\",\"rate_to_base\":1.1000}");
    assertRow(rows, "fx_rates/part.parquet/2", "month", "2026-04", "rate_to_base", "1.0825");
    assertRow(rows, "fx_rates/later.csv/2", "month", "2026-05", "currency", "GBP", "rate_to_base", "1.27");
  }

  /**
   * Files of one schema are read in one scan and files of another in a second: every row still
   * names its own file and its position in that file, and each file is read by its own schema.
   */
  @Test
  void readsManyParquetFilesKeepingEachRowsFileAndNumber() throws IOException {
    StructType text = fxSchema(DataTypes.StringType);
    writeParquet("fx_rates/a.parquet", text, RowFactory.create("2026-01", "EUR", "1.10"), RowFactory.create("2026-02", "EUR", "1.11"));
    writeParquet("fx_rates/b.parquet", fxSchema(DataTypes.createDecimalType(10, 4)), RowFactory.create("2026-03", "GBP", new BigDecimal("1.2700")));
    writeParquet("fx_rates/c.parquet", text,
        RowFactory.create("2026-04", "EUR", "1.12"), RowFactory.create("2026-05", "EUR", null), RowFactory.create("2026-06", "EUR", " 1.14 "));

    Map<String, Row> rows = RowAssert.byKey(SourceReader.read(spark, root, Source.FX_RATES), SOURCE_FILE, ROW_NUMBER);

    assertEquals(List.of("fx_rates/a.parquet/1", "fx_rates/a.parquet/2", "fx_rates/b.parquet/1",
        "fx_rates/c.parquet/1", "fx_rates/c.parquet/2", "fx_rates/c.parquet/3"), List.copyOf(rows.keySet()));
    assertRow(rows, "fx_rates/a.parquet/2", "month", "2026-02", "rate_to_base", "1.11");
    assertRow(rows, "fx_rates/b.parquet/1", "month", "2026-03", "rate_to_base", "1.2700");
    assertRow(rows, "fx_rates/c.parquet/1", "month", "2026-04", "rate_to_base", "1.12");
    assertRow(rows, "fx_rates/c.parquet/2", "month", "2026-05", "rate_to_base", null);
    assertRow(rows, "fx_rates/c.parquet/3", "month", "2026-06", "rate_to_base", "1.14",
        RAW, "{\"month\":\"2026-06\",\"currency\":\"EUR\",\"rate_to_base\":\" 1.14 \"}");
    assertEquals(Map.of("fx_rates/a.parquet", 2L, "fx_rates/b.parquet", 1L, "fx_rates/c.parquet", 3L), count(Source.FX_RATES));
  }

  @Test
  void failsNamingAParquetFileThatIsNotParquet() throws IOException {
    write("fx_rates/export.parquet", "month,currency,rate_to_base\n2026-05,GBP,1.27\n");

    UserError error = assertThrows(UserError.class, () -> SourceReader.read(spark, root, Source.FX_RATES));

    assertTrue(error.getMessage().contains("fx_rates/export.parquet is not readable Parquet"), error.getMessage());
  }

  @Test
  void countsRecordsWithoutParsingThem() throws IOException {
    // header, two records (one malformed, still a record), a blank line
    write("surveys/a.csv", SURVEY_HEADER + "\nS1,D1,end_user,csat,5,\nS2,\"open\n\n");
    // one record over three lines
    write("surveys/b.csv", SURVEY_HEADER + "\r\nS3,D3,end_user,csat,5,\"one\r\ntwo\r\nthree\"\r\n");
    // two records and a blank line, no header
    write("surveys/c.jsonl", SURVEY_JSON + "\n   \n" + SURVEY_JSON + "\n");

    assertEquals(Map.of("surveys/a.csv", 2L, "surveys/b.csv", 1L, "surveys/c.jsonl", 2L), count(Source.SURVEYS));
  }

  @Test
  void listsSubFoldersSkippingHiddenAndUnderscoreNamesAtAnyDepth() throws IOException {
    write("deals/2026/oct.csv", "deal_id\n");
    write("deals/2026/10/late.jsonl", "");
    write("deals/export.parquet/part-0.parquet", "");
    write("deals/_SUCCESS", "");
    write("deals/2026/.oct.csv.crc", "crc");
    write("deals/_temporary/0/part-1.parquet", "half written");
    write("deals/.hidden/notes.txt", "not data");
    write("deals/top.csv", "deal_id\n");

    List<DataFile> files = SourceReader.dataFiles(spark.sparkContext().hadoopConfiguration(), root.toString(), Source.DEALS);

    assertEquals(List.of("deals/2026/10/late.jsonl", "deals/2026/oct.csv", "deals/export.parquet/part-0.parquet", "deals/top.csv"),
        files.stream().map(DataFile::relativePath).toList());
    assertEquals(List.of(DataFile.Format.JSON_LINES, DataFile.Format.CSV, DataFile.Format.PARQUET, DataFile.Format.CSV),
        files.stream().map(DataFile::format).toList());
    DataFile oct = files.get(1);
    assertEquals(8, oct.bytes());
    assertEquals(Files.getLastModifiedTime(root.resolve("deals/2026/oct.csv")).toInstant().toEpochMilli(), oct.modified().toEpochMilli());
  }

  @Test
  void failsNamingAFileOfUnknownTypeInASubFolder() throws IOException {
    write("deals/deals.csv", "deal_id\n");
    write("deals/2026/deals.xlsx", "not a table");

    UserError error = assertThrows(UserError.class,
        () -> SourceReader.dataFiles(spark.sparkContext().hadoopConfiguration(), root.toString(), Source.DEALS));

    assertEquals("The input file " + root.resolve("deals/2026/deals.xlsx") + " has an unknown type; use .csv, .jsonl, .json or .parquet.",
        error.getMessage());
  }

  /**
   * A Hive-style folder name is a folder, not a column; a folder named like a Parquet file is a
   * folder; each row names its file by its whole path under the input root.
   */
  @Test
  void readsParquetInPartitionAndExportFoldersWithoutAddingColumns() throws IOException {
    StructType text = fxSchema(DataTypes.StringType);
    writeParquet("fx_rates/year=2026/part-0.parquet", text, RowFactory.create("2026-01", "EUR", "1.10"), RowFactory.create("2026-02", "EUR", "1.11"));
    writeParquet("fx_rates/Q4 export.parquet/part-0.parquet", text, RowFactory.create("2025-12", "GBP", "1.27"));
    write("fx_rates/Q4 export.parquet/_SUCCESS", "");

    Dataset<Row> read = SourceReader.read(spark, root, Source.FX_RATES);

    assertEquals(List.of("fx_rates/Q4 export.parquet/part-0.parquet/1", "fx_rates/year=2026/part-0.parquet/1", "fx_rates/year=2026/part-0.parquet/2"),
        List.copyOf(RowAssert.byKey(read, SOURCE_FILE, ROW_NUMBER).keySet()));
    assertRow(RowAssert.byKey(read, SOURCE_FILE, ROW_NUMBER), "fx_rates/year=2026/part-0.parquet/2", "month", "2026-02", "rate_to_base", "1.11",
        RAW, "{\"month\":\"2026-02\",\"currency\":\"EUR\",\"rate_to_base\":\"1.11\"}");
    assertEquals(SourceReader.rawSchema(Source.FX_RATES), read.schema());
    assertEquals(Map.of("fx_rates/Q4 export.parquet/part-0.parquet", 1L, "fx_rates/year=2026/part-0.parquet", 2L), count(Source.FX_RATES));
  }

  /** Zero bytes in any format, a CSV header alone, only blank lines: files without rows, not errors. */
  @Test
  void readsEmptyFilesAsFilesWithoutRows() throws IOException {
    write("fx_rates/zero.csv", "");
    write("fx_rates/zero.jsonl", "");
    write("fx_rates/zero.parquet", "");
    write("fx_rates/header-only.csv", "month,currency,rate_to_base\r\n");
    write("fx_rates/blank.csv", "\n  \r\n\n");
    write("fx_rates/blank.jsonl", "\r\n\n");

    assertEquals(0, SourceReader.read(spark, root, Source.FX_RATES).count());
    assertEquals(Map.of("fx_rates/zero.csv", 0L, "fx_rates/zero.jsonl", 0L, "fx_rates/zero.parquet", 0L, "fx_rates/header-only.csv", 0L,
        "fx_rates/blank.csv", 0L, "fx_rates/blank.jsonl", 0L), count(Source.FX_RATES));
  }

  @Test
  void failsNamingFileAndKeyWhenAJsonLinesFileNeverHoldsARequiredKey() throws IOException {
    write("fx_rates/fine.jsonl", "{\"month\":\"2026-01\",\"currency\":\"EUR\",\"rate_to_base\":1.1}\n");
    write("fx_rates/2026/no-rate.jsonl", "{\"month\":\"2026-02\",\"currency\":\"EUR\"}\n{\"month\":\"2026-03\",\"currency\":\"EUR\"}\n");

    UserError error = assertThrows(UserError.class, () -> count(Source.FX_RATES));

    assertEquals("The input file " + root.resolve("fx_rates/2026/no-rate.jsonl") + " lacks the required key rate_to_base in every record.",
        error.getMessage());
  }

  @Test
  void failsNamingFileAndColumnWhenACsvHeaderNamesAColumnTwice() throws IOException {
    write("fx_rates/rates.csv", "month,currency,rate_to_base, month\n2026-01,EUR,1.1,2026-02\n");

    UserError error = assertThrows(UserError.class, () -> SourceReader.read(spark, root, Source.FX_RATES));

    assertEquals("The input file " + root.resolve("fx_rates/rates.csv") + " names the column month twice in its header.", error.getMessage());
  }

  @Test
  void failsNamingAMissingRequiredFolder() {
    UserError error = assertThrows(UserError.class, () -> SourceReader.read(spark, root, Source.DEALS));

    assertTrue(error.getMessage().contains(root.resolve("deals").toString()), error.getMessage());
  }

  @Test
  void readsNothingFromAMissingOptionalFolder() {
    assertEquals(0, SourceReader.read(spark, root, Source.PRICE_ADJUSTMENTS).count());
  }

  @Test
  void failsNamingFileAndColumnWhenARequiredColumnIsMissing() throws IOException {
    write("cost_lines/costs.csv", "cost_id,deal_id,cost_type,currency\nC1,D1,cogs,USD\n");

    UserError error = assertThrows(UserError.class, () -> SourceReader.read(spark, root, Source.COST_LINES));

    assertTrue(error.getMessage().contains("cost_lines/costs.csv"), error.getMessage());
    assertTrue(error.getMessage().contains("amount"), error.getMessage());
  }

  private static StructType fxSchema(DataType rate) {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("month", DataTypes.StringType, false),
        DataTypes.createStructField("currency", DataTypes.StringType, false),
        DataTypes.createStructField("rate_to_base", rate, true)));
  }

  /** One Parquet file as Spark writes it, under the name given. */
  private void writeParquet(String relative, StructType schema, Row... rows) throws IOException {
    Path written = root.resolve("spark-out");
    spark.createDataFrame(List.of(rows), schema).coalesce(1).write().mode("overwrite").parquet(written.toString());
    Files.createDirectories(root.resolve(relative).getParent());
    try (Stream<Path> files = Files.list(written)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.move(part, root.resolve(relative));
    }
  }

  /** The records per file of one source, as the reconciliation counts them. */
  private Map<String, Long> count(Source source) {
    List<DataFile> files = SourceReader.dataFiles(spark.sparkContext().hadoopConfiguration(), root.toString(), source);
    return SourceReader.countRecords(spark, List.of(SourceReader.open(spark, files, source)));
  }

  private void write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
