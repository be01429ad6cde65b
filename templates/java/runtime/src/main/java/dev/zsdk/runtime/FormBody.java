package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body: each property in its order by its encoding
 * (given, else form exploded — deepObject for an object or an array of objects).
 */
final class FormBody {
  private FormBody() {}

  /** The body text, or {@code null} when there is nothing to send. */
  static String encode(Object body, Map<String, Encoding> encodings) {
    JsonNode tree = Wire.tree(body);
    if (tree == null) {
      return null;
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException("a form body must be an object");
    }
    List<String[]> pairs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : tree.properties()) {
      Encoding enc = encodings.get(field.getKey());
      if (enc == null) {
        enc = Multipart.hasObjects(field.getValue()) ? Encoding.DEEP : Encoding.FORM;
      }
      pairs.addAll(WireSyntax.URL.pairs(field.getKey(), field.getValue(), enc));
    }
    return pairs.isEmpty() ? null : WireSyntax.join(pairs, "&");
  }
}
