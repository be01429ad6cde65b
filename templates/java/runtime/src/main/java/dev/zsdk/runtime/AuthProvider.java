package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one security scheme's credential goes on requests; made by the static factories. A provider
 * whose credential is {@code null} (or empty) sends nothing, and the call tries the next security
 * alternative.
 */
public abstract class AuthProvider {
  AuthProvider() {}

  /** Whether it has a credential to send. */
  abstract boolean hasCredentials();

  /** Puts the credential on a try's request. */
  abstract void apply(AttemptRequest request);

  /** A call to make before {@link #apply}, or {@code null} when ready. */
  TokenRequest tokenRequest(Instant now) {
    return null;
  }

  /** Takes the decoded 2xx body of the call {@link #tokenRequest} asked for. */
  void acceptToken(JsonNode body, Instant now) {}

  /** Drops a token after a 401; true when a fresh one can be fetched. */
  boolean invalidate() {
    return false;
  }

  /** Takes the client's refresh settings. */
  void configure(Duration refreshBuffer, int refreshRetries) {}

  /** How many times a failed token refresh is tried again on its own; -1: by the call's retries. */
  int maxRefreshRetries() {
    return -1;
  }

  /**
   * An API key in a header, query parameter or cookie.
   *
   * @param paramName the header, parameter or cookie name
   * @param location header, query or cookie
   * @param key the key, or {@code null}
   * @return the provider
   */
  public static AuthProvider apiKey(String paramName, String location, String key) {
    return new StaticAuth.ApiKey(paramName, location, key);
  }

  /**
   * {@code Authorization: Bearer <token>}.
   *
   * @param token the token, or {@code null}
   * @return the provider
   */
  public static AuthProvider bearer(String token) {
    return new StaticAuth.Bearer(token);
  }

  /**
   * {@code Authorization: Basic base64(user:password)}.
   *
   * @param user the user name, or {@code null}
   * @param password the password
   * @return the provider
   */
  public static AuthProvider basic(String user, String password) {
    return new StaticAuth.Basic(user, password);
  }

  /**
   * The OAuth2 client-credentials grant: a token fetched on first use and again before it expires.
   *
   * @param tokenUrl the token URL, absolute or relative to the base URL
   * @param id the client id, or {@code null}
   * @param secret the client secret
   * @return the provider
   */
  public static AuthProvider clientCredentials(String tokenUrl, String id, String secret) {
    return clientCredentials(tokenUrl, id, secret, List.of());
  }

  /**
   * The OAuth2 client-credentials grant asking for scopes.
   *
   * @param tokenUrl the token URL, absolute or relative to the base URL
   * @param id the client id, or {@code null}
   * @param secret the client secret
   * @param scopes the scopes asked for (empty: none sent)
   * @return the provider
   */
  public static AuthProvider clientCredentials(
      String tokenUrl, String id, String secret, List<String> scopes) {
    return new ClientCredentialsAuth(tokenUrl, id, secret, scopes);
  }

  /**
   * The OAuth2 authorization-code flow (see {@link ClientCore#oauth}).
   *
   * @param e the flow's endpoints
   * @param id the client id, or {@code null}
   * @param secret the client secret, or {@code null}
   * @param tokens the token set to start with, or {@code null}
   * @param fallback the provider used while there is no token set (client credentials), or {@code
   *     null}
   * @return the provider
   */
  public static AuthProvider authorizationCode(
      OAuthEndpoints e, String id, String secret, OAuthTokens tokens, AuthProvider fallback) {
    return authorizationCode(e, id, secret, tokens, fallback, null);
  }

  /**
   * The OAuth2 authorization-code flow with a hook called with every new token set.
   *
   * @param e the flow's endpoints
   * @param id the client id, or {@code null}
   * @param secret the client secret, or {@code null}
   * @param tokens the token set to start with, or {@code null}
   * @param fallback the provider used while there is no token set, or {@code null}
   * @param onTokens called with each new set (exchange and refresh), or {@code null}
   * @return the provider
   */
  public static AuthProvider authorizationCode(
      OAuthEndpoints e,
      String id,
      String secret,
      OAuthTokens tokens,
      AuthProvider fallback,
      Consumer<OAuthTokens> onTokens) {
    return new AuthorizationCodeAuth(e, id, secret, tokens, fallback, onTokens);
  }

  /**
   * A token obtained by a login operation ({@code x-zsdk-login}), refreshed before it expires.
   *
   * @param accessToken the token to start with, or {@code null} until a login
   * @param s where the tokens are in the login's response and how they are refreshed
   * @return the provider
   */
  public static AuthProvider login(String accessToken, LoginSettings s) {
    return new LoginTokenAuth(accessToken, s);
  }
}
