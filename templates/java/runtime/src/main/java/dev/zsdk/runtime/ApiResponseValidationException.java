package dev.zsdk.runtime;

/** A 2xx response whose body is not what the operation declares (or not JSON). */
public class ApiResponseValidationException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The raw body. */
  private final byte[] body;

  /**
   * A response the SDK could not read.
   *
   * @param message what was wrong
   * @param body the raw body
   * @param cause the decoder's failure, or {@code null}
   */
  public ApiResponseValidationException(String message, byte[] body, Throwable cause) {
    super(message, cause);
    this.body = body == null ? new byte[0] : body.clone();
  }

  /**
   * The raw response body.
   *
   * @return a copy of the body
   */
  public byte[] body() {
    return body.clone();
  }
}
