/**
 * The client generated SDK clients extend.
 *
 * One call: prepare once (URL, query, headers, body, idempotency key), then per try fetch any token a provider
 * needs, apply credentials, run the request interceptors, send; a 4xx/5xx becomes an `APIStatusError`. A 401 on
 * a call whose token can be refreshed drops the token and tries once more (not counted as a retry); otherwise
 * the retry table in `retry.ts` decides. A login token's refresh that failed retryably is retried on its own
 * (`refreshRetries`), then fails the call; a token fetch of any other provider fails the try. Times are
 * milliseconds.
 */

import {
  selectAuth,
  type AuthProvider,
  type LoginTokenAuth,
  type RequestParts,
  type Security,
  type TokenRequest,
} from './auth.js';
import { checkArgs, checkObject, splitParams, type FlatLayout, type RequestArgs } from './arguments.js';
import {
  APIConnectionError,
  APIError,
  APIStatusError,
  APITimeoutError,
  APIUserAbortError,
  makeStatusError,
  sentBy,
} from './errors.js';
import { parseJSON, stringifyJSON } from './json.js';
import {
  nextRequest,
  Page,
  PagePromise,
  rawItems,
  type PageRequest,
  type PageResultPromise,
  type Paginator,
} from './pagination.js';
import { APIPromise, OkPromise, type Arrival, type ResultPromise } from './promise.js';
import { retryDelay, shouldRetryStatus, wait, type RetryConfig, type RetryPolicy } from './retry.js';
import { Stream } from './streaming.js';
import {
  cookiePairs,
  formBody,
  formatPath,
  headerValue,
  multipartBlob,
  multipartParts,
  percentEncode,
  queryPairs,
  type Encodings,
} from './serialize.js';
import { getPath, joinUrl, MISSING, own } from './url.js';

/** Called with every request sent (token requests too), after credentials are applied; may return a new one. */
export type RequestHook = (request: Request) => Request | void | Promise<Request | void>;
/** Called with every response received, before it is checked or parsed (clone it to read the body). */
export type ResponseHook = (response: Response) => void | Promise<void>;

/** Interceptors: `use` adds one, `eject` removes it. */
export class Interceptors<F> {
  readonly fns: F[];

  constructor(fns: readonly F[] = []) {
    this.fns = [...fns];
  }

  use(fn: F): F {
    this.fns.push(fn);
    return fn;
  }

  eject(fn: F): void {
    const index = this.fns.indexOf(fn);
    if (index >= 0) this.fns.splice(index, 1);
  }
}

/**
 * The client's `authConfig`: how many seconds before a token expires it is refreshed, and how many times a login
 * token refresh that failed retryably (no answer, a timeout, 429, 5xx) is tried again before the call fails.
 */
export interface AuthConfig {
  refreshBufferSeconds?: number | undefined;
  maxRefreshRetries?: number | undefined;
}

/** Options every generated client takes besides its credentials and server variables. */
export interface ClientOptions {
  /** Overrides the server URL from the spec (its server variables are then not read). */
  baseUrl?: string | undefined;
  /** Milliseconds per attempt (the whole response, or the headers of a stream). */
  timeout?: number | undefined;
  /** Retries after the first attempt; 0 disables them. */
  maxRetries?: number | undefined;
  /** Retry settings; each field left out keeps the SDK's default (`maxRetries` above wins over this one's). */
  retryConfig?: RetryConfig | undefined;
  /** Token refresh settings; each field left out keeps the SDK's default. */
  authConfig?: AuthConfig | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch | undefined;
  onRequest?: RequestHook[] | undefined;
  onResponse?: ResponseHook[] | undefined;
}

/** Per-call options, the last argument of every method. */
export interface CallOptions {
  /** Extra headers; `null` removes a header the SDK would send. */
  headers?: Record<string, string | null> | undefined;
  /** Extra query parameters. */
  query?: Record<string, unknown> | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Sent as the idempotency key instead of a generated one. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** What the generated code says about one operation. */
export interface Operation {
  method: string;
  path: string;
  /** The query parameters' names in the order the spec declares them, the order they are sent in. */
  query?: readonly string[];
  body?: 'json' | 'form' | 'multipart' | 'binary' | 'text';
  contentType?: string;
  response?: 'json' | 'binary' | 'text' | 'empty';
  accept?: string;
  /** Security alternatives; absent means the API's default, `[]` a public operation. */
  security?: Security;
  idempotent?: boolean;
  idempotencyHeader?: string;
  /** The path of the payload inside the response body. */
  envelope?: readonly string[];
  /** Flat parameter style: where the keys of the parameters object go. */
  flat?: FlatLayout;
  /** By location, the parameters (and form or multipart fields) whose encoding is not the default one. */
  encodings?: {
    path?: Encodings;
    query?: Encodings;
    headers?: Encodings;
    cookies?: Encodings;
    body?: Encodings;
  };
}

/** The settings a generated client passes down. */
export interface ClientSettings {
  baseUrl: string;
  userAgent: string;
  retries: {
    maxRetries: number;
    baseDelay: number;
    maxDelay: number;
    timeout: number;
    refreshBuffer: number;
    refreshRetries: number;
  };
  auth: Record<string, AuthProvider>;
  security: Security;
}

interface Prepared {
  method: string;
  url: string;
  /** Encoded `name=value` pairs, in the order they are sent. */
  query: string[];
  headers: Headers;
  overrides: [string, string | null][];
  /** Encoded `name=value` pairs of the `Cookie` header. */
  cookies: string[];
  body: BodyInit | null;
  timeout: number;
  maxRetries: number;
  providers: AuthProvider[];
  signal: AbortSignal | undefined;
}

interface Arrived {
  /** The request as sent (after the request interceptors). */
  request: Request;
  response: Response;
  bytes: ArrayBuffer | null;
  controller: AbortController;
}

function uuid4(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const hex = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(Math.random() * 4)] ?? '8';
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A method's arguments in groups, checked: a string or array where an object belongs throws a `TypeError`. */
function grouped(op: Operation, args: RequestArgs): RequestArgs {
  return op.flat ? splitParams(op.flat, checkArgs(args).path, args.params) : checkArgs(args);
}

function decodeBody(bytes: ArrayBuffer | null): unknown {
  if (!bytes || !bytes.byteLength) return null;
  const text = new TextDecoder().decode(bytes);
  try {
    return parseJSON(text);
  } catch {
    return text;
  }
}

export abstract class BaseClient {
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  defaultHeaders: Record<string, string>;
  interceptors: { request: Interceptors<RequestHook>; response: Interceptors<ResponseHook> };
  protected readonly retryPolicy: RetryPolicy;
  protected readonly providers: Record<string, AuthProvider>;
  private readonly security: Security;
  private readonly userAgent: string;
  private readonly fetchImpl: typeof fetch;
  private authLock: Promise<unknown> = Promise.resolve();
  /** Test seams: how to wait (an abort of the signal ends the wait), what time it is, and the jitter source. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = wait;
  now: () => number = Date.now;
  random: () => number = Math.random;

  constructor(options: ClientOptions, settings: ClientSettings) {
    this.baseUrl = options.baseUrl || settings.baseUrl;
    this.timeout = options.timeout ?? settings.retries.timeout;
    const config = options.retryConfig ?? {};
    this.maxRetries = options.maxRetries ?? config.maxRetries ?? settings.retries.maxRetries;
    this.defaultHeaders = { ...options.defaultHeaders };
    this.interceptors = {
      request: new Interceptors(options.onRequest),
      response: new Interceptors(options.onResponse),
    };
    this.retryPolicy = {
      maxRetries: this.maxRetries,
      baseDelay: config.baseDelay ?? settings.retries.baseDelay,
      maxDelay: config.maxDelay ?? settings.retries.maxDelay,
      maxRetryAfter: 60_000,
      exponentialBackoff: config.exponentialBackoff ?? true,
    };
    this.providers = settings.auth;
    const refreshBuffer = options.authConfig?.refreshBufferSeconds;
    const buffer = refreshBuffer === undefined ? settings.retries.refreshBuffer : refreshBuffer * 1000;
    const refreshRetries = options.authConfig?.maxRefreshRetries ?? settings.retries.refreshRetries;
    if (!Number.isInteger(refreshRetries) || refreshRetries < 0) throw new Error('maxRefreshRetries must be >= 0');
    for (const provider of Object.values(this.providers)) {
      provider.setRefreshBuffer?.(buffer);
      if (provider.refreshRetries !== undefined) provider.refreshRetries = refreshRetries;
    }
    this.security = settings.security;
    this.userAgent = settings.userAgent;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** One call whose result is the decoded (envelope-unwrapped) body, a `Blob`, a string or nothing. */
  request<T>(op: Operation, args: RequestArgs = {}, options: CallOptions = {}): APIPromise<T> {
    return new APIPromise(async () => {
      const arrived = await this.send(this.prepare(op, grouped(op, args), options), false);
      try {
        return this.parse<T>(op, arrived);
      } catch (error) {
        throw sentBy(error, arrived.request);
      }
    });
  }

  /**
   * An `x-zsdk-result: ok` call: `true` for a 2xx answer, `false` for an error status or no answer. It never
   * throws for those, so result style has no twin of it.
   */
  requestOk(op: Operation, args: RequestArgs = {}, options: CallOptions = {}): OkPromise {
    return new OkPromise(async () => {
      const { request, response } = await this.send(this.prepare(op, args, options), false);
      return { data: true, request, response, body: undefined };
    });
  }

  /** One page of a paginated operation; iterate the promise to walk every page. */
  requestPage<Item, Body = unknown>(
    op: Operation,
    paginator: Paginator,
    args: RequestArgs = {},
    options: CallOptions = {},
  ): PagePromise<Item, Body> {
    const fetchPage = (request: PageRequest): PagePromise<Item, Body> =>
      new PagePromise(async () => {
        const prepared = this.prepare(op, request.args, { ...options, query: request.options.query }, request.url);
        const arrived = await this.send(prepared, false);
        const { response } = arrived;
        let body: Body;
        try {
          body = this.json(arrived.bytes) as Body;
        } catch (error) {
          throw sentBy(error, arrived.request);
        }
        const raw = rawItems(paginator, body);
        const next = nextRequest(paginator, request, body, raw, response.headers);
        const page = new Page<Item, Body>(raw as Item[], body, response, next, fetchPage).withFields();
        return { data: page, request: arrived.request, response, body };
      });
    return fetchPage({ args: grouped(op, args), options: { query: options.query ?? {} } });
  }

  /** `request` in result style: `{ data, error, request, response }`, nothing thrown for an API error. */
  requestResult<T>(op: Operation, args: RequestArgs = {}, options: CallOptions = {}): ResultPromise<T> {
    return this.request<T>(op, args, options).asResult();
  }

  /** `requestPage` in result style. */
  requestPageResult<Item, Body = unknown>(
    op: Operation,
    paginator: Paginator,
    args: RequestArgs = {},
    options: CallOptions = {},
  ): PageResultPromise<Item, Body> {
    return this.requestPage<Item, Body>(op, paginator, args, options).asResult();
  }

  /** `requestStream` in result style. */
  requestStreamResult<T>(op: Operation, args: RequestArgs = {}, options: CallOptions = {}): ResultPromise<Stream<T>> {
    return this.requestStream<T>(op, args, options).asResult();
  }

  /** A server-sent event stream. */
  requestStream<T>(op: Operation, args: RequestArgs = {}, options: CallOptions = {}): APIPromise<Stream<T>> {
    return new APIPromise(async () => {
      const prepared = this.prepare({ ...op, accept: op.accept ?? 'text/event-stream' }, grouped(op, args), options);
      const { request, response, controller } = await this.send(prepared, true);
      return { data: new Stream<T>(response, controller), request, response, body: undefined };
    });
  }

  /** Call a login operation and store its tokens in `provider`; returns the (not unwrapped) body. */
  protected async requestLogin(op: Operation, body: unknown, provider: LoginTokenAuth): Promise<unknown> {
    const { bytes } = await this.send(this.prepare({ ...op, body: 'json', security: [] }, { body }, {}), false);
    const decoded = this.json(bytes);
    provider.updateFromBody(decoded, this.now());
    return decoded;
  }

  private json(bytes: ArrayBuffer | null): unknown {
    if (!bytes || !bytes.byteLength) return null;
    try {
      return parseJSON(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw new APIError('Response body is not valid JSON', { body: new TextDecoder().decode(bytes), cause });
    }
  }

  private parse<T>(op: Operation, { request, response, bytes }: Arrived): Arrival<T> {
    const kind = op.response ?? 'json';
    if (kind === 'empty') return { data: undefined as T, request, response, body: decodeBody(bytes) };
    if (kind === 'binary') {
      const type = response.headers.get('content-type') ?? 'application/octet-stream';
      const blob = new Blob(bytes ? [bytes] : [], { type });
      return { data: blob as T, request, response, body: blob };
    }
    if (kind === 'text') {
      const text = bytes ? new TextDecoder().decode(bytes) : '';
      return { data: text as T, request, response, body: text };
    }
    const body = this.json(bytes);
    const inner = op.envelope ? getPath(body, op.envelope) : body;
    return { data: (inner === MISSING ? body : inner) as T, request, response, body };
  }

  private baseHeaders(): Headers {
    const headers = new Headers({ 'User-Agent': this.userAgent });
    for (const [name, value] of Object.entries(this.defaultHeaders)) headers.set(name, value);
    return headers;
  }

  private prepare(op: Operation, args: RequestArgs, options: CallOptions, absoluteUrl?: string): Prepared {
    const encodings = op.encodings ?? {};
    let url: string;
    let written: string; // a query string in the operation's path, or the next link's: sent first, as it is
    if (absoluteUrl !== undefined) {
      const parsed = new URL(absoluteUrl);
      url = parsed.origin + parsed.pathname;
      written = parsed.search.slice(1);
    } else {
      const mark = op.path.indexOf('?');
      const template = mark < 0 ? op.path : op.path.slice(0, mark);
      written = mark < 0 ? '' : op.path.slice(mark + 1);
      url = joinUrl(this.baseUrl, formatPath(template, args.path as Record<string, unknown>, encodings.path));
    }
    const query = [
      ...(written ? [written] : []),
      ...queryPairs(op.query ?? [], args.query as Record<string, unknown>, encodings.query, options.query),
    ];
    const headers = this.baseHeaders();
    headers.set('Accept', op.accept ?? 'application/json');
    for (const [name, value] of Object.entries(args.headers ?? {})) {
      const text = headerValue(value, own(encodings.headers ?? {}, name));
      if (text !== undefined) headers.set(name, text);
    }
    const idempotency = op.idempotencyHeader ?? 'Idempotency-Key';
    if (op.idempotent && !headers.has(idempotency)) headers.set(idempotency, uuid4());
    const overrides: [string, string | null][] = Object.entries(options.headers ?? {});
    if (options.idempotencyKey !== undefined) overrides.push([idempotency, options.idempotencyKey]);
    let body: BodyInit | null = null;
    if (args.body !== undefined && op.body !== undefined) {
      if (op.body === 'multipart' || op.body === 'form') checkObject(args.body, 'The body');
      if (op.body === 'multipart') {
        const blob = multipartBlob(multipartParts(args.body ?? {}, encodings.body), `zsdk-${uuid4()}`);
        body = blob;
        headers.set('Content-Type', blob.type);
      } else if (op.body === 'form') {
        body = formBody(args.body ?? {}, encodings.body);
        headers.set('Content-Type', op.contentType ?? 'application/x-www-form-urlencoded');
      } else if (op.body === 'json') {
        body = stringifyJSON(args.body);
        headers.set('Content-Type', op.contentType ?? 'application/json');
      } else {
        body = op.body === 'text' ? String(args.body) : (args.body as BodyInit);
        headers.set('Content-Type', op.contentType ?? 'application/octet-stream');
      }
    }
    const cookies = cookiePairs(args.cookies as Record<string, unknown>, encodings.cookies);
    return {
      method: op.method,
      url,
      query,
      headers,
      overrides,
      cookies,
      body,
      timeout: options.timeout ?? this.timeout,
      maxRetries: Math.max(0, options.maxRetries ?? this.maxRetries),
      providers: selectAuth(op.security ?? this.security, this.providers),
      signal: options.signal,
    };
  }

  private async send(prepared: Prepared, stream: boolean): Promise<Arrived> {
    let retriesDone = 0;
    let reauthed = false;
    for (;;) {
      try {
        return await this.attempt(prepared, stream);
      } catch (error) {
        if (error instanceof RefreshFailed) throw error.error;
        if (!(error instanceof APIError) || error instanceof APIUserAbortError) throw error;
        if (!reauthed && this.shouldReauth(prepared, error)) {
          reauthed = true;
          continue;
        }
        const delay = this.retryDelay(error, retriesDone, prepared.maxRetries);
        if (delay === null) throw error;
        retriesDone++;
        await this.sleep(delay, prepared.signal);
      }
    }
  }

  private shouldReauth(prepared: Prepared, error: APIError): boolean {
    if (!(error instanceof APIStatusError) || error.status !== 401) return false;
    return prepared.providers.map((p) => p.invalidate?.() ?? false).some(Boolean);
  }

  /** Milliseconds to wait before trying again after `error`, or `null` to give up (`limit` retries done). */
  private retryDelay(error: APIError, retriesDone: number, limit: number): number | null {
    if (retriesDone >= limit) return null;
    let headers: Headers | null = null;
    if (error instanceof APIStatusError) {
      if (!shouldRetryStatus(error.status, error.headers)) return null;
      headers = error.headers;
    } else if (!(error instanceof APIConnectionError)) return null;
    const status = error instanceof APIStatusError ? error.status : null;
    return retryDelay(this.retryPolicy, retriesDone, headers, this.now(), this.random(), status);
  }

  private async attempt(prepared: Prepared, stream: boolean): Promise<Arrived> {
    await this.ensureTokens(prepared);
    // what the providers add: their query parameters and cookies go after the call's own
    const parts: RequestParts = { headers: new Headers(prepared.headers), query: [], cookies: {} };
    for (const provider of prepared.providers) provider.apply(parts);
    for (const [name, value] of prepared.overrides) {
      if (value === null) parts.headers.delete(name);
      else parts.headers.set(name, value);
    }
    const cookie = [...prepared.cookies, ...Object.entries(parts.cookies).map(([k, v]) => `${k}=${v}`)];
    if (cookie.length) {
      const existing = parts.headers.get('Cookie');
      parts.headers.set('Cookie', [...(existing ? [existing] : []), ...cookie].join('; '));
    }
    const keys = parts.query.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`);
    const search = [...prepared.query, ...keys].join('&');
    const url = search ? `${prepared.url}?${search}` : prepared.url;
    const request = new Request(url, { method: prepared.method, headers: parts.headers, body: prepared.body });
    const arrived = await this.exchange(request, stream, prepared.timeout, prepared.signal);
    if (!arrived.response.ok)
      throw sentBy(makeStatusError(arrived.response, decodeBody(arrived.bytes)), arrived.request);
    return arrived;
  }

  private async exchange(request: Request, stream: boolean, timeout: number, signal?: AbortSignal): Promise<Arrived> {
    for (const hook of this.interceptors.request.fns) request = (await hook(request)) ?? request;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort);
    try {
      if (signal?.aborted) throw new APIUserAbortError();
      const response = await this.fetchImpl(request, { signal: controller.signal });
      for (const hook of this.interceptors.response.fns) await hook(response.clone());
      const bytes = stream && response.ok ? null : await response.arrayBuffer();
      return { request, response, bytes, controller };
    } catch (error) {
      throw sentBy(this.failure(error, signal, timedOut), request);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  /** What a failed exchange throws: an `APIError` as it is, else an abort, a timeout or a connection error. */
  private failure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): unknown {
    if (error instanceof APIError) return error;
    if (signal?.aborted) return new APIUserAbortError();
    if (timedOut) return new APITimeoutError(error);
    const message = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return new APIConnectionError(message || 'Connection error.', error);
  }

  private async ensureTokens(prepared: Prepared): Promise<void> {
    for (const provider of prepared.providers) {
      if (!provider.tokenRequest?.(this.now())) continue;
      const run = this.authLock.then(async () => {
        let token = provider.tokenRequest?.(this.now());
        for (let tries = 0; token; tries++) {
          try {
            return await this.fetchToken(provider, token, prepared.timeout);
          } catch (error) {
            await this.sleep(this.tokenRetry(provider, error, tries), prepared.signal);
          }
          token = provider.tokenRequest?.(this.now());
        }
      });
      this.authLock = run.catch(() => undefined);
      await run;
    }
  }

  private async fetchToken(provider: AuthProvider, token: TokenRequest, timeout: number): Promise<void> {
    const { request, response, bytes } = await this.exchange(this.tokenRequest(token), false, timeout);
    const body = decodeBody(bytes);
    if (!response.ok) throw sentBy(makeStatusError(response, body), request);
    provider.acceptToken?.(body, this.now());
  }

  /** Milliseconds before fetching a token again after `error`; throws to give up (`RefreshFailed`: the call). */
  private tokenRetry(provider: AuthProvider, error: unknown, retriesDone: number): number {
    const limit = provider.refreshRetries;
    if (limit === undefined || !(error instanceof APIError) || error instanceof APIUserAbortError) throw error;
    const delay = this.retryDelay(error, retriesDone, limit);
    if (delay === null) throw new RefreshFailed(error);
    return delay;
  }

  private tokenRequest(token: TokenRequest): Request {
    const url = /^https?:\/\//.test(token.url) ? token.url : joinUrl(this.baseUrl, token.url);
    const headers = this.baseHeaders();
    for (const [name, value] of Object.entries(token.headers)) headers.set(name, value);
    let body: string | null = null;
    if (token.form) {
      body = new URLSearchParams(token.form).toString();
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
    } else if (token.json) {
      body = stringifyJSON(token.json);
      headers.set('Content-Type', 'application/json');
    }
    return new Request(url, { method: token.method, headers, body });
  }

  /** Send a token endpoint call (OAuth code exchange, refresh, revoke); an error status throws. */
  protected async sendToken(token: TokenRequest): Promise<unknown> {
    const { request, response, bytes } = await this.exchange(this.tokenRequest(token), false, this.timeout);
    const body = decodeBody(bytes);
    if (!response.ok) throw sentBy(makeStatusError(response, body), request);
    return body;
  }
}

/** A token refresh that ends the call: the call throws `error`. */
class RefreshFailed extends Error {
  constructor(readonly error: APIError) {
    super(error.message);
  }
}

/** Base of every resource class: holds the client. */
export abstract class APIResource {
  constructor(protected readonly _client: BaseClient) {}
}

/** `<name>/<version> node/<version>` (or `js` outside Node). */
export function userAgent(name: string, version: string): string {
  const process = (globalThis as { process?: { version?: string } }).process;
  return `${name}/${version} ${process?.version ? `node/${process.version}` : 'js'}`;
}

/** The options every client takes (`ClientOptions`) by name: `SharedClient.setConfig` accepts these and the client's own. */
const CLIENT_OPTION_NAMES: readonly string[] = [
  'baseUrl',
  'timeout',
  'maxRetries',
  'defaultHeaders',
  'fetch',
  'onRequest',
  'onResponse',
];

/**
 * The shared client behind the flat functions: `client.setConfig({...})`, `client.interceptors.request.use()`.
 * `options` names the generated client's own options (credentials, server variables, `auth`); `setConfig` throws
 * a `TypeError` for any other name rather than ignore it.
 */
export class SharedClient<C extends BaseClient, O extends ClientOptions> {
  readonly interceptors = {
    request: new Interceptors<RequestHook>(),
    response: new Interceptors<ResponseHook>(),
  };
  private config = {} as O;
  private built: C | undefined;
  private readonly known: ReadonlySet<string>;

  constructor(
    private readonly create: (options: O) => C,
    options: readonly string[] = [],
  ) {
    this.known = new Set([...CLIENT_OPTION_NAMES, ...options]);
  }

  /** Merge options into the configuration; the next call uses them. An unknown option throws a `TypeError`. */
  setConfig(config: O): void {
    const given = checkObject(config, 'The configuration') ?? {};
    const unknown = Object.keys(given).filter((name) => !this.known.has(name));
    if (unknown.length) {
      const known = [...this.known].sort().join(', ');
      throw new TypeError(`Unknown client option ${JSON.stringify(unknown[0])} (known: ${known})`);
    }
    this.config = { ...this.config, ...config };
    this.built = undefined;
  }

  getConfig(): O {
    return { ...this.config };
  }

  /** The configured client (built on first use). */
  get sdk(): C {
    if (this.built === undefined) {
      this.built = this.create(this.config);
      this.built.interceptors = this.interceptors;
    }
    return this.built;
  }
}
