package dev.zsdk.runtime;

import java.util.Objects;

/**
 * How a parameter, or a form or multipart property, goes on the wire (OpenAPI's {@code style},
 * {@code explode}, {@code allowReserved}, the spec's {@code x-zsdk-deep-object} nesting and a
 * {@code content} media type). The generated code gives one only where it is not the location's
 * default: {@code Encoding.of("deepObject").explode().nesting("brackets")}. Immutable.
 */
public final class Encoding {
  static final Encoding SIMPLE = of("simple");
  static final Encoding FORM = of("form").explode();
  static final Encoding DEEP = of("deepObject").explode();

  private final String style;
  private final boolean explode;
  private final boolean allowReserved;
  private final String nesting;
  private final String contentType;

  private Encoding(
      String style, boolean explode, boolean allowReserved, String nesting, String contentType) {
    this.style = style;
    this.explode = explode;
    this.allowReserved = allowReserved;
    this.nesting = nesting;
    this.contentType = contentType;
  }

  /**
   * A style, not exploded, reserved characters encoded, arrays indexed, no content type.
   *
   * @param style simple, label, matrix, form, spaceDelimited, pipeDelimited or deepObject
   * @return the encoding
   */
  public static Encoding of(String style) {
    return new Encoding(style, false, false, "indexed", "");
  }

  /**
   * This encoding, exploded.
   *
   * @return the changed copy
   */
  public Encoding explode() {
    return new Encoding(style, true, allowReserved, nesting, contentType);
  }

  /**
   * This encoding, keeping RFC 3986's reserved characters in query and form values.
   *
   * @return the changed copy
   */
  public Encoding allowReserved() {
    return new Encoding(style, explode, true, nesting, contentType);
  }

  /**
   * This encoding with a deepObject array nesting.
   *
   * @param n indexed, brackets or repeat
   * @return the changed copy
   */
  public Encoding nesting(String n) {
    return new Encoding(style, explode, allowReserved, n, contentType);
  }

  /**
   * This encoding with a media type (a {@code content} parameter, a multipart part's type).
   *
   * @param c the media type
   * @return the changed copy
   */
  public Encoding contentType(String c) {
    return new Encoding(style, explode, allowReserved, nesting, c);
  }

  /**
   * The style.
   *
   * @return the style
   */
  public String style() {
    return style;
  }

  /**
   * Whether arrays and objects are spread over several pairs.
   *
   * @return the explode flag
   */
  public boolean isExploded() {
    return explode;
  }

  /**
   * Whether reserved characters are kept.
   *
   * @return the allowReserved flag
   */
  public boolean isAllowReserved() {
    return allowReserved;
  }

  /**
   * How deepObject writes arrays.
   *
   * @return indexed, brackets or repeat
   */
  public String nesting() {
    return nesting;
  }

  /**
   * The media type ({@code ""}: none).
   *
   * @return the media type
   */
  public String contentType() {
    return contentType;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Encoding that
        && style.equals(that.style)
        && explode == that.explode
        && allowReserved == that.allowReserved
        && nesting.equals(that.nesting)
        && contentType.equals(that.contentType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(style, explode, allowReserved, nesting, contentType);
  }

  @Override
  public String toString() {
    return "Encoding[" + style + (explode ? ", explode" : "") + "]";
  }
}
