package dev.zsdk.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * The base of a generated union's deserializer that picks its variant by a discriminator property;
 * a value whose discriminator is missing or not mapped is kept whole by {@code unknown}. A
 * generated union writes:
 *
 * <pre>{@code
 * @JsonDeserialize(using = Pet.Deserializer.class)
 * public sealed interface Pet permits Dog, Cat, Pet.Unknown {
 *   final class Deserializer extends DiscriminatedUnion<Pet> {
 *     private static final long serialVersionUID = 1L;
 *     public Deserializer() {
 *       super(Pet.class, "petType", Map.of("dog", Dog.class, "cat", Cat.class), Unknown::new);
 *     }
 *   }
 * }
 * }</pre>
 *
 * @param <T> the union's type
 */
public abstract class DiscriminatedUnion<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  /** The discriminator property's wire name. */
  private final String property;

  private final transient Map<String, Class<? extends T>> variants;
  private final transient Function<JsonNode, ? extends T> unknown;
  private final transient VariantReader reader = new VariantReader();

  /**
   * A deserializer of a discriminated union.
   *
   * @param type the union's type
   * @param property the discriminator property's wire name
   * @param variants each discriminator value's variant class
   * @param unknown makes the union's unknown variant of a value no variant takes
   */
  protected DiscriminatedUnion(
      Class<T> type,
      String property,
      Map<String, Class<? extends T>> variants,
      Function<JsonNode, ? extends T> unknown) {
    super(type);
    this.property = property;
    this.variants = Map.copyOf(variants);
    this.unknown = unknown;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    JsonNode tag = node.isObject() ? node.get(property) : null;
    Class<? extends T> variant =
        tag != null && tag.isTextual() ? variants.get(tag.textValue()) : null;
    if (variant == null) {
      return unknown.apply(node);
    }
    return reader.read(node, variant, ctxt);
  }
}
