package dev.zsdk.runtime;

import java.util.List;

/**
 * Where a login operation's ({@code x-zsdk-login}) tokens are in its response body and how they are
 * refreshed. Paths are lists of property names (tried inside a {@code data} envelope too); an empty
 * list or {@code ""} is none or the default.
 *
 * @param token the access token's path (default {@code access_token})
 * @param refreshToken the refresh token's path (empty: none)
 * @param expiresIn the lifetime's path, in seconds (empty: none)
 * @param refreshPath the refresh operation's path ({@code ""}: no refresh)
 * @param refreshMethod the refresh operation's method (default POST)
 * @param refreshParam the refresh request's JSON property (default {@code refresh_token})
 */
public record LoginSettings(
    List<String> token,
    List<String> refreshToken,
    List<String> expiresIn,
    String refreshPath,
    String refreshMethod,
    String refreshParam) {

  /**
   * The settings; the lists are copied and empty ones get their defaults.
   *
   * @param token the access token's path
   * @param refreshToken the refresh token's path
   * @param expiresIn the lifetime's path
   * @param refreshPath the refresh operation's path
   * @param refreshMethod the refresh operation's method
   * @param refreshParam the refresh request's JSON property
   */
  public LoginSettings {
    token = token == null || token.isEmpty() ? List.of("access_token") : List.copyOf(token);
    refreshToken = refreshToken == null ? List.of() : List.copyOf(refreshToken);
    expiresIn = expiresIn == null ? List.of() : List.copyOf(expiresIn);
    refreshPath = refreshPath == null ? "" : refreshPath;
    refreshMethod = refreshMethod == null || refreshMethod.isEmpty() ? "POST" : refreshMethod;
    refreshParam = refreshParam == null || refreshParam.isEmpty() ? "refresh_token" : refreshParam;
  }
}
