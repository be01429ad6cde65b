package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A token obtained by a login operation ({@code x-zsdk-login}), refreshed before it expires. */
final class LoginTokenAuth extends AuthProvider {
  private final LoginSettings settings;
  private Duration refreshBuffer = Duration.ofMinutes(1);
  private int refreshRetries = 2;
  private String accessToken;
  private String refreshToken;
  private Instant expiresAt;

  LoginTokenAuth(String accessToken, LoginSettings settings) {
    this.accessToken = StaticAuth.given(accessToken) ? accessToken : null;
    this.settings = settings;
  }

  /** Stores the tokens of a login or refresh response body. */
  void update(JsonNode body, Instant now) {
    String token = JsonPath.text(JsonPath.field(body, settings.token()));
    if (token == null || token.isEmpty()) {
      throw new ApiResponseValidationException(
          "Login response has no '" + String.join(".", settings.token()) + "'", null, null);
    }
    synchronized (this) {
      accessToken = token;
      if (!settings.refreshToken().isEmpty()) {
        String refresh = JsonPath.text(JsonPath.field(body, settings.refreshToken()));
        if (refresh != null && !refresh.isEmpty()) {
          refreshToken = refresh;
        }
      }
      expiresAt =
          settings.expiresIn().isEmpty() ? null : Tokens.expiry(body, settings.expiresIn(), now);
    }
  }

  private boolean canRefresh() {
    return refreshToken != null && !settings.refreshPath().isEmpty();
  }

  @Override
  synchronized boolean hasCredentials() {
    return accessToken != null || canRefresh();
  }

  @Override
  synchronized void configure(Duration refreshBuffer, int refreshRetries) {
    this.refreshBuffer = refreshBuffer;
    this.refreshRetries = Math.max(0, refreshRetries);
  }

  @Override
  synchronized int maxRefreshRetries() {
    return refreshRetries;
  }

  @Override
  synchronized TokenRequest tokenRequest(Instant now) {
    boolean needs = accessToken == null || Tokens.stale(expiresAt, now, refreshBuffer);
    if (!needs || !canRefresh()) {
      return null;
    }
    return new TokenRequest(
        settings.refreshMethod(),
        settings.refreshPath(),
        null,
        Map.of(settings.refreshParam(), refreshToken));
  }

  @Override
  void acceptToken(JsonNode body, Instant now) {
    update(body, now);
  }

  @Override
  synchronized void apply(AttemptRequest request) {
    if (accessToken != null) {
      request.setHeader("Authorization", "Bearer " + accessToken);
    }
  }

  @Override
  synchronized boolean invalidate() {
    if (!canRefresh()) {
      return false;
    }
    accessToken = null;
    return true;
  }
}
