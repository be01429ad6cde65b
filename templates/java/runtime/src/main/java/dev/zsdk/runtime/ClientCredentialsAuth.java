package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The OAuth2 client-credentials grant with a cached token, fetched on first use and again {@code
 * refreshBuffer} before it expires (at most half its lifetime early).
 */
final class ClientCredentialsAuth extends AuthProvider {
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final List<String> scopes;
  private Duration refreshBuffer = Duration.ofMinutes(1);
  private String accessToken;
  private Instant expiresAt;
  private Duration buffer = Duration.ofMinutes(1);

  ClientCredentialsAuth(
      String tokenUrl, String clientId, String clientSecret, List<String> scopes) {
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret == null ? "" : clientSecret;
    this.scopes = List.copyOf(scopes);
  }

  @Override
  boolean hasCredentials() {
    return StaticAuth.given(clientId);
  }

  @Override
  synchronized void configure(Duration refreshBuffer, int refreshRetries) {
    this.refreshBuffer = refreshBuffer;
    this.buffer = refreshBuffer;
  }

  @Override
  synchronized TokenRequest tokenRequest(Instant now) {
    if (accessToken != null && !Tokens.stale(expiresAt, now, buffer)) {
      return null;
    }
    List<String[]> form = new ArrayList<>();
    form.add(new String[] {"grant_type", "client_credentials"});
    if (!scopes.isEmpty()) {
      form.add(new String[] {"scope", String.join(" ", scopes)});
    }
    form.add(new String[] {"client_id", clientId});
    form.add(new String[] {"client_secret", clientSecret});
    return TokenRequest.post(tokenUrl, form);
  }

  @Override
  void acceptToken(JsonNode body, Instant now) {
    String token = JsonPath.text(JsonPath.field(body, List.of("access_token")));
    if (token == null || token.isEmpty()) {
      throw new ApiResponseValidationException("Token response has no access_token", null, null);
    }
    synchronized (this) {
      accessToken = token;
      expiresAt = Tokens.expiry(body, List.of("expires_in"), now);
      buffer = refreshBuffer;
      if (expiresAt != null) {
        Duration half = Duration.between(now, expiresAt).dividedBy(2);
        buffer = half.compareTo(refreshBuffer) < 0 ? half : refreshBuffer;
      }
    }
  }

  @Override
  synchronized void apply(AttemptRequest request) {
    if (accessToken != null) {
      request.setHeader("Authorization", "Bearer " + accessToken);
    }
  }

  @Override
  synchronized boolean invalidate() {
    accessToken = null;
    expiresAt = null;
    return hasCredentials();
  }
}
