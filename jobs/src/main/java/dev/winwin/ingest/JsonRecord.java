package dev.winwin.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Reads one JSON Lines record, streaming: the values of the keys a source knows as text (numbers
 * exactly as written, nested objects and arrays as JSON), without building a tree of the object.
 */
final class JsonRecord {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // The default node factory strips trailing zeros: 300.50 would become 300.5.
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  /**
   * A decimal whose exponent lies beyond this is kept as written: written out in full, {@code 1e999999999}
   * would take a gigabyte.
   */
  private static final int MAX_PLAIN_EXPONENT = 1000;

  private JsonRecord() {}

  /**
   * Parses {@code text} as one JSON object.
   *
   * @param keys the position of each key of interest
   * @param values filled with the text of each key's value (null for JSON null or an absent key);
   *     null to only learn which keys are present
   * @param present marks each key of interest that appears, even with a null value; may be null
   * @return false when the text is not exactly one JSON object (then {@code values} is undefined)
   */
  static boolean parse(String text, Map<String, Integer> keys, String[] values, boolean[] present) {
    if (values != null) {
      Arrays.fill(values, null);
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        Integer key = keys.get(parser.currentName());
        JsonToken value = parser.nextToken();
        if (key == null || values == null) {
          parser.skipChildren();
        } else {
          values[key] = text(parser, value);
        }
        if (key != null && present != null) {
          present[key] = true;
        }
      }
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    switch (value) {
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_FLOAT: {
        BigDecimal decimal = parser.getDecimalValue();
        return Math.abs(decimal.scale()) > MAX_PLAIN_EXPONENT ? parser.getText() : decimal.toPlainString();
      }
      case START_OBJECT:
      case START_ARRAY:
        return MAPPER.readTree(parser).toString();
      default:
        return parser.getText();
    }
  }
}
