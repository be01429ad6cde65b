package dev.zsdk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A downloaded body, streamed: read it once with {@link #body()} or {@link #bytes()}, then close.
 */
public final class BinaryResponse implements AutoCloseable {
  private final InputStream body;
  private final Map<String, List<String>> headers;

  BinaryResponse(InputStream body, Map<String, List<String>> headers) {
    this.body = body;
    this.headers = Headers.copy(headers);
  }

  /**
   * The body as a stream (read once).
   *
   * @return the stream
   */
  public InputStream body() {
    return body;
  }

  /**
   * Reads the whole body and closes it.
   *
   * @return the bytes
   * @throws ApiConnectionException when the connection broke
   */
  public byte[] bytes() {
    try (InputStream in = body) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ApiConnectionException("Connection error: " + e.getMessage(), e);
    }
  }

  /**
   * The {@code Content-Type} header.
   *
   * @return the content type
   */
  public Optional<String> contentType() {
    return Headers.first(headers, "content-type");
  }

  /**
   * The response headers.
   *
   * @return the headers (case-insensitive keys)
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Closes the body, releasing the connection. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
