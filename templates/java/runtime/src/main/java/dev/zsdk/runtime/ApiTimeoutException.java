package dev.zsdk.runtime;

/** A request that got no response within its timeout. */
public class ApiTimeoutException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * A timeout.
   *
   * @param message the message
   * @param cause the transport's failure, or {@code null}
   */
  public ApiTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
