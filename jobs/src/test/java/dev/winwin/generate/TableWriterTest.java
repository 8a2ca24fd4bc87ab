package dev.winwin.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records are quoted as RFC 4180 and Jackson would write them. */
class TableWriterTest {
  private static final String BAD_TIMESTAMP = "2026-02-30T25:61:00Z";

  @Test
  void csvQuotesOnlyFieldsWithCommaQuoteOrLineBreak() {
    assertEquals(
        "D00001,,\"Northwind Bank, Inc.\",\"say \"\"hi\"\"\",\"a\nb\",\"c\rd\",plain",
        TableWriter.csv("D00001", null, "Northwind Bank, Inc.", "say \"hi\"", "a\nb", "c\rd", "plain"));
  }

  @Test
  void jsonLinesAreWhatJacksonWrites() throws IOException {
    // surveys: response_id, deal_id, account_id, respondent_role, instrument, score, responded_at, comment
    List<String[]> rows = List.of(
        new String[] {"S000001", "D00001", "A0001", "business", "csat", "4", "2026-03-31T17:05:00Z", null},
        new String[] {"S000002", "D00002", "A0002", "cfo", "nps", "-10", BAD_TIMESTAMP, "He said \"premium\""},
        new String[] {"S000003", null, "A\\0003", "a\tb", "x\u0001y", "4x", "é ünïcode ✓", "line\nbreak\r/"},
        new String[] {"S000004", "D4", "A4", "r", "i", "1.5", "t", "c"},
        new String[] {"S000005", "D5", "A5", "r", "i", "1.", "t", "c"},
        new String[] {"S000006", "D6", "A6", "r", "i", ".5", "t", "c"},
        new String[] {"S000007", "D7", "A7", "r", "i", "-", "t", ""},
        new String[] {"S000008", "D8", "A8", "r", "i", "12,5x", "t", "c"},
        new String[] {"S000009", "D9", "A9", "r", "i", "", "t", "c"},
        new String[] {"S000010", "D10", "A10", "r", "i", "-0.00", "t", "c"});
    for (String[] row : rows) {
      assertEquals(jackson(Source.SURVEYS, row), TableWriter.json(Source.SURVEYS, row), Arrays.toString(row));
    }
  }

  /** The writer as it was before it wrote JSON by hand: the reference for the bytes. */
  private static String jackson(Source source, String[] values) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
      generator.writeStartObject();
      for (int i = 0; i < values.length; i++) {
        generator.writeFieldName(source.columns().get(i));
        if (values[i] == null) {
          generator.writeNull();
        } else if (source.isNumeric(i) && values[i].matches("-?\\d+(\\.\\d+)?")) {
          generator.writeNumber(values[i]);
        } else {
          generator.writeString(values[i]);
        }
      }
      generator.writeEndObject();
    }
    return text.toString();
  }
}
