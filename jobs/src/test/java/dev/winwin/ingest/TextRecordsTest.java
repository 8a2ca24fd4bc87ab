package dev.winwin.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.UserError;
import dev.winwin.schema.Source;
import dev.winwin.testing.TestSpark;

/**
 * Records of text files: RFC 4180 CSV across lines, the L + 1 rule, byte-order marks and CRLF,
 * line numbers, and the same records however a file is split. Each record is shown as
 * {@code file:line:raw -> values} ({@code ~} for a null value, {@code MALFORMED} for none).
 */
class TextRecordsTest {
  private static final String SURVEY_HEADER = "response_id,deal_id,respondent_role,instrument,score,comment";
  private static final String FX_HEADER = "month,currency,rate_to_base";

  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path root;

  @Test
  void readsQuotedCommasDoubledQuotesAndLineBreaksWithPhysicalLineNumbers() throws IOException {
    String lines = String.join("\n",
        SURVEY_HEADER,
        "S1,D1,decision_maker,csat,5,\"great, really \"\"great\"\"\"",
        "S2,D1,end_user,nps,9,\"first line",
        "second, line",
        "third \"\"line\"\"\"",
        "S3,D2,influencer,csat,4,plain",
        "");
    List<DataFile> files = List.of(
        write("surveys/lf.csv", "\uFEFF" + lines),
        write("surveys/crlf.csv", lines.replace("\n", "\r\n")));

    List<String> records = sorted(TextRecords.parse(spark, files, Source.SURVEYS, DESCRIBE).collect());

    // Fields in Source order: response_id, deal_id, account_id (absent), respondent_role, instrument, score, responded_at (absent), comment
    assertEquals(List.of(
        "surveys/crlf.csv:2:S1,D1,decision_maker,csat,5,\"great, really \"\"great\"\"\" -> S1|D1|~|decision_maker|csat|5|~|great, really \"great\"",
        "surveys/crlf.csv:3:S2,D1,end_user,nps,9,\"first line\r\nsecond, line\r\nthird \"\"line\"\"\" -> S2|D1|~|end_user|nps|9|~|first line\r\nsecond, line\r\nthird \"line\"",
        "surveys/crlf.csv:6:S3,D2,influencer,csat,4,plain -> S3|D2|~|influencer|csat|4|~|plain",
        "surveys/lf.csv:2:S1,D1,decision_maker,csat,5,\"great, really \"\"great\"\"\" -> S1|D1|~|decision_maker|csat|5|~|great, really \"great\"",
        "surveys/lf.csv:3:S2,D1,end_user,nps,9,\"first line\nsecond, line\nthird \"\"line\"\"\" -> S2|D1|~|end_user|nps|9|~|first line\nsecond, line\nthird \"line\"",
        "surveys/lf.csv:6:S3,D2,influencer,csat,4,plain -> S3|D2|~|influencer|csat|4|~|plain"),
        records);
  }

  /**
   * Line 2 opens a quote that the quote on line 4 closes, but a letter follows it: the record of
   * line 2 is broken, so line 2 alone is malformed and line 3 is read. Line 7's record is
   * well-quoted over two lines but has four fields: line 7 alone is malformed, and line 8, read as
   * a record of its own, has two.
   */
  @Test
  void aBrokenRecordIsItsFirstLineAloneAndReadingGoesOnAtTheNextLine() throws IOException {
    List<DataFile> files = List.of(write("surveys/s.csv", String.join("\n",
        SURVEY_HEADER,
        "S1,D1,decision_maker,csat,5,\"unclosed, and more",
        "S2,D1,end_user,nps,9,fine",
        "S3,D2,influencer,csat,4,\"quoted\"",
        "S4,D2,end_user,nps,7,\"two",
        "lines\"",
        "S5,D3,\"four,",
        "fields\",x",
        "S6,D3,end_user,nps,8,\"never closed")));
    TextRecords text = TextRecords.plan(spark, files, Source.SURVEYS);

    assertEquals(List.of(
        "surveys/s.csv:2:S1,D1,decision_maker,csat,5,\"unclosed, and more -> MALFORMED",
        "surveys/s.csv:3:S2,D1,end_user,nps,9,fine -> S2|D1|~|end_user|nps|9|~|fine",
        "surveys/s.csv:4:S3,D2,influencer,csat,4,\"quoted\" -> S3|D2|~|influencer|csat|4|~|quoted",
        "surveys/s.csv:5:S4,D2,end_user,nps,7,\"two\nlines\" -> S4|D2|~|end_user|nps|7|~|two\nlines",
        "surveys/s.csv:7:S5,D3,\"four, -> MALFORMED",
        "surveys/s.csv:8:fields\",x -> MALFORMED",
        "surveys/s.csv:9:S6,D3,end_user,nps,8,\"never closed -> MALFORMED"),
        records(text));
    assertEquals(Map.of("surveys/s.csv", new TextRecords.FileCount("surveys/s.csv", 7, List.of())), text.count());
  }

  /**
   * A file cut into pieces of a few dozen bytes, so that records of several lines, a broken one,
   * CRLF and blank lines straddle the cuts: every record is read once, with its line and raw text,
   * exactly as when the file is read whole.
   */
  @Test
  void readsTheSameRecordsHoweverAFileIsSplit() throws IOException {
    StringBuilder text = new StringBuilder(SURVEY_HEADER).append("\r\n");
    for (int i = 1; i <= 12; i++) {
      text.append("S").append(i).append(",D").append(i).append(",end_user,nps,7,");
      switch (i % 4) {
        case 0 -> text.append("\"a comment\nover \"\"two\"\" lines, and a comma\"\r\n");
        case 1 -> text.append("\"open and never closed\r\n\r\n");
        case 2 -> text.append("\"three\r\nshort\nlines\"\n");
        default -> text.append("plain\n");
      }
    }
    List<DataFile> files = List.of(write("surveys/big.csv", text.toString()), write("surveys/small.csv", SURVEY_HEADER + "\nS99,D9,end_user,nps,1,x\n"));
    TextRecords whole = TextRecords.plan(spark, files, Source.SURVEYS);
    List<String> expected = records(whole);
    // 12 records, broken ones included; every fourth starts with a quote that never closes, and its
    // next line is blank: nothing is swallowed.
    assertEquals(13, expected.size(), String.join("\n", expected));
    assertEquals(12, expected.stream().filter(r -> r.startsWith("surveys/big.csv")).count());

    Map<String, TextRecords.FileCount> counts = whole.count();
    for (long splitBytes : List.of(7L, 23L, 61L)) {
      TextRecords split = TextRecords.plan(spark, files, Source.SURVEYS, splitBytes);
      assertEquals(expected, records(split), "split into pieces of " + splitBytes + " bytes");
      assertEquals(counts, split.count(), "counted in pieces of " + splitBytes + " bytes");
    }
  }

  @Test
  void numbersTheRecordsOfSplitFilesAndOfManySmallOnesReadTogether() throws IOException {
    // 300 records of 18 bytes after a header: 5,428 bytes read in splits of 1,000, packed with small files
    List<String> rates = IntStream.rangeClosed(1, 300).mapToObj(i -> String.format("2026-01,C%02d,1.%04d", i % 100, i)).toList();
    List<DataFile> files = List.of(
        write("fx_rates/big.csv", FX_HEADER + "\n" + String.join("\n", rates) + "\n"),
        write("fx_rates/2026/small.csv", FX_HEADER + "\r\n\r\n2026-02,EUR,1.10\r\n"),
        write("fx_rates/2026/only-header.csv", FX_HEADER),
        write("fx_rates/rates.jsonl", "{\"month\":\"2026-03\",\"currency\":\"EUR\",\"rate_to_base\":1.2}"));

    List<String> records = records(TextRecords.plan(spark, files, Source.FX_RATES, 1000));

    List<String> expected = new ArrayList<>();
    IntStream.rangeClosed(1, 300).forEach(i -> expected.add("fx_rates/big.csv:" + (i + 1) + ":" + rates.get(i - 1) + " -> " + rates.get(i - 1).replace(',', '|')));
    expected.add("fx_rates/2026/small.csv:3:2026-02,EUR,1.10 -> 2026-02|EUR|1.10");
    expected.add("fx_rates/rates.jsonl:1:{\"month\":\"2026-03\",\"currency\":\"EUR\",\"rate_to_base\":1.2} -> 2026-03|EUR|1.2");
    assertEquals(expected.stream().sorted().toList(), records);
  }

  @Test
  void readsJsonLinesWithByteOrderMarkCrlfAndKeysMissingFromSomeRecords() throws IOException {
    List<DataFile> files = List.of(write("fx_rates/rates.jsonl", "\uFEFF" + String.join("\r\n",
        "{\"month\":\"2026-01\",\"currency\":\"EUR\",\"rate_to_base\":1.10}",
        "",
        "{\"month\":\"2026-02\",\"currency\":\" EUR \"}",
        "{\"month\":\"2026-03\",\"currency\":\"EUR\",\"rate_to_base\":null}",
        "{\"month\":\"2026-04\"",
        "")));
    TextRecords text = TextRecords.plan(spark, files, Source.FX_RATES, 40);

    assertEquals(List.of(
        "fx_rates/rates.jsonl:1:{\"month\":\"2026-01\",\"currency\":\"EUR\",\"rate_to_base\":1.10} -> 2026-01|EUR|1.10",
        "fx_rates/rates.jsonl:3:{\"month\":\"2026-02\",\"currency\":\" EUR \"} -> 2026-02|EUR|~",
        "fx_rates/rates.jsonl:4:{\"month\":\"2026-03\",\"currency\":\"EUR\",\"rate_to_base\":null} -> 2026-03|EUR|~",
        "fx_rates/rates.jsonl:5:{\"month\":\"2026-04\" -> MALFORMED"),
        records(text));
    // Every required key is in some record (rate_to_base with null in one, absent from another).
    assertEquals(new TextRecords.FileCount("fx_rates/rates.jsonl", 4, List.of()), text.count().get("fx_rates/rates.jsonl"));
  }

  /** A JSON Lines file that never holds a key is like a CSV file without the column; without a well-formed object, there is nothing to judge by. */
  @Test
  void countsTheRequiredKeysAJsonLinesFileNeverHolds() throws IOException {
    List<DataFile> files = List.of(
        // the key only inside another object, and in a line cut short
        write("fx_rates/no-rate.jsonl", "{\"month\":\"2026-01\",\"currency\":\"EUR\"}\n{\"rate_to_base\":1.2,\n{\"currency\":\"GBP\",\"extra\":{\"rate_to_base\":1}}\n"),
        write("fx_rates/empty.jsonl", ""),
        write("fx_rates/broken.jsonl", "{\"month\":\n\n{\n"));

    Map<String, TextRecords.FileCount> counts = TextRecords.plan(spark, files, Source.FX_RATES, 30).count();

    assertEquals(Map.of(
        "fx_rates/no-rate.jsonl", new TextRecords.FileCount("fx_rates/no-rate.jsonl", 3, List.of("rate_to_base")),
        "fx_rates/empty.jsonl", new TextRecords.FileCount("fx_rates/empty.jsonl", 0, List.of()),
        "fx_rates/broken.jsonl", new TextRecords.FileCount("fx_rates/broken.jsonl", 2, List.of())), counts);
  }

  /**
   * A quoted field may run over lines for at most 8 MiB: beyond that the record counts as broken
   * (its first line alone) and the lines inside the quote are read as records of their own.
   */
  @Test
  void aRecordOverLinesLongerThanTheBoundIsItsFirstLineAlone() throws IOException {
    String filler = "x".repeat(1023) + "\n";
    StringBuilder text = new StringBuilder(FX_HEADER).append("\n2026-01,EUR,\"").append(filler.repeat(8 * 1024 + 1)).append("\"\n");
    List<DataFile> files = List.of(write("fx_rates/long.csv", text.toString()));

    Map<String, TextRecords.FileCount> counts = TextRecords.plan(spark, files, Source.FX_RATES).count();

    // line 2 malformed; the 8,192 lines of filler after it, each a malformed record of one field;
    // the closing quote's line, a quote that no longer closes
    assertEquals(1 + 8 * 1024 + 1, counts.get("fx_rates/long.csv").records());
  }

  @Test
  void failsNamingAFileThatCannotBeRead() throws IOException {
    DataFile gone = write("fx_rates/gone.jsonl", "{\"month\":\"2026-01\",\"currency\":\"EUR\",\"rate_to_base\":1.1}\n");
    TextRecords text = TextRecords.plan(spark, List.of(gone), Source.FX_RATES);
    Files.delete(root.resolve("fx_rates/gone.jsonl"));

    UserError error = assertThrows(UserError.class, text::count);

    assertTrue(error.getMessage().startsWith("The input file " + root.resolve("fx_rates/gone.jsonl") + " cannot be read: "), error.getMessage());
  }

  /** Each record as {@code file:line:raw -> values}. */
  private static final TextRecords.RecordParser<String> DESCRIBE = (file, line, raw, values) -> file + ":" + line + ":" + raw + " -> "
      + (values == null ? "MALFORMED" : Arrays.stream(values).map(v -> v == null ? "~" : v).collect(Collectors.joining("|")));

  private static List<String> records(TextRecords text) {
    return sorted(text.parse(DESCRIBE).collect());
  }

  private static List<String> sorted(List<String> records) {
    return records.stream().sorted().toList();
  }

  private DataFile write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    DataFile.Format format = relative.endsWith(".csv") ? DataFile.Format.CSV : DataFile.Format.JSON_LINES;
    return new DataFile(new org.apache.hadoop.fs.Path(file.toUri()), relative, Files.size(file), Instant.EPOCH, format);
  }
}
