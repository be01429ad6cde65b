import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import { OAuth2ClientCredentials } from '../core/auth.js';
import type { ClientOptions } from '../core/client.js';
import { BadRequestError } from '../core/errors.js';
import { OAuth, OAuth2AuthorizationCode, pkcePair, type OAuthProviderOptions, type OAuthTokens } from '../core/oauth.js';
import { fakeFetch, json, TestClient } from './support.js';

const ENDPOINTS = {
  authorizationUrl: 'https://auth.example.com/authorize',
  tokenUrl: '/oauth/token',
  refreshUrl: '/oauth/token',
  revokeUrl: '/oauth/revoke',
  scopes: ['read', 'write'],
};

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Issues numbered pairs; a refresh token works once (rotation); a code other than `good` is refused. */
function authServer(expiresIn = 3600): { fetch: typeof fetch; forms: Record<string, string>[]; live: Set<string> } {
  let issued = 0;
  const live = new Set<string>();
  const forms: Record<string, string>[] = [];
  const pair = () => {
    issued += 1;
    live.add(`r${issued}`);
    return json({ access_token: `a${issued}`, refresh_token: `r${issued}`, expires_in: expiresIn, scope: 'read' });
  };
  const answer = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/oauth/token') || path.endsWith('/oauth/revoke')) {
      const form = Object.fromEntries(new URLSearchParams(faked.seen.at(-1)?.body)); // fakeFetch read the body
      forms.push(form);
      if (path.endsWith('/oauth/revoke')) return new Response(null, { status: 200 });
      if (form['grant_type'] === 'authorization_code')
        return form['code'] === 'good' ? pair() : json({ error: 'invalid_grant', message: 'bad code' }, 400);
      if (!live.delete(form['refresh_token'] ?? '')) return json({ error: 'invalid_grant', message: 'used' }, 400);
      return pair();
    }
    return json({ auth: request.headers.get('authorization') });
  };
  const faked = fakeFetch([answer]);
  return { fetch: faked.fetch, forms, live };
}

class OAuthClient extends TestClient {
  readonly provider: OAuth2AuthorizationCode;
  readonly oauth: OAuth;
  now = () => 1_000_000;

  constructor(options: ClientOptions, secret: string | undefined, extra: OAuthProviderOptions = {}) {
    const provider = new OAuth2AuthorizationCode(ENDPOINTS, 'cid', secret, extra);
    super(options, { oauth: provider }, [['oauth']]);
    this.provider = provider;
    this.oauth = new OAuth(provider, {
      baseUrl: () => this.baseUrl,
      now: () => this.now(),
      send: (token) => this.sendToken(token),
    });
  }
}

const get = { method: 'GET', path: '/things' };

describe('OAuth2 authorization code', () => {
  it('makes a PKCE pair whose challenge is the S256 of the verifier', async () => {
    const { verifier, challenge } = await pkcePair();
    assert.ok(verifier.length >= 43 && verifier.length <= 128);
    assert.equal(challenge, s256(verifier));
    assert.notEqual((await pkcePair()).verifier, verifier);
  });

  it('builds the authorization URL with client, redirect, scopes, state and challenge', async () => {
    const client = new OAuthClient({ fetch: authServer().fetch }, undefined);
    const request = await client.oauth.authorizationUrl({ redirectUri: 'https://app.example.com/cb', state: 's1' });
    const url = new URL(request.url);
    assert.equal(`${url.origin}${url.pathname}`, 'https://auth.example.com/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://app.example.com/cb',
      scope: 'read write',
      state: 's1',
      code_challenge: s256(request.codeVerifier),
      code_challenge_method: 'S256',
    });
    assert.ok(request.url.includes('scope=read%20write'));
    const other = await client.oauth.authorizationUrl({ redirectUri: 'x:/cb', scopes: [] });
    assert.equal(new URL(other.url).searchParams.get('scope'), null);
    assert.ok(other.state.length > 0 && other.codeVerifier !== request.codeVerifier);
  });

  it('exchanges a code with the form RFC 6749 asks for, then sends the token', async () => {
    const server = authServer();
    const seen: OAuthTokens[] = [];
    const client = new OAuthClient({ fetch: server.fetch }, 'shh', { onTokens: (t) => seen.push(t) });
    const tokens = await client.oauth.exchangeCode({ code: 'good', redirectUri: 'https://app/cb', codeVerifier: 'v' });
    assert.deepEqual(tokens, { accessToken: 'a1', refreshToken: 'r1', expiresAt: 1_000_000 + 3_600_000, scope: 'read' });
    assert.deepEqual(server.forms[0], {
      grant_type: 'authorization_code',
      code: 'good',
      redirect_uri: 'https://app/cb',
      client_id: 'cid',
      client_secret: 'shh',
      code_verifier: 'v',
    });
    assert.deepEqual(await client.request(get), { auth: 'Bearer a1' });
    assert.deepEqual(seen, [tokens]);
    assert.deepEqual(client.oauth.tokens, tokens);
  });

  it('throws a typed error when the token endpoint refuses', async () => {
    const client = new OAuthClient({ fetch: authServer().fetch }, undefined);
    await assert.rejects(client.oauth.exchangeCode({ code: 'bad', redirectUri: 'x:/cb' }), BadRequestError);
    assert.equal(client.oauth.tokens, null);
  });

  it('refreshes before expiry and uses the rotated refresh token next time', async () => {
    const server = authServer(100);
    const seen: OAuthTokens[] = [];
    const client = new OAuthClient({ fetch: server.fetch, authConfig: { refreshBufferSeconds: 10 } }, undefined, {
      onTokens: (t) => seen.push(t),
    });
    let now = 1_000_000;
    client.now = () => now;
    await client.oauth.exchangeCode({ code: 'good', redirectUri: 'x:/cb' });
    now += 89_000;
    assert.deepEqual(await client.request(get), { auth: 'Bearer a1' });
    now += 2_000;
    assert.deepEqual(await client.request(get), { auth: 'Bearer a2' });
    now += 95_000;
    assert.deepEqual(await client.request(get), { auth: 'Bearer a3' });
    const refreshes = server.forms.filter((f) => f['grant_type'] === 'refresh_token');
    assert.deepEqual(refreshes.map((f) => f['refresh_token']), ['r1', 'r2']);
    assert.deepEqual(seen.map((t) => t.refreshToken), ['r1', 'r2', 'r3']);
    assert.equal(client.oauth.tokens?.accessToken, 'a3');
  });

  it('refreshes a stored token set the client was made with', async () => {
    const server = authServer();
    server.live.add('stored');
    const client = new OAuthClient({ fetch: server.fetch }, undefined, {
      tokens: { accessToken: 'old', refreshToken: 'stored', expiresAt: 999_000 },
    });
    assert.deepEqual(await client.request(get), { auth: 'Bearer a1' });
    assert.equal(server.forms[0]?.['refresh_token'], 'stored');
    assert.equal(client.oauth.tokens?.refreshToken, 'r1');
  });

  it('revokes the refresh token and forgets the set', async () => {
    const server = authServer();
    const client = new OAuthClient({ fetch: server.fetch }, 'shh');
    await client.oauth.exchangeCode({ code: 'good', redirectUri: 'x:/cb' });
    await client.oauth.revoke();
    assert.deepEqual(server.forms.at(-1), { token: 'r1', client_id: 'cid', client_secret: 'shh' });
    assert.equal(client.oauth.tokens, null);
    await client.oauth.revoke('other');
    assert.equal(server.forms.at(-1)?.['token'], 'other');
    await assert.rejects(client.oauth.revoke(), /no token to revoke/);
  });

  it('falls back to client credentials while there is no token set', async () => {
    const { fetch } = fakeFetch([
      async (request) =>
        new URL(request.url).pathname === '/v1/cc'
          ? json({ access_token: 'cc1', expires_in: 3600 })
          : json({ auth: request.headers.get('authorization') }),
    ]);
    const fallback = new OAuth2ClientCredentials('/cc', 'cid', 'secret');
    const client = new OAuthClient({ fetch }, 'secret', { fallback });
    assert.deepEqual(await client.request(get), { auth: 'Bearer cc1' });
    client.oauth.tokens = { accessToken: 'user1' };
    assert.deepEqual(await client.request(get), { auth: 'Bearer user1' });
  });
});
