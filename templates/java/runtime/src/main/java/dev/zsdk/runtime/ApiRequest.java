package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one operation call asks for: method, path, parameters, body, security. The generated code
 * builds one per call; the client turns it into HTTP (once, however many tries it takes). A value
 * of {@code null} is not sent.
 */
public final class ApiRequest {
  /** A path, header or cookie parameter with its encoding. */
  record Param(String name, Object value, Encoding enc) {}

  /** A multipart property: a file (or files) or a value with its encoding, when it has one. */
  record Part(String name, Object value, Encoding enc, boolean file) {}

  final String method;
  final String pathTemplate;
  String url;
  final List<Param> pathParams = new ArrayList<>();
  QueryParams query = QueryParams.EMPTY;
  final List<Param> headers = new ArrayList<>();
  final List<Param> cookies = new ArrayList<>();
  Object jsonBody;
  boolean hasJson;
  Object formBody;
  boolean hasForm;
  final Map<String, Encoding> encodings = new LinkedHashMap<>();
  final List<Part> parts = new ArrayList<>();
  byte[] content;
  String contentType;
  List<List<String>> security;
  boolean idempotent;
  List<String> envelope = List.of();
  String accept;

  /**
   * A call of a method on a path template.
   *
   * @param method the HTTP method
   * @param pathTemplate the path, with {@code {name}} for each path parameter
   */
  public ApiRequest(String method, String pathTemplate) {
    this.method = method;
    this.pathTemplate = pathTemplate;
  }

  /** A copy, for the next page. */
  ApiRequest copy() {
    ApiRequest c = new ApiRequest(method, pathTemplate);
    c.url = url;
    c.pathParams.addAll(pathParams);
    c.query = query;
    c.headers.addAll(headers);
    c.cookies.addAll(cookies);
    c.jsonBody = jsonBody;
    c.hasJson = hasJson;
    c.formBody = formBody;
    c.hasForm = hasForm;
    c.encodings.putAll(encodings);
    c.parts.addAll(parts);
    c.content = content;
    c.contentType = contentType;
    c.security = security;
    c.idempotent = idempotent;
    c.envelope = envelope;
    c.accept = accept;
    return c;
  }

  /**
   * Fills {@code {wire}} in the path.
   *
   * @param wire the parameter's name
   * @param value its value
   * @param enc its encoding ({@code null}: simple)
   * @return this request
   * @throws IllegalArgumentException when the value is missing or empty
   */
  public ApiRequest pathParam(String wire, Object value, Encoding enc) {
    Encoding e = enc == null ? Encoding.SIMPLE : enc;
    JsonNode tree = Wire.paramValue(value, e);
    if (tree == null) {
      throw new IllegalArgumentException("path parameter " + wire + " is missing");
    }
    if (WireSyntax.URL.simpleText(wire, tree, e).isEmpty()
        || (tree.isTextual() && tree.textValue().isEmpty())) {
      throw new IllegalArgumentException("path parameter " + wire + " must not be empty");
    }
    pathParams.add(new Param(wire, value, e));
    return this;
  }

  /**
   * Adds a query parameter, in call order (an absent one keeps its place).
   *
   * @param wire the parameter's name
   * @param value its value, or {@code null}
   * @param enc its encoding ({@code null}: form, exploded)
   * @return this request
   */
  public ApiRequest query(String wire, Object value, Encoding enc) {
    Encoding e = enc == null ? Encoding.FORM : enc;
    JsonNode tree = Wire.paramValue(value, e);
    query = query.append(wire, tree == null ? List.of() : WireSyntax.URL.pairs(wire, tree, e));
    return this;
  }

  /**
   * Sets a header parameter.
   *
   * @param wire the header's name
   * @param value its value, or {@code null}
   * @param enc its encoding ({@code null}: simple)
   * @return this request
   */
  public ApiRequest header(String wire, Object value, Encoding enc) {
    headers.add(new Param(wire, value, enc == null ? Encoding.SIMPLE : enc));
    return this;
  }

  /**
   * Sends a cookie parameter.
   *
   * @param wire the cookie's name
   * @param value its value, or {@code null}
   * @param enc its encoding ({@code null}: form, exploded)
   * @return this request
   */
  public ApiRequest cookie(String wire, Object value, Encoding enc) {
    cookies.add(new Param(wire, value, enc == null ? Encoding.FORM : enc));
    return this;
  }

  /**
   * Sends a JSON body.
   *
   * @param body the body (a model, list, map or scalar)
   * @return this request
   */
  public ApiRequest jsonBody(Object body) {
    this.jsonBody = body;
    this.hasJson = true;
    return this;
  }

  /**
   * Sends an {@code application/x-www-form-urlencoded} body, its properties in their order; one
   * with nothing to send sends no body.
   *
   * @param body the body (a model or map)
   * @return this request
   */
  public ApiRequest formBody(Object body) {
    this.formBody = body;
    this.hasForm = true;
    return this;
  }

  /**
   * Says how a form or multipart property is written when it is not by its default.
   *
   * @param wire the property's name
   * @param enc its encoding
   * @return this request
   */
  public ApiRequest fieldEncoding(String wire, Encoding enc) {
    encodings.put(wire, enc);
    return this;
  }

  /**
   * Adds a multipart property (an absent one is left out).
   *
   * @param wire the property's name
   * @param value its value, or {@code null}
   * @param enc its encoding, or {@code null}
   * @return this request
   */
  public ApiRequest multipartField(String wire, Object value, Encoding enc) {
    parts.add(new Part(wire, value, enc, false));
    return this;
  }

  /**
   * Adds a multipart file property.
   *
   * @param wire the property's name
   * @param files a {@link FileUpload}, a {@code List<FileUpload>} or {@code null}
   * @return this request
   */
  public ApiRequest fileField(String wire, Object files) {
    parts.add(new Part(wire, files, null, true));
    return this;
  }

  /**
   * Sends a binary body, read now.
   *
   * @param body {@code byte[]}, {@link Path}, {@link InputStream} or {@link FileUpload}
   * @param mediaType its media type ({@code null}: {@code application/octet-stream}; a file's own
   *     content type wins)
   * @return this request
   * @throws UncheckedIOException when the body cannot be read
   */
  public ApiRequest binaryBody(Object body, String mediaType) {
    String type = mediaType == null || mediaType.isEmpty() ? "application/octet-stream" : mediaType;
    try {
      if (body instanceof byte[] bytes) {
        content = bytes.clone();
      } else if (body instanceof Path path) {
        content = Files.readAllBytes(path);
      } else if (body instanceof InputStream in) {
        content = in.readAllBytes();
      } else if (body instanceof FileUpload file) {
        content = file.bytes();
        type = file.contentType().orElse(type);
      } else if (body instanceof String text) {
        content = text.getBytes(StandardCharsets.UTF_8);
      } else if (body != null) {
        throw new IllegalArgumentException(
            "a binary body must be byte[], Path, InputStream or FileUpload, got "
                + body.getClass().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    contentType = type;
    return this;
  }

  /**
   * Sends a text body.
   *
   * @param body the text
   * @param mediaType its media type ({@code null}: {@code text/plain})
   * @return this request
   */
  public ApiRequest textBody(String body, String mediaType) {
    content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    contentType = mediaType == null || mediaType.isEmpty() ? "text/plain" : mediaType;
    return this;
  }

  /**
   * Sets the operation's security alternatives (each a list of scheme names); none makes it public.
   *
   * @param alternatives the alternatives
   * @return this request
   */
  public ApiRequest security(List<List<String>> alternatives) {
    this.security = List.copyOf(alternatives);
    return this;
  }

  /**
   * Gives the call an {@code Idempotency-Key}, the same on every try.
   *
   * @return this request
   */
  public ApiRequest idempotent() {
    this.idempotent = true;
    return this;
  }

  /**
   * Says where the payload is inside the response body.
   *
   * @param path the property names leading to it
   * @return this request
   */
  public ApiRequest envelope(List<String> path) {
    this.envelope = List.copyOf(path);
    return this;
  }

  /**
   * Sets the {@code Accept} header (default {@code application/json}).
   *
   * @param mediaType the media type
   * @return this request
   */
  public ApiRequest accept(String mediaType) {
    this.accept = mediaType;
    return this;
  }

  /** The request for another page: a query value set in place. */
  ApiRequest withQueryValue(String name, String value) {
    ApiRequest next = copy();
    next.query = query.setValue(name, value);
    return next;
  }
}
