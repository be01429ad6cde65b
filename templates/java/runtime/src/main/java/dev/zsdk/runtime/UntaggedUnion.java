package dev.zsdk.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The base of a generated union's deserializer that tries its variants in order: the first whose
 * test matches the JSON value and that decodes it wins; a value none takes is kept whole by {@code
 * unknown}. A generated union writes:
 *
 * <pre>{@code
 * final class Deserializer extends UntaggedUnion<Id> {
 *   private static final long serialVersionUID = 1L;
 *   public Deserializer() {
 *     super(Id.class,
 *         List.of(variant(isString(), Id.Text.class), variant(isInteger(), Id.Number.class)),
 *         Unknown::new);
 *   }
 * }
 * }</pre>
 *
 * @param <T> the union's type
 */
public abstract class UntaggedUnion<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  /**
   * One variant: the test a JSON value must pass and the class it decodes to.
   *
   * @param <V> the variant's type
   * @param matches the test
   * @param type the variant's class
   */
  public record Variant<V>(Predicate<JsonNode> matches, Class<V> type) {}

  private final transient List<Variant<? extends T>> variants;
  private final transient Function<JsonNode, ? extends T> unknown;
  private final transient VariantReader reader = new VariantReader();

  /**
   * A deserializer of an untagged union.
   *
   * @param type the union's type
   * @param variants the variants, in the order they are tried
   * @param unknown makes the union's unknown variant of a value no variant takes
   */
  protected UntaggedUnion(
      Class<T> type, List<Variant<? extends T>> variants, Function<JsonNode, ? extends T> unknown) {
    super(type);
    this.variants = List.copyOf(variants);
    this.unknown = unknown;
  }

  /**
   * A variant.
   *
   * @param <V> the variant's type
   * @param matches the test a JSON value must pass
   * @param type the variant's class
   * @return the variant
   */
  protected static <V> Variant<V> variant(Predicate<JsonNode> matches, Class<V> type) {
    return new Variant<>(matches, type);
  }

  /**
   * Any value.
   *
   * @return the test
   */
  protected static Predicate<JsonNode> any() {
    return node -> true;
  }

  /**
   * A JSON object holding every one of the fields.
   *
   * @param names the fields' wire names
   * @return the test
   */
  protected static Predicate<JsonNode> hasFields(String... names) {
    List<String> required = List.of(names);
    return node -> node.isObject() && required.stream().allMatch(node::has);
  }

  /**
   * A JSON string.
   *
   * @return the test
   */
  protected static Predicate<JsonNode> isString() {
    return JsonNode::isTextual;
  }

  /**
   * A JSON number without a fraction.
   *
   * @return the test
   */
  protected static Predicate<JsonNode> isInteger() {
    return JsonNode::isIntegralNumber;
  }

  /**
   * Any JSON number.
   *
   * @return the test
   */
  protected static Predicate<JsonNode> isNumber() {
    return JsonNode::isNumber;
  }

  /**
   * A JSON boolean.
   *
   * @return the test
   */
  protected static Predicate<JsonNode> isBoolean() {
    return JsonNode::isBoolean;
  }

  /**
   * A JSON array.
   *
   * @return the test
   */
  protected static Predicate<JsonNode> isArray() {
    return JsonNode::isArray;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    for (Variant<? extends T> variant : variants) {
      if (variant.matches().test(node)) {
        try {
          return reader.read(node, variant.type(), ctxt);
        } catch (IOException e) {
          // not this variant: try the next
        }
      }
    }
    return unknown.apply(node);
  }
}
