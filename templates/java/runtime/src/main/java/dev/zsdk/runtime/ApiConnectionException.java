package dev.zsdk.runtime;

/** A request that got no response: the connection failed or broke. The cause is kept. */
public class ApiConnectionException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * A connection failure.
   *
   * @param message the message
   * @param cause the transport's failure
   */
  public ApiConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
