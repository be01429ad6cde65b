package dev.zsdk.runtime;

import java.util.List;
import java.util.Map;

/** The API answered 404 Not Found. */
public class NotFoundException extends ApiStatusException {
  private static final long serialVersionUID = 1L;

  /**
   * The error.
   *
   * @param statusCode the status
   * @param headers the response headers
   * @param body the raw body
   * @param message the message read from the body (or the stand-in)
   * @param code the code read from the body, or {@code null}
   * @param field the field the body names, or {@code null}
   */
  public NotFoundException(
      int statusCode,
      Map<String, List<String>> headers,
      byte[] body,
      String message,
      String code,
      String field) {
    super(statusCode, headers, body, message, code, field);
  }
}
