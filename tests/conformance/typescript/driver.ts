/**
 * The TypeScript conformance driver: every scenario through the generated `conformance` SDK, one JSON line each.
 *
 *     node driver.js --mode throw|result|flat --server URL --scenarios FILE
 *
 * The build compiles this file beside the generated SDK (`./src/index.js`): the throw-style SDK for `--mode
 * throw`, the result-style one (`errors: result`) for `--mode result`, the flat-argument one (`arguments: flat`,
 * throwing) for `--mode flat`. Scenario steps name calls as `resource.method` with wire-name arguments; here they
 * become SDK calls, as in tests/conformance/python/driver.py. In the flat style path parameters are positional and
 * the rest, the body's fields among them, one object; `calls.json` (written by the build from the SDK plan) gives
 * each call's path parameters in order and whether it takes that object.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import * as sdk from './src/index.js';

type Json = unknown;
type Scenario = { id: string; client?: Record<string, Json>; steps: Step[] };
type Step = {
  call?: string;
  args?: Record<string, Json>;
  options?: Record<string, Json>;
  observe?: string;
  field?: string;
  sleep?: number;
  authenticate?: Record<string, string>;
  cancel_after?: number;
  oauth_url?: { redirect_uri: string; scopes?: string[]; state?: string; code_verifier?: string };
  oauth_exchange?: { code: string; redirect_uri: string; code_verifier?: string };
  oauth_tokens?: boolean;
  oauth_revoke?: { token?: string };
};
type Observation = Record<string, Json>;
// What a call returns in either style, seen loosely: the driver reaches methods by name, like Python's getattr.
type Method = (...args: unknown[]) => PromiseLike<unknown> & {
  withResponse(): Promise<sdk.WithResponse<unknown>>;
};

const CREDENTIALS = {
  apiKey: 'test-key',
  apiKeyQuery: 'query-key',
  bearerAuthToken: 'bearer-token',
  username: 'user',
  password: 'pass',
  clientId: 'client-id',
  clientSecret: 'client-secret',
};
const PATH_PARAMETERS = new Set(['widget_id', 'report_id', 'file_id', 'gadget_id']);
const BODY_CALLS = new Set(['files.upload', 'wire.multipart']); // multipart: every argument is a part
// calls whose every argument is a path, header or cookie parameter (by default an argument is a query parameter)
const GROUPS: Record<string, string> = {
  'wire.path_simple': 'path',
  'wire.path_label': 'path',
  'wire.path_matrix': 'path',
  'wire.headers': 'headers',
  'wire.cookies': 'cookies',
};
const SECONDS = new Set(['timeout']);
const CANCEL_GRACE = 500; // milliseconds a cancelled call may take to end

/** The variant a union field of the result holds, told apart the way a caller narrows the type. */
function variantOf(result: unknown, field: string): string | null {
  if (field === 'part') {
    const part: sdk.Part = (result as sdk.Gadget).part;
    switch (part.type) {
      case 'gear_part':
        return 'Gear';
      case 'spring_part':
        return 'Spring';
    }
  }
  const shape: sdk.Shape | null | undefined =
    field === 'casing' ? (result as sdk.Gadget).casing : (result as sdk.Widget).shape;
  switch (shape?.kind) {
    case 'circle':
      return 'Circle';
    case 'square':
      return 'Square';
  }
  return null;
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function clientOptions(spec: Record<string, Json>, server: string, hooks: number[]): sdk.ConformanceOptions {
  const options: sdk.ConformanceOptions = {};
  if ((spec['credentials'] ?? 'given') === 'given') Object.assign(options, CREDENTIALS);
  if ('region' in spec) {
    const url = new URL(server);
    Object.assign(options, { host: url.hostname, port: url.port, region: spec['region'] });
  }
  if (!('region' in spec) || spec['base_url'] === 'given') options.baseUrl = server + '/us';
  if ('max_retries' in spec) options.maxRetries = spec['max_retries'] as number;
  if ('timeout' in spec) options.timeout = (spec['timeout'] as number) * 1000;
  if ('retry_config' in spec) {
    const config = spec['retry_config'] as Record<string, number | boolean>;
    options.retryConfig = {
      maxRetries: config['max_retries'] as number,
      baseDelay: (config['base_delay'] as number) * 1000,
      maxDelay: (config['max_delay'] as number) * 1000,
      exponentialBackoff: config['exponential_backoff'] as boolean,
    };
  }
  if ('auth_config' in spec) {
    const config = spec['auth_config'] as Record<string, number>;
    options.authConfig = {};
    if ('refresh_buffer_seconds' in config) options.authConfig.refreshBufferSeconds = config['refresh_buffer_seconds'];
    if ('max_refresh_retries' in config) options.authConfig.maxRefreshRetries = config['max_refresh_retries'];
  }
  if ('default_headers' in spec) options.defaultHeaders = spec['default_headers'] as Record<string, string>;
  if ('oauth_tokens' in spec) {
    const stored = spec['oauth_tokens'] as { access_token: string; refresh_token: string; expires_in: number };
    const expiresAt = Date.now() + stored.expires_in * 1000;
    options.tokens = { accessToken: stored.access_token, refreshToken: stored.refresh_token, expiresAt };
  }
  options.onTokens = (tokens) => void savedTokens.push(tokens.refreshToken ?? null);
  if (spec['hooks']) {
    options.onRequest = [(request) => request.headers.set('X-Hook', 'on')];
    options.onResponse = [(response) => void hooks.push(response.status)];
  }
  return options;
}

/** Per call, in the flat style: its path parameters' wire names in order, and whether it takes a params object. */
type FlatCalls = Record<string, { path: string[]; params: boolean }>;

function upload(value: Json): File {
  const spec = value as { filename?: string; text?: string; content_type?: string };
  return new File([spec.text ?? ''], spec.filename ?? '', { type: spec.content_type ?? '' });
}

/** A step's arguments in the flat style: path parameters positional, everything else one object by wire name. */
function flatArguments(step: Step, flat: FlatCalls): unknown[] {
  const call = flat[step.call ?? ''];
  if (call === undefined) throw new DriverError(`no flat layout for ${step.call}`);
  const args = step.args ?? {};
  const params: Record<string, Json> = {};
  for (const [name, value] of Object.entries(args)) {
    if (call.path.includes(name)) continue;
    if (name === 'body')
      Object.assign(params, value); // every conformance body is an object: its fields spread
    else params[name] = BODY_CALLS.has(step.call ?? '') && name === 'file' ? upload(value) : value;
  }
  return [...call.path.map((name) => args[name]), ...(call.params ? [params] : [])];
}

function callOptions(step: Step, signal: AbortSignal): object {
  const options: Record<string, Json> = {};
  for (const [name, value] of Object.entries(step.options ?? {})) {
    options[camel(name)] = SECONDS.has(name) ? (value as number) * 1000 : value;
  }
  if (step.cancel_after !== undefined) options['signal'] = signal;
  return options;
}

function callArguments(step: Step): object {
  const params: Record<string, Record<string, Json>> = {};
  const put = (group: string, name: string, value: Json) => ((params[group] ??= {})[name] = value);
  for (const [name, value] of Object.entries(step.args ?? {})) {
    if (BODY_CALLS.has(step.call ?? '')) {
      put('body', name, name === 'file' ? upload(value) : value);
    } else if (GROUPS[step.call ?? ''] !== undefined) {
      put(GROUPS[step.call ?? ''] ?? 'query', name, value);
    } else if (name === 'body') {
      (params as Record<string, Json>)['body'] = value;
    } else {
      put(PATH_PARAMETERS.has(name) ? 'path' : 'query', name, value);
    }
  }
  return params;
}

/** A failure of the driver itself, never taken for something the SDK did. */
class DriverError extends Error {}

/** A value the SDK refused before sending anything: an `Error` that is not an `APIError`. */
function refused(error: unknown): Observation | null {
  if (!(error instanceof Error) || error instanceof sdk.APIError || error instanceof DriverError) return null;
  return { error: { type: 'invalid_argument', message: error.message } };
}

function errorObservation(error: sdk.APIError): Observation {
  const observed: Observation = { type: error.name };
  if (error instanceof sdk.APIStatusError) {
    Object.assign(observed, {
      status: error.status,
      message: error.apiMessage,
      code: error.code,
      request_id: error.requestId,
      body: error.body ?? null,
      text: error.message,
      field: error.field,
      rate_limit: error.rateLimit,
    });
  }
  return observed;
}

async function begin(server: string, id: string): Promise<void> {
  savedTokens.length = 0;
  const response = await fetch(`${server}/_conformance/begin?scenario=${encodeURIComponent(id)}`, { method: 'POST' });
  await response.arrayBuffer();
}

// ------------------------------------------------------------------------------------------------ OAuth2

/** The refresh token of every set the client's onTokens hook heard of, this scenario. */
const savedTokens: (string | null)[] = [];

function tokensObservation(tokens: sdk.OAuthTokens | null): Observation {
  const found = tokens && {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? null,
    expires: tokens.expiresAt !== undefined,
  };
  return { tokens: found ?? null, saved: [...savedTokens] };
}

/** A step of the OAuth2 authorization code flow, or null for any other step. */
async function oauthStep(client: sdk.Conformance, step: Step): Promise<Observation | null> {
  if (step.oauth_url !== undefined) {
    const { redirect_uri, scopes, state, code_verifier } = step.oauth_url;
    const request = await client.oauth.authorizationUrl({ redirectUri: redirect_uri, scopes, state, codeVerifier: code_verifier });
    const url = new URL(request.url);
    return {
      authorization_url: { path: url.pathname, query: Object.fromEntries(url.searchParams), raw_query: url.search.slice(1) },
      state: request.state,
      code_verifier: request.codeVerifier,
    };
  }
  if (step.oauth_exchange !== undefined) {
    const { code, redirect_uri, code_verifier } = step.oauth_exchange;
    return tokensObservation(await client.oauth.exchangeCode({ code, redirectUri: redirect_uri, codeVerifier: code_verifier }));
  }
  if (step.oauth_tokens !== undefined) return tokensObservation(client.oauth.tokens);
  if (step.oauth_revoke !== undefined) {
    await client.oauth.revoke(step.oauth_revoke.token);
    return { revoked: true };
  }
  return null;
}

/** A cancelled call: prompt when it ended within CANCEL_GRACE of the cancel. */
function cancelled(step: Step, started: number): Observation {
  const late = Date.now() - started - (step.cancel_after ?? 0) * 1000 > CANCEL_GRACE;
  return { cancelled: late ? 'late' : 'prompt' };
}

/** How the driver spells calls: result style or throwing; grouped or flat arguments (`flat`: the layouts). */
interface Style {
  result: boolean;
  flat: FlatCalls | null;
}

async function step(client: sdk.Conformance, step: Step, style: Style, signal: AbortSignal): Promise<Observation> {
  if (step.sleep !== undefined) {
    await sleep(step.sleep * 1000);
    return { slept: step.sleep };
  }
  if (step.authenticate !== undefined) {
    const login = client.authenticate as (...credentials: unknown[]) => Promise<unknown>;
    const { email, password } = step.authenticate as { email: string; password: string };
    await (style.flat ? login.call(client, email, password) : login.call(client, { email, password }));
    return { authenticated: true };
  }
  const oauth = await oauthStep(client, step);
  if (oauth !== null) return oauth;
  const [resourceName = '', methodName = ''] = (step.call ?? '').split('.');
  const resource = (client as unknown as Record<string, Record<string, Method>>)[resourceName];
  const method = resource?.[camel(methodName)]?.bind(resource);
  if (!method) throw new DriverError(`no method for ${step.call}`);
  const observe = step.observe ?? 'result';
  const args = style.flat ? flatArguments(step, style.flat) : [callArguments(step)];
  const pending = method(...args, callOptions(step, signal));
  if (observe === 'raw') {
    const raw = await pending.withResponse();
    const headers = raw.response.headers;
    const requestId = headers.get('x-request-id') || headers.get('request-id') || null;
    return {
      raw: {
        status: raw.response.status,
        request_id: requestId,
        result: raw.data ?? null,
        body: raw.body,
        rate_limit: raw.rateLimit,
      },
    };
  }
  if (observe === 'walk') {
    const ids: string[] = [];
    for await (const item of pending as unknown as AsyncIterable<{ id: string }>) ids.push(item.id);
    return { walk: ids };
  }
  let result: unknown;
  if (style.result && !(pending instanceof sdk.OkPromise)) {
    const outcome = (await pending) as sdk.Result<unknown>;
    if (outcome.error) throw outcome.error;
    result = outcome.data;
  } else {
    result = await pending;
  }
  if (observe === 'events') {
    const events: unknown[] = [];
    for await (const event of result as AsyncIterable<unknown>) events.push(event);
    return { events };
  }
  if (observe === 'page') {
    const page = result as sdk.Page<{ id: string }>;
    return { page: { items: page.items.map((item) => item.id), has_next: page.hasNextPage() } };
  }
  if (observe === 'bytes') {
    const bytes = new Uint8Array(await (result as Blob).arrayBuffer());
    return { bytes: { length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } };
  }
  if (observe === 'variant') return { variant: variantOf(result, step.field ?? 'shape') };
  return { result: result ?? null };
}

async function run(scenario: Scenario, server: string, style: Style): Promise<Observation> {
  const hooks: number[] = [];
  const steps: Observation[] = [];
  let client: sdk.Conformance;
  try {
    client = new sdk.Conformance(clientOptions(scenario.client ?? {}, server, hooks));
  } catch (error) {
    const observed = refused(error); // a client that cannot be made: every step sees why
    if (observed === null) throw error;
    return { scenario: scenario.id, steps: scenario.steps.map(() => observed) };
  }
  for (const s of scenario.steps) {
    const started = Date.now();
    const controller = new AbortController(); // the driver cancels the call after cancel_after seconds
    const after = s.cancel_after;
    const timer = after === undefined ? undefined : setTimeout(() => controller.abort(), after * 1000);
    try {
      steps.push(await step(client, s, style, controller.signal));
    } catch (error) {
      let observed: Observation | null;
      if (error instanceof sdk.APIUserAbortError) observed = cancelled(s, started);
      else if (error instanceof sdk.APIError) observed = { error: errorObservation(error) };
      else observed = refused(error);
      if (observed === null) throw error;
      steps.push(observed);
    } finally {
      clearTimeout(timer);
    }
  }
  const out: Observation = { scenario: scenario.id, steps };
  if (scenario.client?.['hooks']) out['hooks'] = hooks;
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const server = arg('--server');
  const file = arg('--scenarios');
  const mode = arg('--mode') ?? 'throw';
  if (!server || !file || !['throw', 'result', 'flat'].includes(mode)) {
    throw new Error('usage: driver.js --mode throw|result|flat --server URL --scenarios FILE');
  }
  const layouts = new URL('../calls.json', import.meta.url);
  const style: Style = {
    result: mode === 'result',
    flat: mode === 'flat' ? (JSON.parse(readFileSync(layouts, 'utf8')) as FlatCalls) : null,
  };
  if (process.env['CONFORMANCE_API_KEY'] === undefined) throw new Error('CONFORMANCE_API_KEY is not set');
  const scenarios = sdk.parseJSON(readFileSync(file, 'utf8')) as Scenario[];
  for (const scenario of scenarios) {
    await begin(server, scenario.id);
    const observation = await run(scenario, server, style);
    process.stdout.write(sdk.stringifyJSON(observation) + '\n');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
