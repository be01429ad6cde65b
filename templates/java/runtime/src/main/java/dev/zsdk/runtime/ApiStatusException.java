package dev.zsdk.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error status the API answered with (4xx or 5xx), or an {@code event: error} inside an event
 * stream (status 0). {@link #getMessage()} is the message read from the error body (the common
 * envelopes), else {@code "Error code: <status>"}; {@link #toString()} is the error's text, the
 * same in every SDK: {@code "404 Not Found: <message>"}.
 */
public class ApiStatusException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The status, 0 for an error event of a stream. */
  private final int statusCode;

  /** The response's headers. */
  private final transient Map<String, List<String>> headers;

  /** The raw body. */
  private final byte[] body;

  /** The machine-readable code of the body, or null. */
  private final String code;

  /** The field the body names, or null. */
  private final String field;

  /**
   * An error status.
   *
   * @param statusCode the status (0 for a stream's error event)
   * @param headers the response headers
   * @param body the raw body
   * @param message the message read from the body (or the stand-in)
   * @param code the code read from the body, or {@code null}
   * @param field the field the body names, or {@code null}
   */
  public ApiStatusException(
      int statusCode,
      Map<String, List<String>> headers,
      byte[] body,
      String message,
      String code,
      String field) {
    super(message, null);
    this.statusCode = statusCode;
    this.headers = Headers.copy(headers);
    this.body = body == null ? new byte[0] : body.clone();
    this.code = code;
    this.field = field;
  }

  /**
   * The HTTP status.
   *
   * @return the status, 0 for a stream's error event
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The response's headers (case-insensitive keys).
   *
   * @return the headers
   */
  public Map<String, List<String>> headers() {
    return headers;
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
   * The machine-readable code of the error body.
   *
   * @return the code
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /**
   * The field the error body names ({@code errors[0].field}, else {@code error.field}).
   *
   * @return the field
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /**
   * The raw response body.
   *
   * @return a copy of the body
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The response's rate-limit headers.
   *
   * @return the rate limit, empty without any of its headers
   */
  public Optional<RateLimit> rateLimit() {
    return RateLimit.from(headers);
  }

  /**
   * The error's text: {@code "<status> <reason>: <message>"}, without {@code ": <message>"} when
   * the body had none and without the reason for a status that has none; the message alone for a
   * stream's error event.
   *
   * @return the text
   */
  @Override
  public String toString() {
    String message = getMessage();
    if (statusCode == 0) {
      return message;
    }
    String reason = ReasonPhrases.of(statusCode);
    String text = reason == null ? Integer.toString(statusCode) : statusCode + " " + reason;
    boolean none =
        message == null || message.isEmpty() || message.equals("Error code: " + statusCode);
    return none ? text : text + ": " + message;
  }
}
