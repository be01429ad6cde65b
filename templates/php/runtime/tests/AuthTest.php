<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\AuthConfig;
use Zsdk\Runtime\AuthenticationException;
use Zsdk\Runtime\AuthProvider;
use Zsdk\Runtime\BadRequestException;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\ClientCore;
use Zsdk\Runtime\HttpRequest;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\InternalServerException;
use Zsdk\Runtime\LoginSettings;
use Zsdk\Runtime\OAuth;
use Zsdk\Runtime\OAuthEndpoints;
use Zsdk\Runtime\OAuthTokens;

/**
 * The credential providers: static ones, client credentials, login tokens, the authorization-code helpers.
 */
final class AuthTest extends TestCase
{
    private FakeTiming $timing;
    private ?ClientCore $client = null;

    protected function setUp(): void
    {
        $this->timing = new FakeTiming();
    }

    /**
     * @param array<string, AuthProvider> $auth
     * @param list<HttpResponse|\Throwable|\Closure> $answers
     * @param array<string, mixed> $more
     */
    private function core(array $auth, array $answers, ?FakeTransport &$transport, array $more = []): ClientCore
    {
        $transport = new FakeTransport($answers);
        return Fixtures::core($transport, $this->timing, $auth, [array_keys($auth)], more: $more);
    }

    private static function get(ClientCore $core, string $path = '/w'): mixed
    {
        return $core->execute(Call::json(new ApiRequest('GET', $path), 'mixed'));
    }

    /**
     * @return array<string, string>
     */
    private static function form(HttpRequest $request): array
    {
        parse_str((string) $request->body, $form);
        return $form;
    }

    public function testStaticProviders(): void
    {
        $ok = fn () => FakeTransport::json(200, []);
        $core = $this->core(['k' => AuthProvider::apiKey('api key', 'query', 'a&b')], [$ok()], $t);
        self::get($core);
        self::assertSame('/v1/w?api%20key=a%26b', $t->target(0));
        $core = $this->core(['k' => AuthProvider::apiKey('sid', 'cookie', 's1')], [$ok()], $t);
        self::get($core);
        self::assertSame('sid=s1', $t->requests[0]->header('Cookie'));
        $core = $this->core(['k' => AuthProvider::apiKey('X-Api-Key', 'header', 'zk')], [$ok()], $t);
        self::get($core);
        self::assertSame('zk', $t->requests[0]->header('x-api-key'));
        $core = $this->core(['b' => AuthProvider::bearer('tok')], [$ok()], $t);
        self::get($core);
        self::assertSame('Bearer tok', $t->requests[0]->header('Authorization'));
        $core = $this->core(['b' => AuthProvider::basic('user', 'pa:ss')], [$ok()], $t);
        self::get($core);
        self::assertSame('Basic ' . base64_encode('user:pa:ss'), $t->requests[0]->header('Authorization'));
        $core = $this->core(['b' => AuthProvider::bearer(null)], [$ok()], $t);
        self::get($core);
        self::assertNull($t->requests[0]->header('Authorization'));
    }

    public function testPublicOperationAndAlternatives(): void
    {
        $transport = new FakeTransport([FakeTransport::json(200, []), FakeTransport::json(200, [])]);
        $auth = ['key' => AuthProvider::apiKey('X-Key', 'header', null), 'bearer' => AuthProvider::bearer('t')];
        $core = Fixtures::core($transport, $this->timing, $auth, [['key'], ['bearer']]);
        $core->execute(Call::empty((new ApiRequest('GET', '/p'))->security([])));
        $core->execute(Call::empty(new ApiRequest('GET', '/p')));
        self::assertNull($transport->requests[0]->header('Authorization'));
        self::assertSame('Bearer t', $transport->requests[1]->header('Authorization'));
    }

    public function testClientCredentialsAreCachedAndRefreshedBeforeExpiry(): void
    {
        $token = fn (string $t) => FakeTransport::json(200, ['access_token' => $t, 'expires_in' => 3600]);
        $ok = FakeTransport::json(200, []);
        $auth = ['oauth' => AuthProvider::clientCredentials('/oauth/token', 'id', 's e', ['read', 'write'])];
        $core = $this->core($auth, [$token('t1'), $ok, $ok, $token('t2'), $ok], $t);
        self::get($core);
        self::get($core);
        $this->timing->now += 3600 - 59;
        self::get($core);
        self::assertCount(5, $t->requests);
        self::assertSame('https://api.test/v1/oauth/token', $t->requests[0]->url);
        self::assertSame(
            'grant_type=client_credentials&scope=read+write&client_id=id&client_secret=s+e',
            $t->requests[0]->body
        );
        self::assertSame('application/x-www-form-urlencoded', $t->requests[0]->header('content-type'));
        self::assertSame('Bearer t1', $t->requests[2]->header('Authorization'));
        self::assertSame('Bearer t2', $t->requests[4]->header('Authorization'));
    }

    public function testRefreshBufferIsAtMostHalfTheLifetime(): void
    {
        $token = fn (string $t) => FakeTransport::json(200, ['access_token' => $t, 'expires_in' => 100]);
        $ok = FakeTransport::json(200, []);
        $auth = ['oauth' => AuthProvider::clientCredentials('/token', 'id', 'secret')];
        $answers = [$token('t1'), $ok, $ok, $token('t2'), $ok];
        $core = $this->core($auth, $answers, $t, ['authConfig' => new AuthConfig(300.0)]);
        self::get($core);
        $this->timing->now += 49;
        self::get($core);
        $this->timing->now += 1;
        self::get($core);
        self::assertSame('Bearer t2', $t->requests[4]->header('Authorization'));
    }

    public function testRejectedTokenIsFetchedAgainOnce(): void
    {
        $token = fn (string $t) => FakeTransport::json(200, ['access_token' => $t]);
        $auth = ['oauth' => AuthProvider::clientCredentials('/token', 'id', 'secret')];
        $answers = [$token('t1'), new HttpResponse(401), $token('t2'), FakeTransport::json(200, [])];
        $core = $this->core($auth, $answers, $t);
        self::get($core);
        self::assertSame('Bearer t2', $t->requests[3]->header('Authorization'));
        $core = $this->core($auth, [$token('t3'), new HttpResponse(401), $token('t4'), new HttpResponse(401)], $t);
        $auth['oauth']->invalidate();
        $this->expectException(AuthenticationException::class);
        self::get($core);
    }

    private static function loginSettings(): LoginSettings
    {
        return new LoginSettings([], ['refresh_token'], ['expires_in'], '/auth/refresh', '', '');
    }

    private static function loginCall(): Call
    {
        return Call::empty((new ApiRequest('POST', '/auth/login'))->jsonBody(['email' => 'e'])->security([]));
    }

    public function testLoginAndRefresh(): void
    {
        $tokens = fn (string $a, string $r) => FakeTransport::json(200, [
            'data' => ['access_token' => $a, 'refresh_token' => $r, 'expires_in' => 600],
        ]);
        $auth = ['login' => AuthProvider::login(null, self::loginSettings())];
        $ok = FakeTransport::json(200, []);
        $core = $this->core($auth, [$tokens('a1', 'r1'), $ok, $tokens('a2', 'r2'), $ok], $t);
        $core->login(self::loginCall(), 'login');
        self::get($core);
        $this->timing->now += 600;
        self::get($core);
        self::assertNull($t->requests[0]->header('Authorization'));
        self::assertSame('Bearer a1', $t->requests[1]->header('Authorization'));
        self::assertSame('https://api.test/v1/auth/refresh', $t->requests[2]->url);
        self::assertSame('{"refresh_token":"r1"}', $t->requests[2]->body);
        self::assertSame('Bearer a2', $t->requests[3]->header('Authorization'));
    }

    public function testRefreshIsRetriedThenFailsTheCall(): void
    {
        $auth = ['login' => AuthProvider::login(null, self::loginSettings())];
        $login = FakeTransport::json(200, ['access_token' => 'a1', 'refresh_token' => 'r1', 'expires_in' => 1]);
        $core = $this->core($auth, [$login, new HttpResponse(503), new HttpResponse(503), new HttpResponse(503)], $t, [
            'authConfig' => new AuthConfig(maxRefreshRetries: 2),
        ]);
        $core->login(self::loginCall(), 'login');
        try {
            self::get($core);
            self::fail('no error');
        } catch (InternalServerException) {
            self::assertCount(4, $t->requests);
            self::assertCount(2, $this->timing->sleeps);
        }
    }

    public function testRefreshRefusedIsNotRetried(): void
    {
        $auth = ['login' => AuthProvider::login(null, self::loginSettings())];
        $login = FakeTransport::json(200, ['access_token' => 'a1', 'refresh_token' => 'r1', 'expires_in' => 1]);
        $core = $this->core($auth, [$login, new HttpResponse(401, [], '{"message":"bad refresh"}')], $t);
        $core->login(self::loginCall(), 'login');
        try {
            self::get($core);
            self::fail('no error');
        } catch (AuthenticationException $e) {
            self::assertSame('bad refresh', $e->getMessage());
            self::assertCount(2, $t->requests);
        }
    }

    public function testLoginNeedsALoginScheme(): void
    {
        $core = $this->core(['b' => AuthProvider::bearer('t')], [], $t);
        $this->expectException(\InvalidArgumentException::class);
        $core->login(self::loginCall(), 'b');
    }

    /**
     * @param list<HttpResponse> $answers
     */
    private function oauth(
        array $answers,
        ?FakeTransport &$t,
        ?OAuthTokens $tokens = null,
        ?\Closure $hook = null,
    ): OAuth {
        $endpoints = new OAuthEndpoints(
            '/oauth/authorize',
            '/oauth/token',
            '/oauth/token',
            '/oauth/revoke',
            ['read', 'write']
        );
        $fallback = AuthProvider::clientCredentials('/oauth/token', 'cid', 'csecret');
        $auth = ['oauth2' => AuthProvider::authorizationCode($endpoints, 'cid', 'csecret', $tokens, $fallback, $hook)];
        $this->client = $this->core($auth, $answers, $t);
        return $this->client->oauth('oauth2');
    }

    public function testAuthorizationUrl(): void
    {
        $oauth = $this->oauth([], $t);
        $request = $oauth->authorizationUrl('https://app/cb', null, 'st 1', 'verifier');
        self::assertSame(
            'https://api.test/v1/oauth/authorize?response_type=code&client_id=cid&redirect_uri=https%3A%2F%2Fapp%2Fcb'
            . '&scope=read%20write&state=st%201&code_challenge=' . OAuth::pkceChallenge('verifier')
            . '&code_challenge_method=S256',
            $request->url
        );
        self::assertSame('iMnq5o6zALKXGivsnlom_0F5_WYda32GHkxlV7mq7hQ', OAuth::pkceChallenge('verifier'));
        $fresh = $oauth->authorizationUrl('https://app/cb', []);
        self::assertSame(64, strlen($fresh->codeVerifier));
        self::assertStringNotContainsString('scope=', $fresh->url);
        self::assertNotSame('', $fresh->state);
    }

    public function testExchangeRefreshRotationAndRevoke(): void
    {
        $seen = [];
        $hook = function (OAuthTokens $tokens) use (&$seen): void {
            $seen[] = $tokens->refreshToken;
        };
        $oauth = $this->oauth([
            FakeTransport::json(200, [
                'access_token' => 'a1',
                'refresh_token' => 'r1',
                'expires_in' => 60,
                'scope' => 'read',
            ]),
            FakeTransport::json(200, ['access_token' => 'a2', 'expires_in' => 60]),
            new HttpResponse(200),
        ], $t, null, $hook);
        $tokens = $oauth->exchangeCode('code1', 'https://app/cb', 'ver');
        self::assertSame('a1', $tokens->accessToken);
        self::assertSame('read', $tokens->scope);
        self::assertSame(
            [
                'grant_type' => 'authorization_code',
                'code' => 'code1',
                'redirect_uri' => 'https://app/cb',
                'client_id' => 'cid',
                'client_secret' => 'csecret',
                'code_verifier' => 'ver',
            ],
            self::form($t->requests[0])
        );
        $this->timing->now += 31;
        $refreshed = $oauth->refresh();
        self::assertSame('r1', $refreshed->refreshToken);
        self::assertSame(['grant_type' => 'refresh_token', 'refresh_token' => 'r1', 'client_id' => 'cid',
            'client_secret' => 'csecret'], self::form($t->requests[1]));
        self::assertSame(['r1', 'r1'], $seen);
        $oauth->revoke();
        self::assertSame('https://api.test/v1/oauth/revoke', $t->requests[2]->url);
        $form = self::form($t->requests[2]);
        self::assertSame(['token' => 'r1', 'client_id' => 'cid', 'client_secret' => 'csecret'], $form);
        self::assertNull($oauth->tokens());
    }

    public function testStoredTokensAreRefreshedBeforeACall(): void
    {
        $expired = new OAuthTokens('old', 'r0', (new \DateTimeImmutable('@1700000000'))->modify('+10 seconds'));
        $transport = new FakeTransport([
            FakeTransport::json(200, ['access_token' => 'new', 'refresh_token' => 'r1', 'expires_in' => 3600]),
            FakeTransport::json(200, []),
        ]);
        $endpoints = new OAuthEndpoints('/a', '/t', '/r', '', []);
        $provider = AuthProvider::authorizationCode($endpoints, 'cid', null, $expired);
        $core = Fixtures::core($transport, $this->timing, ['o' => $provider], [['o']]);
        self::get($core);
        self::assertSame('https://api.test/v1/r', $transport->requests[0]->url);
        self::assertSame('grant_type=refresh_token&refresh_token=r0&client_id=cid', $transport->requests[0]->body);
        self::assertSame('Bearer new', $transport->requests[1]->header('Authorization'));
        $this->expectException(\LogicException::class);
        $core->oauth('o')->revoke();
    }

    public function testExchangeRefused(): void
    {
        $oauth = $this->oauth([
            FakeTransport::json(400, ['error' => 'invalid_grant', 'error_description' => 'code expired']),
        ], $t);
        try {
            $oauth->exchangeCode('bad', 'https://app/cb');
            self::fail('no error');
        } catch (BadRequestException $e) {
            self::assertSame('invalid_grant', $e->code());
            self::assertSame('code expired', $e->getMessage());
        }
    }

    public function testFallbackIsUsedWithoutATokenSet(): void
    {
        $oauth = $this->oauth([
            FakeTransport::json(200, ['access_token' => 'cc']),
            FakeTransport::json(200, []),
            FakeTransport::json(200, []),
        ], $t);
        self::assertNull($oauth->tokens());
        self::assertNotNull($this->client);
        self::get($this->client);
        self::assertSame('grant_type=client_credentials&client_id=cid&client_secret=csecret', $t->requests[0]->body);
        self::assertSame('Bearer cc', $t->requests[1]->header('Authorization'));
        $oauth->setTokens(new OAuthTokens('user'));
        self::get($this->client);
        self::assertSame('Bearer user', $t->requests[2]->header('Authorization'));
    }
}
