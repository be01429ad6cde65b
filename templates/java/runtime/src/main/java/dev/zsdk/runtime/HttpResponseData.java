package dev.zsdk.runtime;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response as the transport received it; the body is read once (by the SDK, or by whoever
 * replaces the response in an {@link Interceptor}).
 *
 * @param statusCode the status
 * @param headers the headers (case-insensitive names)
 * @param body the body, read once
 */
public record HttpResponseData(
    int statusCode, Map<String, List<String>> headers, InputStream body) {

  /**
   * A response; the headers are copied.
   *
   * @param statusCode the status
   * @param headers the headers
   * @param body the body, read once
   */
  public HttpResponseData {
    headers = Headers.copy(headers);
    body = body == null ? InputStream.nullInputStream() : body;
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
}
