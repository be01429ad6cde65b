package dev.zsdk.runtime;

import java.time.Instant;

/**
 * An OAuth2 token set of the authorization-code flow.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or {@code null}
 * @param expiresAt when the access token expires, or {@code null} when not known
 * @param scope the granted scopes, space-separated, or {@code null}
 */
public record OAuthTokens(
    String accessToken, String refreshToken, Instant expiresAt, String scope) {

  /**
   * A token set without a scope.
   *
   * @param accessToken the access token
   * @param refreshToken the refresh token, or {@code null}
   * @param expiresAt when the access token expires, or {@code null}
   * @return the set
   */
  public static OAuthTokens of(String accessToken, String refreshToken, Instant expiresAt) {
    return new OAuthTokens(accessToken, refreshToken, expiresAt, null);
  }
}
