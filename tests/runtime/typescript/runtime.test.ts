import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  ApiKeyAuth,
  BasicAuth,
  BearerAuth,
  LoginTokenAuth,
  OAuth2ClientCredentials,
  selectAuth,
} from '../core/auth.js';
import {
  APIConnectionError,
  APIError,
  APIStatusError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  errorClassForStatus,
  extractError,
  statusText,
} from '../core/errors.js';
import { parseJSON, stringifyJSON } from '../core/json.js';
import type { Paginator } from '../core/pagination.js';
import type { Result } from '../core/promise.js';
import { parseRetryAfter, retryDelay, shouldRetryStatus, wait } from '../core/retry.js';
import { SSEDecoder, Stream } from '../core/streaming.js';
import { formatPath, queryPairs } from '../core/serialize.js';
import { getPath, MISSING, parseLinkHeader, resolveServerUrl } from '../core/url.js';
import { fakeFetch, json, TestClient } from './support.js';

const GET = { method: 'GET', path: '/things/{id}' };
const POST = { method: 'POST', path: '/things', body: 'json' as const, idempotent: true };

describe('json: 64-bit integers', () => {
  it('parses integers beyond 2^53 as bigint and keeps the rest as numbers', () => {
    const value = parseJSON('{"big": 9007199254740993, "small": 42, "neg": -9223372036854775808, "f": 1.5e3}');
    assert.deepEqual(value, { big: 9007199254740993n, small: 42, neg: -9223372036854775808n, f: 1500 });
  });
  it('leaves digits inside strings alone', () => {
    assert.deepEqual(parseJSON('{"s": "9007199254740993 \\" 12345678901234567890"}'), {
      s: '9007199254740993 " 12345678901234567890',
    });
  });
  it('writes bigint exactly', () => {
    assert.equal(stringifyJSON({ n: 9007199254740993n, s: 'x', u: undefined }), '{"n":9007199254740993,"s":"x"}');
  });
});

describe('errors', () => {
  it('maps statuses to classes', () => {
    const table: [number, unknown][] = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [409, ConflictError],
      [422, UnprocessableEntityError],
      [429, RateLimitError],
      [500, InternalServerError],
      [503, InternalServerError],
      [418, APIStatusError],
    ];
    for (const [status, cls] of table) assert.equal(errorClassForStatus(status), cls, String(status));
  });
  it('reads the message and code of every envelope', () => {
    assert.deepEqual(extractError({ error: { message: 'locked', code: 'l' } }), ['locked', 'l']);
    assert.deepEqual(extractError({ success: false, error: { code: 'E', message: 'dup' } }), ['dup', 'E']);
    assert.deepEqual(
      extractError({
        errors: [
          { code: 'a', message: 'x' },
          { code: 'b', message: 'y' },
        ],
      }),
      ['x; y', 'a'],
    );
    assert.deepEqual(extractError({ message: 'slow', code: 42 }), ['slow', '42']);
    assert.deepEqual(extractError({ detail: 'no' }), ['no', null]);
    assert.deepEqual(extractError({ detail: [{ msg: 'bad field' }] }), ['bad field', null]);
    assert.deepEqual(extractError({ error: 'invalid_client', error_description: 'who?' }), ['who?', 'invalid_client']);
    assert.deepEqual(extractError({ title: 'Gone' }), ['Gone', null]);
    assert.deepEqual(extractError('plain text'), [null, null]);
  });
  it('throws a typed error with status, request id, code and body', async () => {
    const { fetch } = fakeFetch([json({ error: { message: 'nope', code: 'x' } }, 404, { 'x-request-id': 'req_9' })]);
    const client = new TestClient({ fetch });
    const error = await client.request(GET, { path: { id: 1 } }).then(
      () => assert.fail('no error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.status, 404);
    assert.equal(error.apiMessage, 'nope');
    assert.equal(error.message, '404 Not Found: nope');
    assert.equal(error.code, 'x');
    assert.equal(error.requestId, 'req_9');
    assert.deepEqual(error.body, { error: { message: 'nope', code: 'x' } });
  });
  it('falls back to "Error code: N" for a text body', async () => {
    const { fetch } = fakeFetch([new Response('exploded', { status: 500 })]);
    const error = await new TestClient({ fetch, maxRetries: 0 }).request(GET, { path: { id: 1 } }).catch((e) => e);
    assert.ok(error instanceof InternalServerError);
    assert.equal(error.apiMessage, 'Error code: 500');
    assert.equal(error.message, '500 Internal Server Error');
    assert.equal(error.body, 'exploded');
  });
  it("words an error's text as every SDK does", () => {
    assert.equal(statusText(414, 'too long'), '414 Request URI Too Long: too long');
    assert.equal(statusText(418, null), "418 I'm a teapot");
    assert.equal(statusText(499, 'went away'), '499: went away');
  });
});

describe('retry rules', () => {
  it('retries the retryable statuses, 409 only when asked, never when told not to', () => {
    const h = (init: Record<string, string> = {}) => new Headers(init);
    for (const status of [408, 429, 500, 502, 503, 504]) assert.ok(shouldRetryStatus(status, h()));
    assert.ok(!shouldRetryStatus(409, h()));
    assert.ok(shouldRetryStatus(409, h({ 'x-should-retry': 'true' })));
    assert.ok(!shouldRetryStatus(503, h({ 'x-should-retry': 'false' })));
    assert.ok(!shouldRetryStatus(400, h()));
  });
  it('reads Retry-After as seconds, as an HTTP-date and retry-after-ms', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 01 Jan 2024 00:00:03 GMT' }), now), 3000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '150', 'retry-after': '9' }), now), 150);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), null);
  });
  it('backs off exponentially with jitter, capped', () => {
    const policy = { maxRetries: 5, baseDelay: 500, maxDelay: 8000, maxRetryAfter: 60_000, exponentialBackoff: true };
    assert.equal(retryDelay(policy, 0, null, 0, 0), 500);
    assert.equal(retryDelay(policy, 2, null, 0, 0), 2000);
    assert.equal(retryDelay(policy, 10, null, 0, 0), 8000);
    assert.equal(retryDelay(policy, 1, null, 0, 1), 750);
    assert.equal(retryDelay(policy, 0, new Headers({ 'retry-after': '120' }), 0, 0), 500);
    assert.equal(retryDelay({ ...policy, exponentialBackoff: false }, 3, null, 0, 0), 500);
  });
  it('waits until X-RateLimit-Reset on a 429 without Retry-After: seconds, or an epoch over 1e9', () => {
    const policy = { maxRetries: 5, baseDelay: 500, maxDelay: 8000, maxRetryAfter: 60_000, exponentialBackoff: true };
    const now = Date.parse('2024-01-01T00:00:00Z');
    const epoch = String(now / 1000 + 5);
    assert.equal(retryDelay(policy, 0, new Headers({ 'x-ratelimit-reset': '3' }), now, 0, 429), 3000);
    assert.equal(retryDelay(policy, 0, new Headers({ 'x-ratelimit-reset': epoch }), now, 0, 429), 5000);
    assert.equal(retryDelay(policy, 0, new Headers({ 'x-ratelimit-reset': '3' }), now, 0, 503), 500);
    assert.equal(retryDelay(policy, 0, new Headers({ 'x-ratelimit-reset': '3600' }), now, 0, 429), 500);
    const headers = new Headers({ 'retry-after': '1', 'x-ratelimit-reset': '30' });
    assert.equal(retryDelay(policy, 0, headers, now, 0, 429), 1000);
  });
});

describe('calls', () => {
  it('sends the key, Accept, User-Agent, path and query; decodes and unwraps the envelope', async () => {
    const { fetch, seen } = fakeFetch([
      new Response('{"data": {"id": "a/b", "n": 9007199254740993}, "meta": {"v": 1}}'),
    ]);
    const client = new TestClient({ fetch, defaultHeaders: { 'X-Default': 'd' } });
    const raw = await client
      .request(
        { ...GET, envelope: ['data'] },
        { path: { id: 'a/b' }, query: { tag: ['x', 'y'], on: true, no: undefined } },
        {
          headers: { 'X-Call': 'c' },
        },
      )
      .withResponse();
    assert.deepEqual(raw.data, { id: 'a/b', n: 9007199254740993n });
    assert.deepEqual(raw.body, { data: { id: 'a/b', n: 9007199254740993n }, meta: { v: 1 } });
    const request = seen[0]!;
    assert.equal(request.url.pathname, '/v1/things/a%2Fb');
    assert.equal(request.url.search, '?tag=x&tag=y&on=true');
    assert.equal(request.headers.get('x-api-key'), 'secret');
    assert.equal(request.headers.get('accept'), 'application/json');
    assert.equal(request.headers.get('user-agent'), 'test/1.0.0 node');
    assert.equal(request.headers.get('x-default'), 'd');
    assert.equal(request.headers.get('x-call'), 'c');
    assert.equal(request.headers.get('idempotency-key'), null);
  });
  it('retries a 503 with backoff, reusing one idempotency key; the body is sent exactly', async () => {
    const { fetch, seen } = fakeFetch([json({}, 503), json({}, 503), json({ ok: true }, 201)]);
    const client = new TestClient({ fetch });
    assert.deepEqual(await client.request(POST, { body: { n: 9007199254740993n, d: null } }), { ok: true });
    assert.equal(seen.length, 3);
    const keys = new Set(seen.map((s) => s.headers.get('idempotency-key')));
    assert.equal(keys.size, 1);
    assert.match([...keys][0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(seen[0]!.body, '{"n":9007199254740993,"d":null}');
    assert.deepEqual(client.slept, [500, 1000]);
  });
  it('uses the caller idempotency key and honours Retry-After', async () => {
    const { fetch, seen } = fakeFetch([json({}, 429, { 'retry-after': '3' }), json({})]);
    const client = new TestClient({ fetch });
    await client.request(POST, { body: {} }, { idempotencyKey: 'mine' });
    assert.deepEqual(
      seen.map((s) => s.headers.get('idempotency-key')),
      ['mine', 'mine'],
    );
    assert.deepEqual(client.slept, [3000]);
  });
  it('gives up after maxRetries and on non-retryable statuses; 0 disables retries', async () => {
    const exhausted = fakeFetch([json({ message: 'down' }, 503)]);
    const error = await new TestClient({ fetch: exhausted.fetch }).request(GET, { path: { id: 1 } }).catch((e) => e);
    assert.ok(error instanceof InternalServerError);
    assert.equal(exhausted.seen.length, 3);
    const conflict = fakeFetch([json({}, 409)]);
    await new TestClient({ fetch: conflict.fetch }).request(GET, { path: { id: 1 } }).catch(() => undefined);
    assert.equal(conflict.seen.length, 1);
    const off = fakeFetch([json({}, 503)]);
    await new TestClient({ fetch: off.fetch }).request(GET, { path: { id: 1 } }, { maxRetries: 0 }).catch(() => 0);
    assert.equal(off.seen.length, 1);
  });
  it('retries connection errors and raises APIConnectionError at the end', async () => {
    const { fetch, seen } = fakeFetch([new TypeError('fetch failed')]);
    const error = await new TestClient({ fetch }).request(GET, { path: { id: 1 } }).catch((e) => e);
    assert.ok(error instanceof APIConnectionError && !(error instanceof APITimeoutError));
    assert.equal(seen.length, 3);
  });
  it('times out each attempt and raises APITimeoutError', async () => {
    const hang = (_r: Request, signal: AbortSignal | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const { fetch, seen } = fakeFetch([hang]);
    const error = await new TestClient({ fetch, timeout: 20, maxRetries: 1 })
      .request(GET, { path: { id: 1 } })
      .catch((e) => e);
    assert.ok(error instanceof APITimeoutError);
    assert.equal(seen.length, 2);
  });
  it('does not retry a call the caller aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fetch, seen } = fakeFetch([json({})]);
    const error = await new TestClient({ fetch })
      .request(GET, { path: { id: 1 } }, { signal: controller.signal })
      .catch((e) => e);
    assert.ok(error instanceof APIUserAbortError);
    assert.equal(seen.length, 0);
  });
  it('stops waiting to retry as soon as the caller aborts', async () => {
    const controller = new AbortController();
    const { fetch, seen } = fakeFetch([json({}, 503, { 'retry-after': '3' }), json({})]);
    const client = new TestClient({ fetch });
    client.sleep = wait;
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await client.request(GET, { path: { id: 1 } }, { signal: controller.signal }).catch((e) => e);
    assert.ok(error instanceof APIUserAbortError);
    assert.ok(Date.now() - started < 1000, 'the 3 s wait was cut short');
    assert.equal(seen.length, 1);
  });
  it('runs request and response interceptors on every attempt', async () => {
    const { fetch, seen } = fakeFetch([json({}, 503), json({ id: 1 })]);
    const statuses: number[] = [];
    const client = new TestClient({ fetch, onResponse: [(r) => void statuses.push(r.status)] });
    client.interceptors.request.use((request) => request.headers.set('X-Hook', 'on'));
    await client.request(GET, { path: { id: 1 } });
    assert.deepEqual(
      seen.map((s) => s.headers.get('x-hook')),
      ['on', 'on'],
    );
    assert.deepEqual(statuses, [503, 200]);
  });
  it('returns { data, error, response } in result style and throws nothing for an API error', async () => {
    const { fetch } = fakeFetch([json({ detail: 'missing' }, 404), json({ id: 1 })]);
    const client = new TestClient({ fetch });
    const failed: Result<unknown> = await client.requestResult(GET, { path: { id: 1 } });
    assert.ok(failed.error instanceof NotFoundError);
    assert.equal(failed.data, undefined);
    assert.equal(failed.response.status, 404);
    assert.equal(failed.request?.url, 'https://api.example.com/v1/things/1');
    const ok = await client.requestResult(GET, { path: { id: 1 } });
    assert.deepEqual(ok.data, { id: 1 });
    assert.equal(ok.error, undefined);
    assert.equal(ok.request.method, 'GET');
    assert.equal(ok.response.status, 200);
  });
  it('gives a Response in result style when none came: Response.error(), status 0', async () => {
    const { fetch } = fakeFetch([new TypeError('fetch failed')]);
    const client = new TestClient({ fetch, maxRetries: 0 });
    const { data, error, request, response } = await client.requestResult(GET, { path: { id: 1 } });
    assert.ok(error instanceof APIConnectionError);
    assert.equal(data, undefined);
    assert.equal(response.status, 0);
    assert.equal(response.type, 'error');
    assert.equal(request?.url, 'https://api.example.com/v1/things/1');
    if (error) {
      const line = `Request failed (${response.status})`; // the docs' error branch type-checks as written
      assert.equal(line, 'Request failed (0)');
    }
  });
  it('removes a header with null and sends multipart, form and binary bodies', async () => {
    const { fetch, seen } = fakeFetch([json({})]);
    const client = new TestClient({ fetch });
    const file = new File(['hello'], 'hello.txt', { type: 'text/plain' });
    await client.request({ method: 'POST', path: '/files', body: 'multipart' }, { body: { file, purpose: 'x', n: 2 } });
    const form = seen[0]!.form!;
    const part = form.get('file') as File;
    assert.equal(part.name, 'hello.txt');
    assert.equal(await part.text(), 'hello');
    assert.equal(form.get('purpose'), 'x');
    assert.equal(form.get('n'), '2');
    await client.request(
      { method: 'POST', path: '/f', body: 'form' },
      { body: { a: 1, b: [true, false] } },
      {
        headers: { 'User-Agent': null },
      },
    );
    assert.equal(seen[1]!.body, 'a=1&b=true&b=false');
    assert.equal(seen[1]!.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.equal(seen[1]!.headers.get('user-agent'), null);
    await client.request({ method: 'PUT', path: '/b', body: 'binary' }, { body: new Uint8Array([1, 2, 3]) });
    assert.equal(seen[2]!.headers.get('content-type'), 'application/octet-stream');
  });
  it('downloads binary content as a Blob and returns nothing for an empty response', async () => {
    const bytes = new Uint8Array([0, 255, 7]);
    const { fetch } = fakeFetch([
      new Response(bytes, { headers: { 'content-type': 'image/png' } }),
      new Response(null, { status: 204 }),
    ]);
    const client = new TestClient({ fetch });
    const blob = await client.request<Blob>({ ...GET, response: 'binary' }, { path: { id: 1 } });
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), bytes);
    assert.equal(blob.type, 'image/png');
    assert.equal(await client.request({ method: 'DELETE', path: '/x', response: 'empty' }), undefined);
  });
});

describe('auth', () => {
  it('public operations send no credentials; query keys go in the query; basic and bearer headers', async () => {
    const { fetch, seen } = fakeFetch([json({})]);
    const auth = {
      key: new ApiKeyAuth('X-Api-Key', 'header', 'secret'),
      query: new ApiKeyAuth('api_key', 'query', 'q'),
      basic: new BasicAuth('user', 'pass'),
      bearer: new BearerAuth('tok'),
    };
    const client = new TestClient({ fetch }, auth);
    await client.request({ method: 'GET', path: '/p', security: [] });
    await client.request({ method: 'GET', path: '/q', security: [['query']] });
    await client.request({ method: 'GET', path: '/b', security: [['basic']] });
    await client.request({ method: 'GET', path: '/t', security: [['missing'], ['bearer']] });
    assert.equal(seen[0]!.headers.get('x-api-key'), null);
    assert.equal(seen[0]!.url.search, '');
    assert.equal(seen[1]!.url.search, '?api_key=q');
    assert.equal(seen[1]!.headers.get('x-api-key'), null);
    assert.equal(seen[2]!.headers.get('authorization'), 'Basic dXNlcjpwYXNz');
    assert.equal(seen[3]!.headers.get('authorization'), 'Bearer tok');
  });
  it('OAuth2: one token request, cached; a 401 drops it and the call is retried once with a fresh one', async () => {
    const { fetch, seen } = fakeFetch([
      json({ access_token: 't1', expires_in: 3600 }),
      json({ ok: 1 }),
      json({ ok: 2 }),
      json({ error: { message: 'revoked' } }, 401),
      json({ access_token: 't2', expires_in: 3600 }),
      json({ ok: 3 }),
    ]);
    const oauth = new OAuth2ClientCredentials('/oauth/token', 'id', 'secret');
    const client = new TestClient({ fetch }, { oauth }, [['oauth']]);
    await client.request({ method: 'GET', path: '/a' });
    await client.request({ method: 'GET', path: '/a' });
    assert.deepEqual(await client.request({ method: 'GET', path: '/a' }), { ok: 3 });
    assert.deepEqual(
      seen.map((s) => s.url.pathname),
      ['/v1/oauth/token', '/v1/a', '/v1/a', '/v1/a', '/v1/oauth/token', '/v1/a'],
    );
    assert.equal(seen[0]!.body, 'grant_type=client_credentials&client_id=id&client_secret=secret');
    assert.equal(seen[5]!.headers.get('authorization'), 'Bearer t2');
  });
  it('refreshes an OAuth2 token before it expires', async () => {
    const { fetch, seen } = fakeFetch([
      json({ access_token: 't1', expires_in: 100 }),
      json({}),
      json({ access_token: 't2', expires_in: 100 }),
      json({}),
    ]);
    const client = new TestClient({ fetch }, { oauth: new OAuth2ClientCredentials('/token', 'id', 's') }, [['oauth']]);
    let now = 1_000_000;
    client.now = () => now;
    await client.request({ method: 'GET', path: '/a' });
    now += 60_000; // past half the 100 s lifetime
    await client.request({ method: 'GET', path: '/a' });
    assert.equal(seen.filter((s) => s.url.pathname === '/v1/token').length, 2);
    assert.equal(seen[3]!.headers.get('authorization'), 'Bearer t2');
  });
  it('login tokens: stored from the login body, refreshed with the refresh call before expiry', async () => {
    const login = new LoginTokenAuth({
      tokenField: 'access_token',
      refreshTokenField: 'refresh_token',
      expiresInField: 'expires_in',
      refreshPath: '/auth/refresh',
    });
    login.updateFromBody({ data: { access_token: 's1', refresh_token: 'r1', expires_in: 1 } }, 0);
    const { fetch, seen } = fakeFetch([json({ access_token: 's2', refresh_token: 'r2', expires_in: 3600 }), json({})]);
    const client = new TestClient({ fetch }, { session: login }, [['session']]);
    client.now = () => 5000;
    await client.request({ method: 'GET', path: '/me' });
    assert.equal(seen[0]!.url.pathname, '/v1/auth/refresh');
    assert.equal(seen[0]!.body, '{"refresh_token":"r1"}');
    assert.equal(seen[1]!.headers.get('authorization'), 'Bearer s2');
  });

  function staleLogin(): LoginTokenAuth {
    const login = new LoginTokenAuth({
      tokenField: 'access_token',
      refreshTokenField: 'refresh_token',
      expiresInField: 'expires_in',
      refreshPath: '/auth/refresh',
    });
    login.updateFromBody({ access_token: 's1', refresh_token: 'r1', expires_in: 1 }, 0);
    return login;
  }
  const refreshed = () => json({ access_token: 's2', refresh_token: 'r2', expires_in: 3600 });

  it('a refresh that failed retryably is retried with backoff, up to authConfig.maxRefreshRetries', async () => {
    const { fetch, seen } = fakeFetch([json({}, 503), new TypeError('fetch failed'), refreshed(), json({})]);
    const client = new TestClient({ fetch, authConfig: { maxRefreshRetries: 2 } }, { session: staleLogin() }, [
      ['session'],
    ]);
    client.now = () => 5000;
    await client.request({ method: 'GET', path: '/me' });
    assert.deepEqual(
      seen.map((s) => s.url.pathname),
      ['/v1/auth/refresh', '/v1/auth/refresh', '/v1/auth/refresh', '/v1/me'],
    );
    assert.deepEqual(client.slept, [500, 1000]);
    assert.equal(seen[3]!.headers.get('authorization'), 'Bearer s2');
  });

  it('retries spent: the call fails with the refresh error, its own retries not refreshing again', async () => {
    const { fetch, seen } = fakeFetch([
      json({ message: 'refresh down' }, 503),
      json({ message: 'refresh down' }, 503),
      json({}, 503),
      json({}, 503),
    ]);
    const client = new TestClient({ fetch, authConfig: { maxRefreshRetries: 1 } }, { session: staleLogin() }, [
      ['session'],
    ]);
    client.now = () => 5000;
    await assert.rejects(client.request({ method: 'GET', path: '/me' }), (error: unknown) => {
      assert.ok(error instanceof InternalServerError);
      assert.equal(error.message, '503 Service Unavailable: refresh down');
      return true;
    });
    assert.equal(seen.length, 2);
  });

  it('a refresh answered 401 is not retried; the default comes from the settings', async () => {
    const { fetch, seen } = fakeFetch([json({ message: 'revoked' }, 401), json({}, 401)]);
    const login = staleLogin();
    const client = new TestClient({ fetch }, { session: login }, [['session']]);
    client.now = () => 5000;
    assert.equal(login.refreshRetries, 2);
    await assert.rejects(client.request({ method: 'GET', path: '/me' }), AuthenticationError);
    assert.equal(seen.length, 1);
    assert.deepEqual(client.slept, []);
  });
});

describe('pagination', () => {
  const page = (items: unknown[], extra: Record<string, unknown> = {}) => json({ data: items, ...extra });
  async function walk(paginator: Paginator, answers: Response[], query: Record<string, unknown> = {}) {
    const { fetch, seen } = fakeFetch(answers);
    const ids: unknown[] = [];
    for await (const item of new TestClient({ fetch }).requestPage<{ id: number }>(GET, paginator, {
      path: { id: 1 },
      query,
    })) {
      ids.push(item.id);
    }
    return { ids, queries: seen.map((s) => s.url.search) };
  }
  it('cursor: follows next_cursor until it is absent', async () => {
    const { ids, queries } = await walk({ style: 'cursor', items: ['data'], nextCursor: ['next'] }, [
      page([{ id: 1 }], { next: 'c2' }),
      page([{ id: 2 }], { next: null }),
    ]);
    assert.deepEqual(ids, [1, 2]);
    assert.deepEqual(queries, ['', '?cursor=c2']);
  });
  it('cursor: stops on the same cursor again, on has_more false, on an empty page', async () => {
    const same = await walk({ style: 'cursor', items: ['data'], nextCursor: ['next'] }, [
      page([{ id: 1 }], { next: 'c' }),
    ]);
    assert.deepEqual(same.ids, [1, 1]);
    const more = await walk(
      { style: 'cursor', items: ['data'], cursorParam: 'starting_after', cursorItemField: 'id', hasMore: ['has_more'] },
      [page([{ id: 1 }, { id: 2 }], { has_more: true }), page([{ id: 3 }], { has_more: false })],
    );
    assert.deepEqual(more.ids, [1, 2, 3]);
    assert.deepEqual(more.queries, ['', '?starting_after=2']);
  });
  it('offset: advances by the items received until an empty page or the total', async () => {
    const { ids, queries } = await walk(
      { style: 'offset' },
      [json([{ id: 1 }, { id: 2 }]), json([{ id: 3 }]), json([])],
      { limit: 2 },
    );
    assert.deepEqual(ids, [1, 2, 3]);
    assert.deepEqual(queries, ['?limit=2', '?limit=2&offset=2', '?limit=2&offset=3']);
  });
  it('page: until total_pages', async () => {
    const paginator: Paginator = { style: 'page', items: ['data'], totalPages: ['meta', 'pages'] };
    const { ids, queries } = await walk(paginator, [
      page([{ id: 1 }], { meta: { pages: 2 } }),
      page([{ id: 2 }], { meta: { pages: 2 } }),
    ]);
    assert.deepEqual(ids, [1, 2]);
    assert.deepEqual(queries, ['', '?page=2']);
  });
  it('link: the rel=next URL, credentials still sent', async () => {
    const next = 'https://api.example.com/v1/things/1?page=2';
    const { fetch, seen } = fakeFetch([
      new Response('[{"id":1}]', { headers: { link: `<${next}>; rel="next"` } }),
      new Response('[{"id":2}]'),
    ]);
    const ids: number[] = [];
    for await (const item of new TestClient({ fetch }).requestPage<{ id: number }>(
      GET,
      { style: 'link' },
      { path: { id: 1 } },
    ))
      ids.push(item.id);
    assert.deepEqual(ids, [1, 2]);
    assert.equal(seen[1]!.url.href, next);
    assert.equal(seen[1]!.headers.get('x-api-key'), 'secret');
  });
  it('awaiting gives one page', async () => {
    const { fetch, seen } = fakeFetch([page([{ id: 1 }], { next: 'c2' })]);
    const first = await new TestClient({ fetch }).requestPage(
      GET,
      { style: 'cursor', items: ['data'], nextCursor: ['next'] },
      { path: { id: 1 } },
    );
    assert.equal(first.items.length, 1);
    assert.ok(first.hasNextPage());
    assert.equal(seen.length, 1);
  });
});

describe('server-sent events', () => {
  it('skips comments, joins multi-line data, ends at [DONE]', async () => {
    const text =
      ': hi\ndata: {"a":\ndata: 1}\n\nevent: x\ndata: {"b": 9007199254740993}\r\n\r\ndata: [DONE]\n\ndata: {"c":3}\n\n';
    const { fetch } = fakeFetch([new Response(text, { headers: { 'content-type': 'text/event-stream' } })]);
    const stream = await new TestClient({ fetch }).requestStream<unknown>({ method: 'GET', path: '/events' });
    const events: unknown[] = [];
    for await (const event of stream) events.push(event);
    assert.deepEqual(events, [{ a: 1 }, { b: 9007199254740993n }]);
  });
  it('an error event throws APIError; an unterminated last event is delivered', async () => {
    const failing = new Stream<unknown>(new Response('event: error\ndata: {"error":{"message":"boom"}}\n\n'));
    await assert.rejects(
      async () => {
        for await (const _ of failing) void _;
      },
      (e: unknown) => e instanceof APIError && e.message === 'boom',
    );
    const last: unknown[] = [];
    for await (const e of new Stream<unknown>(new Response('data: {"x":1}'))) last.push(e);
    assert.deepEqual(last, [{ x: 1 }]);
  });
  it('decodes fields as the WHATWG algorithm says', () => {
    const decoder = new SSEDecoder();
    assert.equal(decoder.decode('id: 7'), null);
    assert.equal(decoder.decode('retry: 10'), null);
    assert.equal(decoder.decode('data:x'), null);
    assert.deepEqual(decoder.decode(''), { data: 'x', event: null, id: '7', retry: 10 });
  });
});

describe('urls', () => {
  it('fills server variables and checks enums', () => {
    assert.equal(resolveServerUrl('https://{region}.x.com', {}, { region: 'eu' }), 'https://eu.x.com');
    assert.equal(
      resolveServerUrl('https://{region}.x.com', { region: 'us' }, { region: 'eu' }, { region: ['us', 'eu'] }),
      'https://us.x.com',
    );
    assert.throws(() => resolveServerUrl('https://{region}.x.com', { region: 'mars' }, {}, { region: ['us'] }));
  });
  it('encodes paths, deep objects and links', () => {
    assert.equal(formatPath('/a/{id}', { id: 'x y/z' }), '/a/x%20y%2Fz');
    assert.throws(() => formatPath('/a/{id}', {}));
    assert.deepEqual(queryPairs([], { f: { a: 1, b: null } }, { f: { style: 'deepObject' } }), ['f%5Ba%5D=1']);
    assert.deepEqual(parseLinkHeader('<https://x/2>; rel="next", <https://x/1>; rel="prev first"'), {
      next: 'https://x/2',
      prev: 'https://x/1',
      first: 'https://x/1',
    });
  });
});

describe('names Object.prototype has (spec and server text) are ordinary names', () => {
  it('server variables, path parameters and query keys are looked up as own keys only', () => {
    const url = resolveServerUrl('https://{constructor}.x/{toString}', { toString: 'b' }, { constructor: 'a' });
    assert.equal(url, 'https://a.x/b');
    assert.equal(resolveServerUrl('https://{constructor}.x', {}, { constructor: 'a' }, {}), 'https://a.x');
    assert.throws(() => resolveServerUrl('https://{valueOf}.x', {}, {}), /no value and no default/);
    assert.throws(() => formatPath('/a/{toString}', {}), /Missing path parameter toString/);
    assert.equal(formatPath('/a/{__proto__}', { ['__proto__']: 'p' }), '/a/p');
    assert.deepEqual(queryPairs([], { ['__proto__']: 'x' }, {}, { constructor: 'y' }), [
      '__proto__=x',
      'constructor=y',
    ]);
    assert.deepEqual(parseLinkHeader('<https://x/2>; rel="constructor"'), { constructor: 'https://x/2' });
  });
  it('security schemes and body fields are found only when present', () => {
    const bearer = new BearerAuth('tok');
    assert.deepEqual(selectAuth([['toString'], ['bearer']], { bearer }), [bearer]);
    assert.equal(getPath({}, ['constructor']), MISSING);
    assert.equal(getPath({ a: { hasOwnProperty: 1 } }, ['a', 'hasOwnProperty']), 1);
  });
});
