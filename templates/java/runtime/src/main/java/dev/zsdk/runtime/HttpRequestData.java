package dev.zsdk.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the transport sends it: every try of a call, and every token request, is one.
 * Immutable; {@link #withHeader} and {@link #withUri} give changed copies (for an {@link
 * Interceptor}).
 *
 * @param method the HTTP method
 * @param uri the absolute URL, query included
 * @param headers the headers (case-insensitive names)
 * @param body the body bytes, empty for none
 * @param timeout how long to wait for the response ({@code null}: no limit)
 * @param streamed whether the response body is read as a stream (events, downloads)
 */
public record HttpRequestData(
    String method,
    URI uri,
    Map<String, List<String>> headers,
    byte[] body,
    Duration timeout,
    boolean streamed) {

  /**
   * A request; the headers and body are copied.
   *
   * @param method the HTTP method
   * @param uri the absolute URL, query included
   * @param headers the headers
   * @param body the body bytes, empty for none
   * @param timeout how long to wait for the response ({@code null}: no limit)
   * @param streamed whether the response body is read as a stream
   */
  public HttpRequestData {
    headers = Headers.copy(headers);
    body = body == null ? new byte[0] : body.clone();
  }

  /**
   * The body bytes.
   *
   * @return a copy of the body
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The first value of a header.
   *
   * @param name the header's name, any case
   * @return the value
   */
  public Optional<String> header(String name) {
    return Headers.first(headers, name);
  }

  /**
   * This request with a header set (replacing its values).
   *
   * @param name the header's name
   * @param value the value
   * @return the changed copy
   */
  public HttpRequestData withHeader(String name, String value) {
    TreeMap<String, List<String>> changed = Headers.mutable(headers);
    changed.put(name, List.of(value));
    return new HttpRequestData(method, uri, changed, body, timeout, streamed);
  }

  /**
   * This request sent to another URL.
   *
   * @param target the absolute URL
   * @return the changed copy
   */
  public HttpRequestData withUri(URI target) {
    return new HttpRequestData(method, target, headers, body, timeout, streamed);
  }
}
