package dev.zsdk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapper's settings, Nullable, and the union deserializers. */
class JsonModelsTest {
  /** A model with optional and nullable fields. */
  static final class Patch {
    @JsonProperty("name")
    private final Nullable<String> name;

    @JsonProperty("note")
    private final Nullable<String> note;

    @JsonProperty("size")
    private final Nullable<Long> size;

    @JsonProperty("when")
    private final OffsetDateTime when;

    @JsonProperty("day")
    private final LocalDate day;

    private Patch() {
      this(Nullable.absent(), Nullable.absent(), Nullable.absent(), null, null);
    }

    Patch(
        Nullable<String> name,
        Nullable<String> note,
        Nullable<Long> size,
        OffsetDateTime when,
        LocalDate day) {
      this.name = name;
      this.note = note;
      this.size = size;
      this.when = when;
      this.day = day;
    }
  }

  @Test
  void nullableWrites() throws Exception {
    Patch patch =
        new Patch(
            Nullable.of("x"),
            Nullable.ofNull(),
            Nullable.absent(),
            OffsetDateTime.parse("2024-01-02T03:04:05+02:00"),
            LocalDate.parse("2024-01-02"));
    assertEquals(
        "{\"name\":\"x\",\"note\":null,\"when\":\"2024-01-02T03:04:05+02:00\",\"day\":\"2024-01-02\"}",
        Json.mapper().writeValueAsString(patch));
  }

  @Test
  void nullableReads() throws Exception {
    Patch patch =
        Json.mapper()
            .readValue(
                "{\"name\":\"x\",\"note\":null,\"when\":\"2024-01-02T03:04:05+02:00\",\"extra\":1}",
                Patch.class);
    assertEquals(Nullable.of("x"), patch.name);
    assertTrue(patch.note.isNull());
    assertTrue(patch.size.isAbsent());
    assertEquals("+02:00", patch.when.getOffset().toString());
  }

  /** A model shaped as the generated ones: a no-arg constructor and one from its builder. */
  static final class Widget {
    @JsonProperty("name")
    private final String name;

    @JsonAnySetter private final Map<String, JsonNode> additionalProperties;

    private Widget() {
      this.name = null;
      this.additionalProperties = new LinkedHashMap<>();
    }

    private Widget(Builder builder) {
      this.name = builder.name;
      this.additionalProperties = new LinkedHashMap<>(builder.additionalProperties);
    }

    @JsonAnyGetter
    Map<String, JsonNode> additionalProperties() {
      return additionalProperties;
    }

    /** Builds a widget. */
    static final class Builder {
      private String name;
      private final Map<String, JsonNode> additionalProperties = new LinkedHashMap<>();

      Widget build() {
        return new Widget(this);
      }
    }
  }

  @Test
  void modelsWithBuilders() throws Exception {
    Widget widget = Json.mapper().readValue("{\"name\":\"w\",\"extra\":[1]}", Widget.class);
    assertEquals("w", widget.name);
    assertEquals("[1]", widget.additionalProperties().get("extra").toString());
    assertEquals("{\"name\":\"w\",\"extra\":[1]}", Json.mapper().writeValueAsString(widget));
    Widget.Builder builder = new Widget.Builder();
    builder.name = "b";
    assertEquals("{\"name\":\"b\"}", Json.mapper().writeValueAsString(builder.build()));
  }

  /** A union's variants. */
  @JsonDeserialize(using = Pet.Deserializer.class)
  sealed interface Pet permits Dog, Cat, Pet.Unknown {
    /** A pet of a kind this SDK does not know. */
    record Unknown(@JsonValue JsonNode raw) implements Pet {}

    /** Reads a pet by its type. */
    final class Deserializer extends DiscriminatedUnion<Pet> {
      private static final long serialVersionUID = 1L;

      Deserializer() {
        super(Pet.class, "type", Map.of("dog", Dog.class, "cat", Cat.class), Unknown::new);
      }
    }
  }

  /** A dog. */
  static final class Dog implements Pet {
    @JsonProperty("type")
    final String type = "dog";

    @JsonProperty("bark")
    private String bark;
  }

  /** A cat. */
  static final class Cat implements Pet {
    @JsonProperty("type")
    final String type = "cat";
  }

  @Test
  void discriminatedUnion() throws Exception {
    Pet dog = Json.mapper().readValue("{\"type\":\"dog\",\"bark\":\"woof\"}", Pet.class);
    assertEquals("woof", assertInstanceOf(Dog.class, dog).bark);
    assertInstanceOf(Cat.class, Json.mapper().readValue("{\"type\":\"cat\"}", Pet.class));
    Pet bird = Json.mapper().readValue("{\"type\":\"bird\",\"wings\":2}", Pet.class);
    Pet.Unknown unknown = assertInstanceOf(Pet.Unknown.class, bird);
    assertEquals(2, unknown.raw().get("wings").asInt());
    assertEquals("{\"type\":\"bird\",\"wings\":2}", Json.mapper().writeValueAsString(bird));
    List<Pet> pets =
        Json.mapper()
            .readValue(
                "[{\"type\":\"cat\"},{\"type\":\"dog\"}]", new TypeReference<List<Pet>>() {});
    assertInstanceOf(Dog.class, pets.get(1));
  }

  /** An untagged union: a text, a number or an object with an id. */
  @JsonDeserialize(using = Id.Deserializer.class)
  sealed interface Id permits Id.Text, Id.Number, Id.Ref, Id.Unknown {
    /** A text id. */
    record Text(@JsonValue String value) implements Id {
      @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
      public Text {}
    }

    /** A numeric id. */
    record Number(@JsonValue long value) implements Id {
      @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
      public Number {}
    }

    /** A reference. */
    record Ref(@JsonProperty("id") String id) implements Id {}

    /** Anything else. */
    record Unknown(@JsonValue JsonNode raw) implements Id {}

    /** Reads an id by its shape. */
    final class Deserializer extends UntaggedUnion<Id> {
      private static final long serialVersionUID = 1L;

      Deserializer() {
        super(
            Id.class,
            List.of(
                variant(isString(), Text.class),
                variant(isInteger(), Number.class),
                variant(hasFields("id"), Ref.class)),
            Unknown::new);
      }
    }
  }

  @Test
  void untaggedUnion() throws Exception {
    assertEquals(new Id.Text("a"), Json.mapper().readValue("\"a\"", Id.class));
    assertEquals(new Id.Number(7), Json.mapper().readValue("7", Id.class));
    assertEquals(new Id.Ref("r"), Json.mapper().readValue("{\"id\":\"r\"}", Id.class));
    assertInstanceOf(Id.Unknown.class, Json.mapper().readValue("1.5", Id.class));
    assertEquals("7", Json.mapper().writeValueAsString(new Id.Number(7)));
  }
}
