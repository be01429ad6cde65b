package dev.zsdk.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call's value with the HTTP response it came from.
 *
 * @param <T> the value's type
 */
public final class RawResponse<T> {
  private final T value;
  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  RawResponse(T value, int statusCode, Map<String, List<String>> headers, byte[] body) {
    this.value = value;
    this.statusCode = statusCode;
    this.headers = Headers.copy(headers);
    this.body = body == null ? new byte[0] : body;
  }

  /**
   * The call's value.
   *
   * @return the value ({@code null} for a call without one)
   */
  public T value() {
    return value;
  }

  /**
   * The HTTP status.
   *
   * @return the status
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The headers (case-insensitive keys).
   *
   * @return the headers
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the name, any case
   * @return the value
   */
  public Optional<String> header(String name) {
    return Headers.first(headers, name);
  }

  /**
   * The raw body (empty for a streamed one: events, downloads).
   *
   * @return a copy of the body
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The {@code x-request-id} (or {@code request-id}) header.
   *
   * @return the request id
   */
  public Optional<String> requestId() {
    return Headers.requestId(headers);
  }

  /**
   * The rate-limit headers.
   *
   * @return the rate limit, empty without any of its headers
   */
  public Optional<RateLimit> rateLimit() {
    return RateLimit.from(headers);
  }
}
