/**
 * Credential providers, applied per attempt, and security selection.
 *
 * A provider that needs a token (OAuth2 client credentials, a login token near its expiry) returns a
 * `TokenRequest` from `tokenRequest(now)`; the client sends it and hands the decoded body back through
 * `acceptToken(body, now)`. Then `apply(parts)` adds the credential to the outgoing request. Times are
 * milliseconds since the epoch.
 */

import { APIError } from './errors.js';
import { getPath, MISSING, own } from './url.js';

/** The parts of one outgoing request a provider may add to. */
export interface RequestParts {
  headers: Headers;
  query: [string, string][];
  cookies: Record<string, string>;
}

/** An HTTP call a provider needs made; `url` may be relative to the client's base URL. */
export interface TokenRequest {
  method: string;
  url: string;
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface AuthProvider {
  hasCredentials(): boolean;
  apply(parts: RequestParts): void;
  /** A call to make before `apply`, or `null` when ready. */
  tokenRequest?(now: number): TokenRequest | null;
  /** Take the decoded 2xx body of the call `tokenRequest` asked for. */
  acceptToken?(body: unknown, now: number): void;
  /** Drop a token after a 401; true when a fresh one can be fetched. */
  invalidate?(): boolean;
  /** How many ms before a token expires it is refreshed (the client's `authConfig`). */
  setRefreshBuffer?(ms: number): void;
  /**
   * How a failed token fetch is retried: left out, by the call's own retries; a number (a login token's
   * refresh), that many retries of the fetch alone when it failed retryably, then the call fails with its error.
   */
  refreshRetries?: number;
}

/** An API key in a header, query parameter or cookie. */
export class ApiKeyAuth implements AuthProvider {
  constructor(
    readonly paramName: string,
    readonly location: 'header' | 'query' | 'cookie',
    public apiKey: string | undefined,
  ) {}

  hasCredentials(): boolean {
    return !!this.apiKey;
  }

  apply(parts: RequestParts): void {
    if (!this.apiKey) return;
    if (this.location === 'header') parts.headers.set(this.paramName, this.apiKey);
    else if (this.location === 'query') parts.query.push([this.paramName, this.apiKey]);
    else parts.cookies[this.paramName] = this.apiKey;
  }
}

/** `Authorization: Bearer <token>`. */
export class BearerAuth implements AuthProvider {
  constructor(public token: string | undefined) {}

  hasCredentials(): boolean {
    return !!this.token;
  }

  apply(parts: RequestParts): void {
    if (this.token) parts.headers.set('Authorization', `Bearer ${this.token}`);
  }
}

function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

/** `Authorization: Basic base64(username:password)`. */
export class BasicAuth implements AuthProvider {
  constructor(
    public username: string | undefined,
    public password: string | undefined,
  ) {}

  hasCredentials(): boolean {
    return this.username !== undefined;
  }

  apply(parts: RequestParts): void {
    if (this.username !== undefined) parts.headers.set('Authorization', basic(this.username, this.password ?? ''));
  }
}

/** A field of a token response, also looked up inside a `data` envelope. */
function field(body: unknown, path: string): unknown {
  const keys = path.split('.');
  let value = getPath(body, keys);
  if (value === MISSING) value = getPath(getPath(body, ['data']), keys);
  return value;
}

function expiry(body: unknown, name: string, now: number): number | null {
  const value = field(body, name);
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && value !== '' ? now + seconds * 1000 : null;
}

function stale(expiresAt: number | null, now: number, buffer: number): boolean {
  return expiresAt !== null && now >= expiresAt - buffer;
}

/**
 * OAuth2 client-credentials grant with a cached, early-refreshed token: fetched on first use and again
 * `refreshBuffer` ms before it expires (at most half its lifetime early).
 */
export class OAuth2ClientCredentials implements AuthProvider {
  accessToken: string | null = null;
  expiresAt: number | null = null;
  private buffer: number;

  constructor(
    readonly tokenUrl: string,
    public clientId: string | undefined,
    public clientSecret: string | undefined,
    readonly scopes: string[] = [],
    public refreshBuffer = 60_000,
  ) {
    this.buffer = refreshBuffer;
  }

  setRefreshBuffer(ms: number): void {
    this.refreshBuffer = this.buffer = ms;
  }

  hasCredentials(): boolean {
    return !!this.clientId && this.clientSecret !== undefined;
  }

  tokenRequest(now: number): TokenRequest | null {
    if (this.accessToken && !stale(this.expiresAt, now, this.buffer)) return null;
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    if (this.scopes.length) form['scope'] = this.scopes.join(' ');
    form['client_id'] = this.clientId ?? '';
    form['client_secret'] = this.clientSecret ?? '';
    return { method: 'POST', url: this.tokenUrl, form, headers: { Accept: 'application/json' } };
  }

  acceptToken(body: unknown, now: number): void {
    const token = field(body, 'access_token');
    if (typeof token !== 'string' || !token) throw new APIError('Token response has no access_token', { body });
    this.accessToken = token;
    this.expiresAt = expiry(body, 'expires_in', now);
    const lifetime = this.expiresAt === null ? null : this.expiresAt - now;
    this.buffer = lifetime === null ? this.refreshBuffer : Math.min(this.refreshBuffer, lifetime / 2);
  }

  apply(parts: RequestParts): void {
    if (this.accessToken) parts.headers.set('Authorization', `Bearer ${this.accessToken}`);
  }

  invalidate(): boolean {
    this.accessToken = null;
    this.expiresAt = null;
    return this.hasCredentials();
  }
}

export interface LoginTokenOptions {
  accessToken?: string | undefined;
  tokenField: string;
  refreshTokenField?: string | undefined;
  expiresInField?: string | undefined;
  refreshPath?: string | undefined;
  refreshMethod?: string | undefined;
  refreshParam?: string | undefined;
  refreshBuffer?: number;
  /** Retries of a refresh that failed retryably (no answer, a timeout, 429, 5xx) before the call fails. */
  refreshRetries?: number;
}

/**
 * A token obtained by a login operation (`x-zsdk-login`), refreshed with the refresh operation before it
 * expires. Field names are dotted paths into the login/refresh response body (also tried inside `data`).
 */
export class LoginTokenAuth implements AuthProvider {
  accessToken: string | null;
  refreshToken: string | null = null;
  expiresAt: number | null = null;
  refreshRetries: number;

  constructor(readonly options: LoginTokenOptions) {
    this.accessToken = options.accessToken ?? null;
    this.refreshRetries = options.refreshRetries ?? 2;
  }

  setRefreshBuffer(ms: number): void {
    this.options.refreshBuffer = ms;
  }

  private canRefresh(): boolean {
    return !!this.refreshToken && this.options.refreshPath !== undefined;
  }

  /** Store the tokens found in a login or refresh response body. */
  updateFromBody(body: unknown, now: number): void {
    const { tokenField, refreshTokenField, expiresInField } = this.options;
    const token = field(body, tokenField);
    if (typeof token !== 'string' || !token) throw new APIError(`Login response has no ${tokenField}`, { body });
    this.accessToken = token;
    const refresh = refreshTokenField ? field(body, refreshTokenField) : null;
    if (typeof refresh === 'string' && refresh) this.refreshToken = refresh;
    this.expiresAt = expiresInField ? expiry(body, expiresInField, now) : null;
  }

  hasCredentials(): boolean {
    return !!this.accessToken || this.canRefresh();
  }

  tokenRequest(now: number): TokenRequest | null {
    const {
      refreshPath,
      refreshMethod = 'POST',
      refreshParam = 'refresh_token',
      refreshBuffer = 60_000,
    } = this.options;
    const needsRefresh = !this.accessToken || stale(this.expiresAt, now, refreshBuffer);
    if (!needsRefresh || refreshPath === undefined || !this.refreshToken) return null;
    return {
      method: refreshMethod,
      url: refreshPath,
      json: { [refreshParam]: this.refreshToken },
      headers: { Accept: 'application/json' },
    };
  }

  acceptToken(body: unknown, now: number): void {
    this.updateFromBody(body, now);
  }

  apply(parts: RequestParts): void {
    if (this.accessToken) parts.headers.set('Authorization', `Bearer ${this.accessToken}`);
  }

  invalidate(): boolean {
    if (!this.canRefresh()) return false;
    this.accessToken = null;
    return true;
  }
}

/** Security requirement alternatives: each a list of scheme names that must all be applied. */
export type Security = readonly (readonly string[])[];

/**
 * The providers to apply to one request: the first alternative whose schemes all have credentials wins; when
 * none does, no credentials are sent. `[]` is a public operation.
 */
export function selectAuth(security: Security, providers: Record<string, AuthProvider>): AuthProvider[] {
  for (const alternative of security) {
    if (!alternative.length) continue;
    const chosen = alternative.map((name) => own(providers, name));
    if (chosen.every((p) => p !== undefined && p.hasCredentials())) return chosen as AuthProvider[];
  }
  return [];
}

/** The first non-empty value: the one given, else the environment variable (on Node; browsers have none). */
export function fromEnv(given: string | undefined, name: string): string | undefined {
  if (given !== undefined) return given;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name]?.trim() || undefined;
}
