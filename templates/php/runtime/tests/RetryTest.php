<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiConnectionException;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\ApiTimeoutException;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\ConflictException;
use Zsdk\Runtime\ConnectionFailed;
use Zsdk\Runtime\HttpRequest;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\InternalServerException;
use Zsdk\Runtime\Middleware;
use Zsdk\Runtime\RateLimitException;
use Zsdk\Runtime\RequestOptions;
use Zsdk\Runtime\RetryConfig;
use Zsdk\Runtime\TimedOut;

/**
 * Retries: the status table, hints, backoff, limits, idempotency keys, checks, middleware.
 */
final class RetryTest extends TestCase
{
    private FakeTiming $timing;

    protected function setUp(): void
    {
        $this->timing = new FakeTiming();
    }

    /**
     * @param list<HttpResponse|\Throwable> $answers
     * @param array<string, mixed> $more
     */
    private function call(
        array $answers,
        ?ApiRequest $r = null,
        ?int $maxRetries = null,
        ?RequestOptions $options = null,
        ?RetryConfig $retry = null,
        array $more = [],
    ): FakeTransport {
        $transport = new FakeTransport($answers);
        $core = Fixtures::core($transport, $this->timing, maxRetries: $maxRetries, retry: $retry, more: $more);
        $core->execute(Call::json($r ?? new ApiRequest('GET', '/w'), 'mixed'), $options);
        return $transport;
    }

    public function testRetriesUntilOk(): void
    {
        $transport = $this->call([new HttpResponse(503), new HttpResponse(503), FakeTransport::json(200, ['ok' => 1])]);
        self::assertCount(3, $transport->requests);
        self::assertSame([0.5, 1.0], $this->timing->sleeps);
    }

    public function testEveryRetryableStatus(): void
    {
        foreach ([408, 429, 500, 502, 503, 504] as $status) {
            $transport = $this->call([new HttpResponse($status), FakeTransport::json(200, [])]);
            self::assertCount(2, $transport->requests, (string) $status);
        }
    }

    public function testExhaustedRaisesTheLastError(): void
    {
        try {
            $this->call(array_fill(0, 3, new HttpResponse(500, [], '{"message":"down"}')));
            self::fail('no error');
        } catch (InternalServerException $e) {
            self::assertSame('down', $e->getMessage());
            self::assertSame(2, count($this->timing->sleeps));
        }
    }

    public function testMaxRetriesZeroIsOneTry(): void
    {
        foreach ([[0, null], [null, new RequestOptions(maxRetries: 0)]] as [$client, $options]) {
            $transport = new FakeTransport([new HttpResponse(503), FakeTransport::json(200, [])]);
            $core = Fixtures::core($transport, $this->timing, maxRetries: $client);
            try {
                $core->execute(Call::empty(new ApiRequest('GET', '/w')), $options);
                self::fail('no error');
            } catch (InternalServerException) {
                self::assertCount(1, $transport->requests);
            }
        }
    }

    public function testConflictOnlyWhenAsked(): void
    {
        $transport = $this->call([new HttpResponse(409, ['x-should-retry' => 'true']), FakeTransport::json(200, [])]);
        self::assertCount(2, $transport->requests);
        $this->expectException(ConflictException::class);
        $this->call([new HttpResponse(409), FakeTransport::json(200, [])]);
    }

    public function testToldNotToRetry(): void
    {
        $this->expectException(InternalServerException::class);
        $this->call([new HttpResponse(503, ['x-should-retry' => 'false']), FakeTransport::json(200, [])]);
    }

    public function testRetryAfterHints(): void
    {
        $this->call([new HttpResponse(503, ['retry-after' => '2']), FakeTransport::json(200, [])]);
        $this->call([new HttpResponse(503, ['retry-after-ms' => '250']), FakeTransport::json(200, [])]);
        $date = gmdate('D, d M Y H:i:s', (int) $this->timing->now + 3) . ' GMT';
        $this->call([new HttpResponse(503, ['Retry-After' => $date]), FakeTransport::json(200, [])]);
        $this->call([new HttpResponse(503, ['retry-after' => '120']), FakeTransport::json(200, [])]);
        self::assertSame([2.0, 0.25], array_slice($this->timing->sleeps, 0, 2));
        self::assertEqualsWithDelta(3.0, $this->timing->sleeps[2], 1.0);
        self::assertSame(0.5, $this->timing->sleeps[3]);
    }

    public function testRateLimitReset(): void
    {
        $this->call([new HttpResponse(429, ['x-ratelimit-reset' => '4']), FakeTransport::json(200, [])]);
        $epoch = (string) ((int) $this->timing->now + 5);
        $this->call([new HttpResponse(429, ['x-ratelimit-reset' => $epoch]), FakeTransport::json(200, [])]);
        $both = new HttpResponse(429, ['x-ratelimit-reset' => '4', 'retry-after' => '1']);
        $this->call([$both, FakeTransport::json(200, [])]);
        $this->call([new HttpResponse(429, ['x-ratelimit-reset' => '600']), FakeTransport::json(200, [])]);
        $this->call([new HttpResponse(503, ['x-ratelimit-reset' => '4']), FakeTransport::json(200, [])]);
        self::assertSame(4.0, $this->timing->sleeps[0]);
        self::assertEqualsWithDelta(5.0, $this->timing->sleeps[1], 1.0);
        self::assertSame([1.0, 0.5, 0.5], array_slice($this->timing->sleeps, 2));
    }

    public function testRateLimitErrorCarriesTheLastRateLimit(): void
    {
        try {
            $this->call(array_fill(0, 3, new HttpResponse(429, ['x-ratelimit-limit' => '10', 'retry-after' => '0'])));
            self::fail('no error');
        } catch (RateLimitException $e) {
            self::assertSame(10, $e->rateLimit()?->limit);
            self::assertNull($e->rateLimit()?->remaining);
        }
    }

    public function testBackoffIsCappedAndJittered(): void
    {
        $this->timing->jitter = 1.0;
        $answers = array_fill(0, 6, new HttpResponse(500));
        $answers[] = FakeTransport::json(200, []);
        $this->call($answers, maxRetries: 6);
        self::assertSame([0.375, 0.75, 1.5, 3.0, 6.0, 6.0], $this->timing->sleeps);
    }

    public function testRetryConfig(): void
    {
        $config = new RetryConfig(maxRetries: 3, baseDelay: 0.1, maxDelay: 1.0, exponentialBackoff: false);
        $answers = array_fill(0, 3, new HttpResponse(500));
        $answers[] = FakeTransport::json(200, []);
        $transport = $this->call($answers, retry: $config);
        self::assertCount(4, $transport->requests);
        self::assertSame([0.1, 0.1, 0.1], $this->timing->sleeps);
        $this->expectException(InternalServerException::class);
        $this->call([new HttpResponse(500), FakeTransport::json(200, [])], maxRetries: 0, retry: $config);
    }

    public function testConnectionFailuresAndTimeouts(): void
    {
        $transport = $this->call([new ConnectionFailed('reset'), new TimedOut('slow'), FakeTransport::json(200, [])]);
        self::assertCount(3, $transport->requests);
        try {
            $this->call([new ConnectionFailed('reset')], maxRetries: 0);
            self::fail('no error');
        } catch (ApiConnectionException $e) {
            self::assertNotInstanceOf(ApiTimeoutException::class, $e);
            self::assertSame('Connection error.', $e->getMessage());
        }
        try {
            $this->call([new TimedOut('slow')], maxRetries: 0);
            self::fail('no error');
        } catch (ApiTimeoutException $e) {
            self::assertSame('Request timed out.', $e->getMessage());
        }
    }

    public function testTimeoutPerCall(): void
    {
        $transport = $this->call([FakeTransport::json(200, [])], options: new RequestOptions(timeout: 2.5));
        self::assertSame(2.5, $transport->requests[0]->timeout);
        $transport = $this->call([FakeTransport::json(200, [])]);
        self::assertSame(60.0, $transport->requests[0]->timeout);
    }

    public function testIdempotencyKeyIsReusedAcrossRetries(): void
    {
        $r = (new ApiRequest('POST', '/w'))->jsonBody(['a' => 1])->idempotent();
        $transport = $this->call([new HttpResponse(503), FakeTransport::json(201, [])], $r);
        $key = $transport->requests[0]->header('Idempotency-Key');
        $uuid = '/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/';
        self::assertMatchesRegularExpression($uuid, (string) $key);
        self::assertSame($key, $transport->requests[1]->header('Idempotency-Key'));
        $r = (new ApiRequest('POST', '/w'))->idempotent();
        $transport = $this->call([FakeTransport::json(201, [])], $r, options: new RequestOptions(idempotencyKey: 'k1'));
        self::assertSame('k1', $transport->requests[0]->header('Idempotency-Key'));
        $transport = $this->call([FakeTransport::json(200, [])]);
        self::assertNull($transport->requests[0]->header('Idempotency-Key'));
    }

    public function testHeadersFromClientAndCall(): void
    {
        $transport = $this->call(
            [FakeTransport::json(200, [])],
            options: new RequestOptions(headers: ['x-call' => 'c', 'X-Both' => 'call']),
            more: ['defaultHeaders' => ['X-Client' => 'a', 'x-both' => 'client']],
        );
        $sent = $transport->requests[0];
        self::assertSame('a', $sent->header('x-client'));
        self::assertSame('c', $sent->header('X-Call'));
        self::assertSame('call', $sent->header('X-Both'));
    }

    public function testChecksReturnFalseInsteadOfRaising(): void
    {
        $transport = new FakeTransport([
            new HttpResponse(503),
            new HttpResponse(200),
            new HttpResponse(404),
            new ConnectionFailed('refused'),
        ]);
        $core = Fixtures::core($transport, $this->timing, maxRetries: 1);
        self::assertTrue($core->execute(Call::ok(new ApiRequest('GET', '/health'))));
        $once = new RequestOptions(maxRetries: 0);
        self::assertFalse($core->execute(Call::ok(new ApiRequest('GET', '/health')), $once));
        self::assertFalse($core->execute(Call::ok(new ApiRequest('GET', '/health')), $once));
        $this->expectException(ApiConnectionException::class);
        $transport = new FakeTransport([new ConnectionFailed('refused')]);
        Fixtures::core($transport, $this->timing, maxRetries: 0)->executeRaw(Call::ok(new ApiRequest('GET', '/h')));
    }

    public function testMiddlewareSeesEveryTry(): void
    {
        $seen = new \ArrayObject();
        $middleware = new class ($seen) implements Middleware {
            /** @param \ArrayObject<int, string> $seen */
            public function __construct(private readonly \ArrayObject $seen)
            {
            }

            public function handle(HttpRequest $request, callable $next): HttpResponse
            {
                $this->seen[] = $request->method;
                return $next($request->withHeader('X-Try', (string) count($this->seen)));
            }
        };
        $transport = $this->call(
            [new HttpResponse(503), FakeTransport::json(200, [])],
            more: ['middleware' => [$middleware]],
        );
        self::assertSame(['GET', 'GET'], $seen->getArrayCopy());
        self::assertSame('2', $transport->requests[1]->header('x-try'));
    }
}
