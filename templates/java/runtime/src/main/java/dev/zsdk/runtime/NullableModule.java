package dev.zsdk.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson support for {@link Nullable}: an absent field is not written, an explicit null is written
 * as {@code null}, and reading a JSON {@code null} gives {@link Nullable#ofNull()}. {@link
 * Json#mapper()} registers it; register it on another mapper to read and write the models there.
 */
public final class NullableModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The module. */
  public NullableModule() {
    super("zsdk-nullable");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addSerializers(new NullableSerializers());
    context.addDeserializers(new NullableDeserializers());
    context.addBeanSerializerModifier(new SkipAbsent());
  }

  private static final class NullableSerializers extends Serializers.Base {
    @Override
    public JsonSerializer<?> findSerializer(
        SerializationConfig config, JavaType type, BeanDescription beanDesc) {
      return Nullable.class.isAssignableFrom(type.getRawClass()) ? new NullableSerializer() : null;
    }
  }

  private static final class NullableDeserializers extends Deserializers.Base {
    @Override
    public JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
      return type.getRawClass() == Nullable.class
          ? new NullableDeserializer(type.containedTypeOrUnknown(0))
          : null;
    }
  }

  private static final class NullableSerializer extends StdSerializer<Nullable<?>> {
    private static final long serialVersionUID = 1L;

    NullableSerializer() {
      super(Nullable.class, false);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Nullable<?> value) {
      return value == null || value.isAbsent();
    }

    @Override
    public void serialize(Nullable<?> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value.value().isPresent()) {
        provider.defaultSerializeValue(value.value().get(), gen);
      } else {
        gen.writeNull();
      }
    }
  }

  private static final class NullableDeserializer extends StdDeserializer<Nullable<?>> {
    private static final long serialVersionUID = 1L;
    private final JavaType valueType;

    NullableDeserializer(JavaType valueType) {
      super(Nullable.class);
      this.valueType = valueType;
    }

    @Override
    public Nullable<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Nullable.of(ctxt.readValue(p, valueType));
    }

    @Override
    public Nullable<?> getNullValue(DeserializationContext ctxt) {
      return Nullable.ofNull();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return Nullable.absent();
    }
  }

  /** Replaces the writer of every {@code Nullable} property by one that skips an absent value. */
  private static final class SkipAbsent extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription beanDesc, List<BeanPropertyWriter> writers) {
      List<BeanPropertyWriter> changed = new ArrayList<>(writers.size());
      for (BeanPropertyWriter writer : writers) {
        changed.add(
            Nullable.class.isAssignableFrom(writer.getType().getRawClass())
                ? new AbsentSkippingWriter(writer)
                : writer);
      }
      return changed;
    }
  }

  private static final class AbsentSkippingWriter extends BeanPropertyWriter {
    private static final long serialVersionUID = 1L;

    AbsentSkippingWriter(BeanPropertyWriter base) {
      super(base);
    }

    @Override
    public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov)
        throws Exception {
      if (get(bean) instanceof Nullable<?> value && !value.isAbsent()) {
        super.serializeAsField(bean, gen, prov);
      }
    }
  }
}
