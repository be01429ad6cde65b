package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How names, values and a style's delimiters are written: percent-encoded in a URL or form body
 * ({@link #URL}), as they are in a header or a multipart part ({@link #PLAIN}).
 */
final class WireSyntax {
  static final WireSyntax URL = new WireSyntax(true, "%5B", "%5D", "%20", "%7C");
  static final WireSyntax PLAIN = new WireSyntax(false, "[", "]", " ", "|");

  private final boolean encode;
  private final String open;
  private final String close;
  private final String space;
  private final String pipe;

  private WireSyntax(boolean encode, String open, String close, String space, String pipe) {
    this.encode = encode;
    this.open = open;
    this.close = close;
    this.space = space;
    this.pipe = pipe;
  }

  String escape(String text, boolean allowReserved) {
    return encode ? Wire.percent(text, allowReserved) : text;
  }

  private String delimiter(String style) {
    return switch (style) {
      case "spaceDelimited" -> space;
      case "pipeDelimited" -> pipe;
      default -> ",";
    };
  }

  /**
   * A query parameter's (or form property's) name/value pairs by style form, spaceDelimited,
   * pipeDelimited or deepObject; an empty array or object has none.
   */
  List<String[]> pairs(String name, JsonNode value, Encoding enc) {
    String key = escape(name, false);
    if (enc.style().equals("deepObject")) {
      List<String[]> pairs = new ArrayList<>();
      deepPairs(pairs, key, value, enc);
      return pairs;
    }
    List<String[]> pairs = new ArrayList<>();
    List<String> joined = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        String text = escape(Wire.scalarText(item), enc.isAllowReserved());
        pairs.add(new String[] {key, text});
        joined.add(text);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String fieldName = escape(field.getKey(), false);
        String text = escape(Wire.scalarText(field.getValue()), enc.isAllowReserved());
        pairs.add(new String[] {fieldName, text});
        joined.add(fieldName);
        joined.add(text);
      }
    } else {
      pairs.add(new String[] {key, escape(Wire.scalarText(value), enc.isAllowReserved())});
      return pairs;
    }
    if (enc.isExploded() || pairs.isEmpty()) {
      return pairs;
    }
    List<String[]> one = new ArrayList<>();
    one.add(new String[] {key, String.join(delimiter(enc.style()), joined)});
    return one;
  }

  private void deepPairs(List<String[]> pairs, String key, JsonNode value, Encoding enc) {
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        deepPairs(pairs, key + open + escape(field.getKey(), false) + close, field.getValue(), enc);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        String itemKey =
            switch (enc.nesting()) {
              case "brackets" -> key + open + close;
              case "repeat" -> key;
              default -> key + open + i + close;
            };
        deepPairs(pairs, itemKey, value.get(i), enc);
      }
    } else {
      pairs.add(new String[] {key, escape(Wire.scalarText(value), enc.isAllowReserved())});
    }
  }

  /** A path or header value by style simple, label or matrix; {@code ""} when it is empty. */
  String simpleText(String name, JsonNode value, Encoding enc) {
    String prefix = "";
    String separator = ",";
    boolean matrix = enc.style().equals("matrix");
    if (enc.style().equals("label")) {
      prefix = ".";
      if (enc.isExploded()) {
        separator = ".";
      }
    } else if (matrix && enc.isExploded()) {
      prefix = ";";
      separator = ";";
    } else if (matrix) {
      prefix = ";" + escape(name, false) + "=";
    }
    List<String> parts = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode item : value) {
        String text = escape(Wire.scalarText(item), false);
        parts.add(matrix && enc.isExploded() ? escape(name, false) + "=" + text : text);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String fieldName = escape(field.getKey(), false);
        String text = escape(Wire.scalarText(field.getValue()), false);
        if (enc.isExploded()) {
          parts.add(fieldName + "=" + text);
        } else {
          parts.add(fieldName);
          parts.add(text);
        }
      }
    } else {
      String text = escape(Wire.scalarText(value), false);
      if (matrix) {
        return ";" + escape(name, false) + "=" + text;
      }
      parts.add(text);
    }
    if (parts.isEmpty() || (parts.size() == 1 && parts.get(0).isEmpty())) {
      return "";
    }
    return prefix + String.join(separator, parts);
  }

  /** Pairs as {@code name=value} joined by the separator. */
  static String join(List<String[]> pairs, String separator) {
    List<String> texts = new ArrayList<>(pairs.size());
    for (String[] pair : pairs) {
      texts.add(pair[0] + "=" + pair[1]);
    }
    return String.join(separator, texts);
  }
}
