package dev.winwin.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Reads one JSON Lines record into field texts, keeping numbers exactly as written. */
final class JsonLine {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // The default node factory strips trailing zeros: 300.50 would become 300.5.
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private JsonLine() {}

  /** The object's fields as text (nulls left out), or null when the line is not one JSON object. */
  static Map<String, String> parse(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> fields = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode value = entry.getValue();
      if (!value.isNull()) {
        fields.put(entry.getKey(), value.isBigDecimal() ? value.decimalValue().toPlainString()
            : value.isValueNode() ? value.asText() : value.toString());
      }
    }
    return fields;
  }
}
