package dev.zsdk.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one HTTP request. The default is {@link JdkHttpTransport} ({@code java.net.http}); give
 * another to the client builder to use another HTTP library or to script responses in tests.
 * Cancelling the returned future should abort the request.
 */
@FunctionalInterface
public interface HttpTransport {
  /**
   * Sends a request. A failure to connect or a broken connection completes the future with an
   * {@link java.io.IOException} (a timeout: {@link java.net.http.HttpTimeoutException}).
   *
   * @param request the request
   * @return the response, once its headers arrived (and its body, unless {@link
   *     HttpRequestData#streamed()})
   */
  CompletableFuture<HttpResponseData> send(HttpRequestData request);
}
