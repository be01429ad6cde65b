/**
 * OAuth2 authorization code for third-party apps (RFC 6749 §4.1), with PKCE (RFC 7636, S256) and token
 * revocation (RFC 7009).
 *
 * An app sends its user to `client.oauth.authorizationUrl(...)`, gets a `code` back on its redirect URI and
 * trades it with `client.oauth.exchangeCode(...)`. From then on the client sends the access token and refreshes
 * it before it expires; a refresh may rotate the refresh token, and `onTokens` hears of every new set so the app
 * can store it. A client made with `tokens` picks up where a stored set left off. Times are ms since the epoch.
 */

import type { AuthProvider, RequestParts, TokenRequest } from './auth.js';
import { APIError } from './errors.js';
import { getPath, joinUrl, MISSING } from './url.js';

/** A token set; `expiresAt` is ms since the epoch (absent: not known). */
export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string | undefined;
  expiresAt?: number | undefined;
  scope?: string | undefined;
}

/** Where to send the user, and what to keep until they come back. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

/** The flow's URLs, each absolute or relative to the client's base URL, and the API's scopes. */
export interface OAuthEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  revokeUrl?: string | undefined;
  scopes: readonly string[];
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function randomString(bytes: number): string {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of a PKCE code verifier: `BASE64URL(SHA256(verifier))`. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh PKCE code verifier (64 URL-safe characters) and its S256 challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomString(48);
  return { verifier, challenge: await pkceChallenge(verifier) };
}

function field(body: unknown, name: string): unknown {
  const value = getPath(body, [name]);
  return value === MISSING ? getPath(getPath(body, ['data']), [name]) : value;
}

function post(url: string, form: Record<string, string>): TokenRequest {
  return { method: 'POST', url, form, headers: { Accept: 'application/json' } };
}

export interface OAuthProviderOptions {
  tokens?: OAuthTokens | undefined;
  onTokens?: ((tokens: OAuthTokens) => void) | undefined;
  /** Authenticates while there is no token set (a scheme that also has client credentials). */
  fallback?: AuthProvider | undefined;
}

/** Sends a token set's access token and refreshes it before it expires, rotating the refresh token. */
export class OAuth2AuthorizationCode implements AuthProvider {
  tokens: OAuthTokens | null;
  onTokens: ((tokens: OAuthTokens) => void) | undefined;
  refreshBuffer = 60_000;
  private lifetime: number | null = null;
  private fallbackPending = false;
  private readonly fallback: AuthProvider | undefined;

  constructor(
    readonly endpoints: OAuthEndpoints,
    public clientId: string | undefined,
    public clientSecret: string | undefined,
    options: OAuthProviderOptions = {},
  ) {
    this.tokens = options.tokens ?? null;
    this.onTokens = options.onTokens;
    this.fallback = options.fallback;
  }

  setRefreshBuffer(ms: number): void {
    this.refreshBuffer = ms;
    this.fallback?.setRefreshBuffer?.(ms);
  }

  private clientForm(): Record<string, string> {
    const form: Record<string, string> = { client_id: this.clientId ?? '' };
    if (this.clientSecret) form['client_secret'] = this.clientSecret;
    return form;
  }

  exchangeRequest(code: string, redirectUri: string, codeVerifier?: string): TokenRequest {
    const form = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, ...this.clientForm() };
    return post(this.endpoints.tokenUrl, codeVerifier ? { ...form, code_verifier: codeVerifier } : form);
  }

  refreshRequest(): TokenRequest {
    const token = this.tokens?.refreshToken;
    if (!token) throw new APIError('There is no refresh token to refresh with');
    return post(this.endpoints.refreshUrl, { grant_type: 'refresh_token', refresh_token: token, ...this.clientForm() });
  }

  revokeRequest(token: string): TokenRequest {
    if (!this.endpoints.revokeUrl) throw new APIError('This API has no token revocation URL');
    return post(this.endpoints.revokeUrl, { token, ...this.clientForm() });
  }

  /** Take a token response: the new set replaces the old one (no refresh token in it keeps the old one). */
  store(body: unknown, now: number): OAuthTokens {
    const access = field(body, 'access_token');
    if (typeof access !== 'string' || !access) throw new APIError('Token response has no access_token', { body });
    const refresh = field(body, 'refresh_token');
    const expiresIn = field(body, 'expires_in');
    const scope = field(body, 'scope');
    this.lifetime = typeof expiresIn === 'number' ? expiresIn * 1000 : null;
    const tokens: OAuthTokens = {
      accessToken: access,
      refreshToken: typeof refresh === 'string' && refresh ? refresh : this.tokens?.refreshToken,
      expiresAt: this.lifetime === null ? undefined : now + this.lifetime,
      scope: typeof scope === 'string' ? scope : undefined,
    };
    this.tokens = tokens;
    this.onTokens?.(tokens);
    return tokens;
  }

  private stale(now: number): boolean {
    const expiresAt = this.tokens?.expiresAt;
    if (expiresAt === undefined) return false;
    const buffer = this.lifetime === null ? this.refreshBuffer : Math.min(this.refreshBuffer, this.lifetime / 2);
    return now >= expiresAt - buffer;
  }

  hasCredentials(): boolean {
    return this.tokens !== null || !!this.fallback?.hasCredentials();
  }

  tokenRequest(now: number): TokenRequest | null {
    this.fallbackPending = false;
    if (this.tokens === null) {
      const request = this.fallback?.tokenRequest?.(now) ?? null;
      this.fallbackPending = request !== null;
      return request;
    }
    return this.tokens.refreshToken && this.stale(now) ? this.refreshRequest() : null;
  }

  acceptToken(body: unknown, now: number): void {
    if (this.fallbackPending) this.fallback?.acceptToken?.(body, now);
    else this.store(body, now);
  }

  apply(parts: RequestParts): void {
    if (this.tokens) parts.headers.set('Authorization', `Bearer ${this.tokens.accessToken}`);
    else this.fallback?.apply(parts);
  }

  invalidate(): boolean {
    if (this.tokens === null) return this.fallback?.invalidate?.() ?? false;
    if (!this.tokens.refreshToken) return false;
    this.tokens = { ...this.tokens, expiresAt: 0 };
    return true;
  }
}

/** What `OAuth` needs of its client: the base URL, the time, and a way to send a token request. */
export interface OAuthTransport {
  baseUrl(): string;
  now(): number;
  send(token: TokenRequest): Promise<unknown>;
}

export interface AuthorizationUrlOptions {
  redirectUri: string;
  /** Every scope of the API when absent. */
  scopes?: readonly string[] | undefined;
  /** A random one when absent. */
  state?: string | undefined;
  /** A fresh one when absent. */
  codeVerifier?: string | undefined;
}

export interface ExchangeCodeOptions {
  code: string;
  redirectUri: string;
  codeVerifier?: string | undefined;
}

/** `client.oauth`: the authorization code flow. Token endpoint errors throw the API's status errors. */
export class OAuth {
  constructor(
    private readonly provider: OAuth2AuthorizationCode,
    private readonly transport: OAuthTransport,
  ) {}

  /** The current token set (after a refresh, the refreshed one). */
  get tokens(): OAuthTokens | null {
    return this.provider.tokens;
  }

  set tokens(tokens: OAuthTokens | null) {
    this.provider.tokens = tokens;
  }

  /** The URL to send the user to, with the PKCE S256 challenge; keep `state` and `codeVerifier`. */
  async authorizationUrl(options: AuthorizationUrlOptions): Promise<AuthorizationRequest> {
    const codeVerifier = options.codeVerifier ?? randomString(48);
    const state = options.state || randomString(16);
    const scopes = options.scopes ?? this.provider.endpoints.scopes;
    const query = new URLSearchParams({ response_type: 'code', client_id: this.provider.clientId ?? '' });
    query.set('redirect_uri', options.redirectUri);
    if (scopes.length) query.set('scope', scopes.join(' '));
    query.set('state', state);
    query.set('code_challenge', await pkceChallenge(codeVerifier));
    query.set('code_challenge_method', 'S256');
    const base = this.absolute(this.provider.endpoints.authorizationUrl);
    const url = `${base}${base.includes('?') ? '&' : '?'}${query.toString().replace(/\+/g, '%20')}`;
    return { url, state, codeVerifier };
  }

  /** Trade the code the redirect brought for a token set; later calls send it. */
  async exchangeCode(options: ExchangeCodeOptions): Promise<OAuthTokens> {
    const request = this.provider.exchangeRequest(options.code, options.redirectUri, options.codeVerifier);
    return this.provider.store(await this.transport.send(request), this.transport.now());
  }

  /** Refresh now (calls refresh by themselves before the token expires). */
  async refresh(): Promise<OAuthTokens> {
    const body = await this.transport.send(this.provider.refreshRequest());
    return this.provider.store(body, this.transport.now());
  }

  /** Revoke `token` (default: the current refresh token, else the access token); revoking the set forgets it. */
  async revoke(token?: string): Promise<void> {
    const current = this.provider.tokens;
    const revoked = token ?? current?.refreshToken ?? current?.accessToken;
    if (!revoked) throw new APIError('There is no token to revoke');
    await this.transport.send(this.provider.revokeRequest(revoked));
    if (current && (revoked === current.accessToken || revoked === current.refreshToken)) this.provider.tokens = null;
  }

  private absolute(url: string): string {
    return /^https?:\/\//.test(url) ? url : joinUrl(this.transport.baseUrl(), url);
  }
}
