package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends prepared calls: per try, fetch any token, apply credentials, send; a 401 on a refreshable
 * token drops it and tries once more (not counted as a retry); otherwise the retry table decides.
 * Waits between tries are scheduled, not slept, so no thread is blocked.
 */
final class Sender {
  /** A successful answer: its body buffered, or its stream for a streamed call. */
  record Response(
      int statusCode, Map<String, List<String>> headers, byte[] body, InputStream stream) {}

  /** A token refresh that failed for good: the call fails with its cause, without retrying. */
  static final class RefreshFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefreshFailed(Throwable cause) {
      super(cause);
    }
  }

  private final ClientCore core;
  private CompletableFuture<Void> tokenTail = CompletableFuture.completedFuture(null);

  Sender(ClientCore core) {
    this.core = core;
  }

  CompletableFuture<Response> send(Prepared p) {
    Tries tries = new Tries(p);
    tries.run();
    return tries.result;
  }

  /** The tries of one call. */
  private final class Tries {
    final Prepared p;
    final CompletableFuture<Response> result = new CompletableFuture<>();
    volatile CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
    int retries;
    boolean reauthed;

    Tries(Prepared p) {
      this.p = p;
      result.whenComplete(
          (r, e) -> {
            if (result.isCancelled()) {
              inFlight.cancel(true);
            }
          });
    }

    /** Keeps the request being sent, to abort it when the call is cancelled. */
    void track(CompletableFuture<?> sending) {
      inFlight = sending;
      if (result.isCancelled()) {
        sending.cancel(true);
      }
    }

    void run() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<Response> attempt = ensureTokens(p).thenCompose(v -> attempt(p, this));
      attempt.whenComplete(
          (response, error) -> {
            if (error == null) {
              if (!result.complete(response) && response.stream() != null) {
                closeQuietly(response.stream());
              }
              return;
            }
            Throwable cause = ClientCore.unwrap(error);
            if (cause instanceof RefreshFailed failed) {
              result.completeExceptionally(failed.getCause());
              return;
            }
            if (result.isDone() || cause instanceof CancellationException) {
              result.completeExceptionally(cause);
              return;
            }
            if (!reauthed && shouldReauth(p, cause)) {
              reauthed = true;
              run();
              return;
            }
            Duration delay = retryDelay(cause, retries, p.maxRetries);
            if (delay == null) {
              result.completeExceptionally(cause);
              return;
            }
            retries++;
            CompletableFuture<Void> wait = core.sleeper.apply(delay);
            inFlight = wait;
            wait.whenComplete(
                (v, e) -> {
                  if (e != null) {
                    result.completeExceptionally(ClientCore.unwrap(e));
                  } else {
                    run();
                  }
                });
          });
    }
  }

  private static boolean shouldReauth(Prepared p, Throwable error) {
    if (!(error instanceof ApiStatusException status) || status.statusCode() != 401) {
      return false;
    }
    boolean refreshable = false;
    for (AuthProvider provider : p.providers) {
      if (provider.invalidate()) {
        refreshable = true;
      }
    }
    return refreshable;
  }

  /** The wait before trying again after error, or {@code null} to give up. */
  Duration retryDelay(Throwable error, int retriesDone, int limit) {
    if (retriesDone >= Math.max(0, limit)) {
      return null;
    }
    if (error instanceof ApiStatusException status && status.statusCode() != 0) {
      if (!RetryPolicy.shouldRetry(status.statusCode(), status.headers())) {
        return null;
      }
      return RetryPolicy.delay(
          core,
          retriesDone,
          status.statusCode(),
          status.headers(),
          core.clock.instant(),
          core.jitter.getAsDouble());
    }
    if (error instanceof ApiConnectionException) {
      return RetryPolicy.delay(
          core, retriesDone, 0, null, core.clock.instant(), core.jitter.getAsDouble());
    }
    return null;
  }

  /** One try: send, then read an error status's body (or a buffered call's). */
  private CompletableFuture<Response> attempt(Prepared p, Tries tries) {
    return exchange(p.build(), p.timeout, tries::track)
        .thenApply(
            r -> {
              if (r.statusCode() >= 400 || !p.streamed) {
                byte[] body = readAll(r.body());
                if (r.statusCode() >= 400) {
                  throw ErrorBodies.statusError(r.statusCode(), r.headers(), body);
                }
                return new Response(r.statusCode(), r.headers(), body, null);
              }
              return new Response(r.statusCode(), r.headers(), null, r.body());
            });
  }

  private static byte[] readAll(InputStream in) {
    try (InputStream body = in) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new ApiConnectionException("Connection error.", e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the call was cancelled; nothing reads this body
    }
  }

  /** Sends one request through the interceptors and the transport, with the try's timeout. */
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

  /** Fetches the token of every provider that needs one, in turn. */
  private CompletableFuture<Void> ensureTokens(Prepared p) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (AuthProvider provider : p.providers) {
      chain =
          chain.thenCompose(
              v ->
                  provider.tokenRequest(core.clock.instant()) == null
                      ? CompletableFuture.completedFuture(null)
                      : fetchTokens(p, provider, 0));
    }
    return chain;
  }

  /**
   * Fetches a provider's token; a refresh of a provider with its own refresh retries is tried again
   * while the retry table and that limit allow, then ends the call. Any other failure fails the
   * try.
   */
  private CompletableFuture<Void> fetchTokens(Prepared p, AuthProvider provider, int tries) {
    return fetchToken(p, provider)
        .handle(
            (v, e) -> {
              if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              Throwable cause = ClientCore.unwrap(e);
              int limit = provider.maxRefreshRetries();
              if (limit < 0 || cause instanceof CancellationException) {
                return CompletableFuture.<Void>failedFuture(cause);
              }
              Duration delay = retryDelay(cause, tries, limit);
              if (delay == null) {
                return CompletableFuture.<Void>failedFuture(new RefreshFailed(cause));
              }
              return core.sleeper
                  .apply(delay)
                  .thenCompose(x -> fetchTokens(p, provider, tries + 1));
            })
        .thenCompose(f -> f);
  }

  /** One token fetch, one at a time per client; a token another call fetched meanwhile is kept. */
  private CompletableFuture<Void> fetchToken(Prepared p, AuthProvider provider) {
    return exclusive(
        () -> {
          TokenRequest token = provider.tokenRequest(core.clock.instant());
          if (token == null) {
            return CompletableFuture.completedFuture(null);
          }
          return sendToken(token, p.timeout, List.of())
              .thenAccept(body -> provider.acceptToken(body, core.clock.instant()));
        });
  }

  private synchronized CompletableFuture<Void> exclusive(Supplier<CompletableFuture<Void>> task) {
    CompletableFuture<Void> run = tokenTail.thenCompose(v -> task.get());
    tokenTail = run.handle((v, e) -> null);
    return run;
  }

  /** Makes a token endpoint call; gives its decoded body (text when not JSON). */
  CompletableFuture<JsonNode> sendToken(
      TokenRequest token, Duration timeout, List<String[]> extraHeaders) {
    String target = token.url();
    if (!target.startsWith("http://") && !target.startsWith("https://")) {
      target = Prepared.joinUrl(core.baseUrl, target);
    }
    var headers = Headers.create();
    if (!core.userAgent.isEmpty()) {
      headers.put("User-Agent", List.of(core.userAgent));
    }
    for (String[] header : core.defaultHeaders) {
      headers.put(header[0], List.of(header[1]));
    }
    for (String[] header : extraHeaders) {
      headers.put(header[0], List.of(header[1]));
    }
    headers.put("Accept", List.of("application/json"));
    byte[] body = new byte[0];
    if (token.form() != null) {
      List<String> pairs = new ArrayList<>();
      for (String[] pair : token.form()) {
        pairs.add(formEscape(pair[0]) + "=" + formEscape(pair[1]));
      }
      body = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
      headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
    } else if (token.json() != null) {
      body = Json.write(token.json()).getBytes(StandardCharsets.UTF_8);
      headers.put("Content-Type", List.of("application/json"));
    }
    HttpRequestData request =
        new HttpRequestData(token.method(), URI.create(target), headers, body, timeout, false);
    return exchange(request, timeout, sending -> {})
        .thenApply(
            r -> {
              byte[] data = readAll(r.body());
              if (r.statusCode() >= 400) {
                throw ErrorBodies.statusError(r.statusCode(), r.headers(), data);
              }
              JsonNode decoded = Json.tryParse(data);
              return decoded != null
                  ? decoded
                  : Json.mapper()
                      .getNodeFactory()
                      .textNode(new String(data, StandardCharsets.UTF_8));
            });
  }

  /** A form value as Go's url.QueryEscape writes it: percent-encoded, a space as {@code +}. */
  static String formEscape(String text) {
    return Wire.percent(text, false).replace("%20", "+");
  }
}
