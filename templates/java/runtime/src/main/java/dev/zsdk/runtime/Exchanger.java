package dev.zsdk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends one HTTP request through the interceptors and the transport, within its timeout; a
 * transport failure becomes an {@link ApiConnectionException} or {@link ApiTimeoutException}.
 */
final class Exchanger {
  private final ClientCore core;

  Exchanger(ClientCore core) {
    this.core = core;
  }

  /** Sends a request; track is given the future to cancel to abort it. */
  CompletableFuture<HttpResponseData> exchange(
      HttpRequestData request, Duration timeout, Consumer<CompletableFuture<?>> track) {
    HttpRequestData sent = request;
    for (Interceptor interceptor : core.interceptors) {
      sent = interceptor.onRequest(sent);
    }
    HttpRequestData finalRequest = sent;
    CompletableFuture<HttpResponseData> transport;
    try {
      transport = core.transport.send(finalRequest);
    } catch (RuntimeException e) {
      transport = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpResponseData> timed = new CompletableFuture<>();
    CompletableFuture<HttpResponseData> inner = transport;
    inner.whenComplete(
        (r, e) -> {
          if (e == null) {
            HttpResponseData response = r;
            try {
              for (Interceptor interceptor : core.interceptors) {
                response = interceptor.onResponse(finalRequest, response);
              }
              timed.complete(response);
            } catch (RuntimeException failure) {
              timed.completeExceptionally(failure);
            }
          } else {
            timed.completeExceptionally(transportError(ClientCore.unwrap(e)));
          }
        });
    if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
      ScheduledFuture<?> timer =
          Timers.after(
              timeout,
              () -> {
                if (timed.completeExceptionally(
                    new ApiTimeoutException("Request timed out.", null))) {
                  inner.cancel(true);
                }
              });
      timed.whenComplete((r, e) -> timer.cancel(false));
    }
    timed.whenComplete(
        (r, e) -> {
          if (timed.isCancelled()) {
            inner.cancel(true);
          }
        });
    track.accept(timed);
    return timed;
  }

  private static Throwable transportError(Throwable e) {
    if (e instanceof ApiException || e instanceof CancellationException) {
      return e;
    }
    if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
      return new ApiTimeoutException("Request timed out.", e);
    }
    return new ApiConnectionException("Connection error.", e);
  }

  /** Reads a body to its end. */
  static byte[] readAll(InputStream in) {
    try (InputStream body = in) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new ApiConnectionException("Connection error.", e);
    }
  }
}
