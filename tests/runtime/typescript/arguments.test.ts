import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { checkArgs, splitParams } from '../core/arguments.js';
import { SharedClient, type ClientOptions, type Operation } from '../core/client.js';
import { fakeFetch, json, TestClient } from './support.js';

describe('arguments: flat style', () => {
  const layout = { query: ['limit'], headers: ['X-Trace'], body: 'fields' } as const;

  it('puts query, header and cookie keys in their groups and the rest in the body', () => {
    const args = splitParams(layout, { name: 'docs' }, { limit: 5, 'X-Trace': 't', records: [1], note: 'n' });
    assert.deepEqual(args, {
      path: { name: 'docs' },
      query: { limit: 5 },
      headers: { 'X-Trace': 't' },
      body: { records: [1], note: 'n' },
    });
  });

  it('sends an optional body only when one of its fields is given', () => {
    assert.deepEqual(splitParams({ query: ['limit'], body: 'optional fields' }, undefined, { limit: 1 }), {
      query: { limit: 1 },
    });
    assert.deepEqual(splitParams({ body: 'optional fields' }, undefined, { a: 1 }), { body: { a: 1 } });
    assert.deepEqual(splitParams({ body: 'fields' }, undefined, undefined), { body: {} });
  });

  it('takes a body that has no fields from the `body` key', () => {
    assert.deepEqual(splitParams({ body: 'body' }, undefined, { body: 'raw' }), { body: 'raw' });
  });

  it('refuses a string or an array where the parameters object belongs', () => {
    assert.throws(() => splitParams(layout, undefined, 'SELECT 1'), {
      name: 'TypeError',
      message: 'The parameters must be an object of named values, not the string "SELECT 1"',
    });
    assert.throws(() => splitParams(layout, undefined, [1]), /not an array/);
  });
});

describe('arguments: grouped style', () => {
  it('refuses a group that is not an object', () => {
    assert.throws(() => checkArgs({ query: 'limit=1' }), /params\.query must be an object of named values/);
    assert.throws(() => checkArgs('x'), /The parameters must be an object/);
    assert.deepEqual(checkArgs({ body: 'any body' }), { body: 'any body' });
  });

  it('rejects the call (nothing sent) when a group is a string', async () => {
    const { fetch, seen } = fakeFetch([json({})]);
    const op: Operation = { method: 'GET', path: '/items' };
    const error = await new TestClient({ fetch }).request(op, { query: 'abc' } as never).catch((e: unknown) => e);
    assert.ok(error instanceof TypeError);
    assert.equal(seen.length, 0);
  });

  it('sends a flat call as its groups', async () => {
    const { fetch, seen } = fakeFetch([json({ ok: true })]);
    const op: Operation = {
      method: 'POST',
      path: '/c/{name}',
      body: 'json',
      flat: { query: ['limit'], body: 'fields' },
    };
    await new TestClient({ fetch }).request(op, { path: { name: 'docs' }, params: { limit: 2, records: [] } });
    assert.equal(seen[0]?.url.pathname, '/v1/c/docs');
    assert.equal(seen[0]?.url.search, '?limit=2');
    assert.equal(seen[0]?.body, '{"records":[]}');
  });
});

describe('SharedClient.setConfig', () => {
  const create = (options: ClientOptions & { apiKey?: string }) => new TestClient(options);

  it('takes the options every client takes and the ones the generated code names', () => {
    const shared = new SharedClient(create, ['apiKey']);
    shared.setConfig({ baseUrl: 'https://other.example', apiKey: 'k' });
    assert.deepEqual(shared.getConfig(), { baseUrl: 'https://other.example', apiKey: 'k' });
    assert.equal(shared.sdk.baseUrl, 'https://other.example');
  });

  it('throws for an option it does not know instead of ignoring it', () => {
    const shared = new SharedClient(create, ['apiKey']);
    assert.throws(() => shared.setConfig({ baseURL: 'x' } as never), {
      name: 'TypeError',
      message:
        'Unknown client option "baseURL" (known: apiKey, baseUrl, defaultHeaders, fetch, maxRetries, onRequest, ' +
        'onResponse, timeout)',
    });
    assert.throws(() => shared.setConfig('x' as never), /The configuration must be an object/);
    assert.deepEqual(shared.getConfig(), {});
  });
});
