package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Fetches the tokens providers ask for (client credentials, login refreshes, OAuth2 refreshes), one
 * at a time per client, and makes the OAuth helpers' token endpoint calls.
 */
final class TokenFetcher {
  /** A token refresh that failed for good: the call fails with its cause, without retrying. */
  static final class RefreshFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefreshFailed(Throwable cause) {
      super(cause);
    }
  }

  private final ClientCore core;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  TokenFetcher(ClientCore core) {
    this.core = core;
  }

  /** Fetches the token of every provider that needs one, in turn. */
  CompletableFuture<Void> ensureTokens(Prepared p) {
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
              Duration delay = RetryPolicy.after(core, cause, tries, limit);
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

  /** Runs task once every fetch queued before it has ended (the queue's lock is not held). */
  private CompletableFuture<Void> exclusive(Supplier<CompletableFuture<Void>> task) {
    CompletableFuture<Void> turn = new CompletableFuture<>();
    CompletableFuture<Void> previous;
    synchronized (this) {
      previous = tail;
      tail = turn;
    }
    return previous.thenCompose(v -> task.get()).whenComplete((v, e) -> turn.complete(null));
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
    return core.exchanger
        .exchange(request, timeout, sending -> {})
        .thenApply(
            r -> {
              byte[] data = Exchanger.readAll(r.body());
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
