package dev.zsdk.runtime;

import java.util.List;

/**
 * The URLs of an authorization-code flow (each absolute or relative to the base URL) and the API's
 * scopes.
 *
 * @param authorizationUrl where the user is sent
 * @param tokenUrl where a code is exchanged
 * @param refreshUrl where a token is refreshed
 * @param revokeUrl where a token is revoked ({@code ""}: the API has no revocation)
 * @param scopes every scope of the API, in spec order
 */
public record OAuthEndpoints(
    String authorizationUrl,
    String tokenUrl,
    String refreshUrl,
    String revokeUrl,
    List<String> scopes) {

  /**
   * The endpoints; the scopes are copied.
   *
   * @param authorizationUrl where the user is sent
   * @param tokenUrl where a code is exchanged
   * @param refreshUrl where a token is refreshed
   * @param revokeUrl where a token is revoked ({@code ""}: none)
   * @param scopes every scope of the API
   */
  public OAuthEndpoints {
    scopes = List.copyOf(scopes);
  }
}
