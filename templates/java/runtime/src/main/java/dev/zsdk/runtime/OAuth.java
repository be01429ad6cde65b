package dev.zsdk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The OAuth2 authorization-code flow of a client (RFC 6749 §4.1) with PKCE (RFC 7636, S256) and
 * revocation (RFC 7009): send the user to {@link #authorizationUrl}, trade the code the redirect
 * brings with {@link #exchangeCode}; calls then send the access token and refresh it before it
 * expires. Errors of the token endpoints are {@link ApiStatusException}s.
 */
public final class OAuth {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClientCore core;
  private final AuthorizationCodeAuth provider;

  OAuth(ClientCore core, AuthorizationCodeAuth provider) {
    this.core = core;
    this.provider = provider;
  }

  /**
   * The current token set (after a refresh, the refreshed one).
   *
   * @return the set, empty when there is none
   */
  public Optional<OAuthTokens> tokens() {
    return Optional.ofNullable(provider.tokens());
  }

  /**
   * Makes the client send a token set (one stored from an earlier exchange).
   *
   * @param tokens the set, or {@code null} to forget it
   */
  public void setTokens(OAuthTokens tokens) {
    provider.setTokens(tokens);
  }

  /**
   * Sets the hook called with every new token set (exchange and refresh), to store rotated tokens.
   *
   * @param hook the hook, or {@code null}
   */
  public void onTokens(Consumer<OAuthTokens> hook) {
    provider.onTokens(hook);
  }

  /**
   * The PKCE S256 challenge of a verifier: BASE64URL(SHA-256(verifier)), unpadded.
   *
   * @param verifier the code verifier
   * @return the challenge
   */
  public static String pkceChallenge(String verifier) {
    try {
      byte[] sum =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String randomString(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * The URL to send the user to, with every scope of the API, a random state and a fresh verifier.
   *
   * @param redirectUri where the user comes back
   * @return the URL, state and verifier to keep
   */
  public AuthorizationRequest authorizationUrl(String redirectUri) {
    return authorizationUrl(redirectUri, null, null, null);
  }

  /**
   * The URL to send the user to.
   *
   * @param redirectUri where the user comes back
   * @param scopes the scopes asked for ({@code null}: every scope of the API; empty: none sent)
   * @param state the state ({@code null}: a random one)
   * @param codeVerifier the PKCE verifier ({@code null}: a fresh one)
   * @return the URL, state and verifier to keep
   */
  public AuthorizationRequest authorizationUrl(
      String redirectUri, List<String> scopes, String state, String codeVerifier) {
    String verifier = StaticAuth.given(codeVerifier) ? codeVerifier : randomString(48);
    String theState = StaticAuth.given(state) ? state : randomString(16);
    List<String> asked = scopes != null ? scopes : provider.endpoints.scopes();
    List<String[]> pairs = new ArrayList<>();
    pairs.add(new String[] {"response_type", "code"});
    pairs.add(new String[] {"client_id", provider.clientId});
    pairs.add(new String[] {"redirect_uri", redirectUri});
    if (!asked.isEmpty()) {
      pairs.add(new String[] {"scope", String.join(" ", asked)});
    }
    pairs.add(new String[] {"state", theState});
    pairs.add(new String[] {"code_challenge", pkceChallenge(verifier)});
    pairs.add(new String[] {"code_challenge_method", "S256"});
    List<String> query = new ArrayList<>();
    for (String[] pair : pairs) {
      query.add(Wire.percent(pair[0], false) + "=" + Wire.percent(pair[1], false));
    }
    String target = absolute(provider.endpoints.authorizationUrl());
    String separator = target.contains("?") ? "&" : "?";
    return new AuthorizationRequest(
        target + separator + String.join("&", query), theState, verifier);
  }

  private String absolute(String target) {
    return target.startsWith("http://") || target.startsWith("https://")
        ? target
        : Prepared.joinUrl(core.baseUrl, target);
  }

  /**
   * Trades the code the redirect brought for a token set; later calls send it.
   *
   * @param code the code
   * @param redirectUri the redirect URI the authorization URL had
   * @param codeVerifier the PKCE verifier, or {@code null}
   * @return the new set
   * @throws ApiStatusException when the token endpoint refused
   */
  public OAuthTokens exchangeCode(String code, String redirectUri, String codeVerifier) {
    return ClientCore.await(exchangeCodeAsync(code, redirectUri, codeVerifier));
  }

  /**
   * {@link #exchangeCode}, without blocking.
   *
   * @param code the code
   * @param redirectUri the redirect URI the authorization URL had
   * @param codeVerifier the PKCE verifier, or {@code null}
   * @return the new set
   */
  public CompletableFuture<OAuthTokens> exchangeCodeAsync(
      String code, String redirectUri, String codeVerifier) {
    List<String[]> form = new ArrayList<>();
    form.add(new String[] {"grant_type", "authorization_code"});
    form.add(new String[] {"code", code});
    form.add(new String[] {"redirect_uri", redirectUri});
    form = provider.clientForm(form);
    if (StaticAuth.given(codeVerifier)) {
      form.add(new String[] {"code_verifier", codeVerifier});
    }
    return send(TokenRequest.post(provider.endpoints.tokenUrl(), form))
        .thenApply(body -> provider.store(body, core.clock.instant()));
  }

  /**
   * Refreshes the token set now (calls refresh it by themselves before it expires).
   *
   * @return the new set
   * @throws IllegalStateException when there is no refresh token
   * @throws ApiStatusException when the token endpoint refused
   */
  public OAuthTokens refresh() {
    return ClientCore.await(refreshAsync());
  }

  /**
   * {@link #refresh}, without blocking.
   *
   * @return the new set
   */
  public CompletableFuture<OAuthTokens> refreshAsync() {
    TokenRequest request = provider.refreshRequest();
    if (request == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("there is no refresh token to refresh with"));
    }
    return send(request).thenApply(body -> provider.store(body, core.clock.instant()));
  }

  /**
   * Revokes a token; revoking the current set's forgets the set.
   *
   * @param token the token ({@code null}: the current refresh token, else the access token)
   * @throws IllegalStateException when the API has no revocation URL or there is no token
   * @throws ApiStatusException when the revocation endpoint refused
   */
  public void revoke(String token) {
    ClientCore.await(revokeAsync(token));
  }

  /**
   * {@link #revoke}, without blocking.
   *
   * @param token the token ({@code null}: the current set's)
   * @return completes when revoked
   */
  public CompletableFuture<Void> revokeAsync(String token) {
    if (provider.endpoints.revokeUrl().isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("this API has no token revocation URL"));
    }
    OAuthTokens current = provider.tokens();
    String revoked = token;
    if (!StaticAuth.given(revoked) && current != null) {
      revoked =
          StaticAuth.given(current.refreshToken()) ? current.refreshToken() : current.accessToken();
    }
    if (!StaticAuth.given(revoked)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("there is no token to revoke"));
    }
    List<String[]> form = new ArrayList<>();
    form.add(new String[] {"token", revoked});
    String sent = revoked;
    return send(TokenRequest.post(provider.endpoints.revokeUrl(), provider.clientForm(form)))
        .thenAccept(
            body -> {
              if (current != null
                  && (sent.equals(current.accessToken()) || sent.equals(current.refreshToken()))) {
                provider.setTokens(null);
              }
            });
  }

  private CompletableFuture<JsonNode> send(TokenRequest request) {
    return core.tokens.sendToken(request, core.timeout, List.of());
  }
}
