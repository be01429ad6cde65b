package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Steps into decoded JSON by lists of property names. */
final class JsonPath {
  private JsonPath() {}

  /** The value at path ({@code null} when a step is absent); an empty path is the value. */
  static JsonNode get(JsonNode node, List<String> path) {
    JsonNode current = node;
    for (String step : path) {
      if (current == null || !current.isObject() || !current.has(step)) {
        return null;
      }
      current = current.get(step);
    }
    return current;
  }

  /** The value at path, else inside a {@code data} envelope. */
  static JsonNode field(JsonNode body, List<String> path) {
    JsonNode found = get(body, path);
    if (found == null && body != null && body.isObject() && body.has("data")) {
      return get(body.get("data"), path);
    }
    return found;
  }

  /** A string value, {@code null} otherwise. */
  static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
