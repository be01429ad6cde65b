package dev.zsdk.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes a union's variant with the variant's own bean deserializer: the union's
 * {@code @JsonDeserialize} is inherited by the variants that implement it, and would otherwise call
 * the union's deserializer again.
 */
final class VariantReader {
  private final Map<Class<?>, JsonDeserializer<Object>> cache = new ConcurrentHashMap<>();

  <V> V read(JsonNode node, Class<V> variant, DeserializationContext ctxt) throws IOException {
    JsonDeserializer<Object> deserializer = cache.get(variant);
    if (deserializer == null) {
      JavaType type = ctxt.constructType(variant);
      deserializer =
          ctxt.getFactory().createBeanDeserializer(ctxt, type, ctxt.getConfig().introspect(type));
      if (deserializer instanceof ResolvableDeserializer resolvable) {
        resolvable.resolve(ctxt);
      }
      cache.put(variant, deserializer);
    }
    try (JsonParser parser = node.traverse(ctxt.getParser().getCodec())) {
      parser.nextToken();
      return variant.cast(deserializer.deserialize(parser, ctxt));
    }
  }
}
