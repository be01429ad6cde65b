package dev.zsdk.runtime;

/** The base of everything the SDK throws for a call that failed. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with a message and the failure that caused it.
   *
   * @param message the message
   * @param cause the cause, or {@code null}
   */
  public ApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
