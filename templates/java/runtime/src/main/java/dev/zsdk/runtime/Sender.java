package dev.zsdk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Sends prepared calls: per try, fetch any token, apply credentials, send; a 401 on a refreshable
 * token drops it and tries once more (not counted as a retry); otherwise the retry table decides.
 * Waits between tries are scheduled, not slept, so no thread is blocked.
 */
final class Sender {
  /** A successful answer: its body buffered, or its stream for a streamed call. */
  record Response(
      int statusCode, Map<String, List<String>> headers, byte[] body, InputStream stream) {}

  private final ClientCore core;

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
      CompletableFuture<Response> attempt =
          core.tokens.ensureTokens(p).thenCompose(v -> attempt(p, this));
      attempt.whenComplete(
          (response, error) -> {
            if (error == null) {
              if (!result.complete(response) && response.stream() != null) {
                closeQuietly(response.stream());
              }
              return;
            }
            Throwable cause = ClientCore.unwrap(error);
            if (cause instanceof TokenFetcher.RefreshFailed failed) {
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
            Duration delay = RetryPolicy.after(core, cause, retries, p.maxRetries);
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

  /** One try: send, then read an error status's body (or a buffered call's). */
  private CompletableFuture<Response> attempt(Prepared p, Tries tries) {
    return core.exchanger
        .exchange(p.build(), p.timeout, tries::track)
        .thenApply(
            r -> {
              if (r.statusCode() >= 400 || !p.streamed) {
                byte[] body = Exchanger.readAll(r.body());
                if (r.statusCode() >= 400) {
                  throw ErrorBodies.statusError(r.statusCode(), r.headers(), body);
                }
                return new Response(r.statusCode(), r.headers(), body, null);
              }
              return new Response(r.statusCode(), r.headers(), null, r.body());
            });
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the call was cancelled; nothing reads this body
    }
  }
}
