package dev.zsdk.runtime;

import java.util.Objects;
import java.util.Optional;

/**
 * An optional field that may also be an explicit JSON {@code null}: absent (not sent), null (sent
 * as {@code null}) or a value. The runtime's {@link Json#mapper()} writes an absent one not at all
 * and reads a JSON {@code null} as {@link #ofNull()}.
 *
 * @param <T> the value's type
 */
public final class Nullable<T> {
  private final T value;
  private final boolean present;

  private Nullable(T value, boolean present) {
    this.value = value;
    this.present = present;
  }

  /**
   * The absent state: the field is not sent.
   *
   * @param <T> the value's type
   * @return the absent state
   */
  public static <T> Nullable<T> absent() {
    return new Nullable<>(null, false);
  }

  /**
   * An explicit JSON {@code null}.
   *
   * @param <T> the value's type
   * @return the null state
   */
  public static <T> Nullable<T> ofNull() {
    return new Nullable<>(null, true);
  }

  /**
   * A value; {@code null} gives {@link #ofNull()}.
   *
   * @param <T> the value's type
   * @param value the value
   * @return the value state
   */
  public static <T> Nullable<T> of(T value) {
    return value == null ? ofNull() : new Nullable<>(value, true);
  }

  /**
   * Whether the field is absent.
   *
   * @return true when absent
   */
  public boolean isAbsent() {
    return !present;
  }

  /**
   * Whether the field is an explicit null.
   *
   * @return true when null
   */
  public boolean isNull() {
    return present && value == null;
  }

  /**
   * The value, empty when absent or null.
   *
   * @return the value
   */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Nullable<?> that
        && present == that.present
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(present, value);
  }

  @Override
  public String toString() {
    return !present
        ? "Nullable.absent"
        : value == null ? "Nullable.null" : "Nullable[" + value + "]";
  }
}
