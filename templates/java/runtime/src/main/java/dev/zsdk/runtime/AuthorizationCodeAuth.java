package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a token set's access token and refreshes it before it expires; the fallback (a scheme that
 * also has client credentials) authenticates while there is no token set.
 */
final class AuthorizationCodeAuth extends AuthProvider {
  final OAuthEndpoints endpoints;
  final String clientId;
  private final String clientSecret;
  private final AuthProvider fallback;
  private Consumer<OAuthTokens> onTokens;
  private Duration refreshBuffer = Duration.ofMinutes(1);
  private OAuthTokens tokens;
  private Duration lifetime;
  private boolean fallbackPending;

  AuthorizationCodeAuth(
      OAuthEndpoints endpoints,
      String clientId,
      String clientSecret,
      OAuthTokens tokens,
      AuthProvider fallback,
      Consumer<OAuthTokens> onTokens) {
    this.endpoints = endpoints;
    this.clientId = clientId == null ? "" : clientId;
    this.clientSecret = clientSecret;
    this.tokens = tokens;
    this.fallback = fallback;
    this.onTokens = onTokens;
  }

  List<String[]> clientForm(List<String[]> form) {
    List<String[]> out = new ArrayList<>(form);
    out.add(new String[] {"client_id", clientId});
    if (StaticAuth.given(clientSecret)) {
      out.add(new String[] {"client_secret", clientSecret});
    }
    return out;
  }

  synchronized OAuthTokens tokens() {
    return tokens;
  }

  synchronized void setTokens(OAuthTokens tokens) {
    this.tokens = tokens;
    this.lifetime = null;
  }

  synchronized void onTokens(Consumer<OAuthTokens> hook) {
    this.onTokens = hook;
  }

  /** Takes a token response: the new set replaces the old (keeping its refresh token if none). */
  OAuthTokens store(JsonNode body, Instant now) {
    String access = JsonPath.text(JsonPath.field(body, List.of("access_token")));
    if (access == null || access.isEmpty()) {
      throw new ApiResponseValidationException("Token response has no access_token", null, null);
    }
    String refresh = JsonPath.text(JsonPath.field(body, List.of("refresh_token")));
    String scope = JsonPath.text(JsonPath.field(body, List.of("scope")));
    Instant expiresAt = Tokens.expiry(body, List.of("expires_in"), now);
    OAuthTokens stored;
    Consumer<OAuthTokens> hook;
    synchronized (this) {
      if ((refresh == null || refresh.isEmpty()) && tokens != null) {
        refresh = tokens.refreshToken();
      }
      stored = new OAuthTokens(access, refresh, expiresAt, scope);
      lifetime = expiresAt == null ? null : Duration.between(now, expiresAt);
      tokens = stored;
      hook = onTokens;
    }
    if (hook != null) {
      hook.accept(stored);
    }
    return stored;
  }

  /** The refresh call of the current set, or {@code null} without a refresh token. */
  synchronized TokenRequest refreshRequest() {
    if (tokens == null || !StaticAuth.given(tokens.refreshToken())) {
      return null;
    }
    List<String[]> form = new ArrayList<>();
    form.add(new String[] {"grant_type", "refresh_token"});
    form.add(new String[] {"refresh_token", tokens.refreshToken()});
    return TokenRequest.post(endpoints.refreshUrl(), clientForm(form));
  }

  @Override
  boolean hasCredentials() {
    synchronized (this) {
      if (tokens != null) {
        return true;
      }
    }
    return fallback != null && fallback.hasCredentials();
  }

  @Override
  void configure(Duration refreshBuffer, int refreshRetries) {
    synchronized (this) {
      this.refreshBuffer = refreshBuffer;
    }
    if (fallback != null) {
      fallback.configure(refreshBuffer, refreshRetries);
    }
  }

  @Override
  synchronized TokenRequest tokenRequest(Instant now) {
    fallbackPending = false;
    if (tokens == null) {
      if (fallback == null) {
        return null;
      }
      TokenRequest request = fallback.tokenRequest(now);
      fallbackPending = request != null;
      return request;
    }
    Duration buffer = refreshBuffer;
    if (lifetime != null && !lifetime.isZero() && lifetime.dividedBy(2).compareTo(buffer) < 0) {
      buffer = lifetime.dividedBy(2);
    }
    if (!StaticAuth.given(tokens.refreshToken())
        || !Tokens.stale(tokens.expiresAt(), now, buffer)) {
      return null;
    }
    return refreshRequest();
  }

  @Override
  void acceptToken(JsonNode body, Instant now) {
    boolean pending;
    synchronized (this) {
      pending = fallbackPending;
    }
    if (pending) {
      fallback.acceptToken(body, now);
    } else {
      store(body, now);
    }
  }

  @Override
  void apply(AttemptRequest request) {
    OAuthTokens current = tokens();
    if (current != null) {
      request.setHeader("Authorization", "Bearer " + current.accessToken());
    } else if (fallback != null) {
      fallback.apply(request);
    }
  }

  @Override
  boolean invalidate() {
    synchronized (this) {
      if (tokens != null) {
        if (!StaticAuth.given(tokens.refreshToken())) {
          return false;
        }
        tokens =
            new OAuthTokens(
                tokens.accessToken(), tokens.refreshToken(), Instant.EPOCH, tokens.scope());
        return true;
      }
    }
    return fallback != null && fallback.invalidate();
  }
}
