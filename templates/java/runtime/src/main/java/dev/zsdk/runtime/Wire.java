package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Values as the wire sees them: a JSON tree without nulls, scalars' text, compact JSON. */
final class Wire {
  private static final String RESERVED = ":/?@!$&'()*+,;=";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Wire() {}

  /** The value as a JSON tree, null fields and items left out; {@code null} when it is absent. */
  static JsonNode tree(Object value) {
    if (value instanceof Optional<?> optional) {
      value = optional.orElse(null);
    }
    if (value instanceof Nullable<?> nullable) {
      value = nullable.value().orElse(null);
    }
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return TextNode.valueOf(text);
    }
    return withoutNulls(Json.mapper().valueToTree(value));
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode out = Json.mapper().createObjectNode();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        JsonNode value = withoutNulls(field.getValue());
        if (value != null) {
          out.set(field.getKey(), value);
        }
      }
      return out;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = Json.mapper().createArrayNode();
      for (JsonNode item : array) {
        JsonNode value = withoutNulls(item);
        if (value != null) {
          out.add(value);
        }
      }
      return out;
    }
    return node;
  }

  /** A parameter's tree; a {@code content} JSON parameter's is its compact JSON text. */
  static JsonNode paramValue(Object value, Encoding enc) {
    JsonNode node = tree(value);
    if (node != null && isJson(enc.contentType())) {
      return TextNode.valueOf(compactJson(node));
    }
    return node;
  }

  /** A scalar's text; a value nested deeper than a style defines is its compact JSON. */
  static String scalarText(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "true" : "false";
    }
    if (node.isNumber()) {
      return numberText(node);
    }
    return compactJson(node);
  }

  /** A number in its shortest form, a whole number without a fraction. */
  static String numberText(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      return node.asText();
    }
    if (decimal.signum() == 0) {
      return "0";
    }
    decimal = decimal.stripTrailingZeros();
    return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
  }

  /** Compact JSON: no spaces, UTF-8 as it is, whole numbers without a fraction. */
  static String compactJson(JsonNode node) {
    StringBuilder out = new StringBuilder();
    writeJson(out, node);
    return out.toString();
  }

  private static void writeJson(StringBuilder out, JsonNode node) {
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(Json.write(field.getKey())).append(':');
        writeJson(out, field.getValue());
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeJson(out, node.get(i));
      }
      out.append(']');
    } else if (node.isTextual()) {
      out.append(Json.write(node.textValue()));
    } else if (node.isNumber()) {
      out.append(numberText(node));
    } else {
      out.append(node.isNull() ? "null" : node.asText());
    }
  }

  /** Whether a media type is JSON ({@code application/json}, {@code …+json}). */
  static boolean isJson(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    String base = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("+json");
  }

  /** Percent-encodes every UTF-8 byte outside A-Z a-z 0-9 - . _ ~ (and reserved ones, if asked). */
  static String percent(String text, boolean allowReserved) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0
          || (allowReserved && c < 128 && RESERVED.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes percent-encoding (and {@code +} as a space), or gives the text as it is when invalid.
   */
  static String unescape(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
