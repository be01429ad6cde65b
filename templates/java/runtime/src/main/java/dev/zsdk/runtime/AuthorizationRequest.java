package dev.zsdk.runtime;

/**
 * Where to send the user to authorize the app, and what to keep until they come back.
 *
 * @param url the authorization URL
 * @param state the state to check on the redirect
 * @param codeVerifier the PKCE verifier to give to the code exchange
 */
public record AuthorizationRequest(String url, String state, String codeVerifier) {}
