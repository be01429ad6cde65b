<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiException;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\ApiStatusException;
use Zsdk\Runtime\AuthenticationException;
use Zsdk\Runtime\BadRequestException;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\ClientCore;
use Zsdk\Runtime\ClientDefaults;
use Zsdk\Runtime\ConflictException;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\InternalServerException;
use Zsdk\Runtime\NotFoundException;
use Zsdk\Runtime\PermissionDeniedException;
use Zsdk\Runtime\RateLimit;
use Zsdk\Runtime\UnprocessableEntityException;

/**
 * Error statuses: the class per status, message/code/field from the common envelopes, the shared error text.
 */
final class ErrorsTest extends TestCase
{
    private function fail4xx(int $status, string $body, array $headers = []): ApiStatusException
    {
        $transport = new FakeTransport([new HttpResponse($status, $headers, $body)]);
        try {
            $core = Fixtures::core($transport, new FakeTiming(), maxRetries: 0);
            $core->execute(Call::empty(new ApiRequest('GET', '/e')));
        } catch (ApiStatusException $e) {
            return $e;
        }
        self::fail('no error');
    }

    public function testClassPerStatus(): void
    {
        $classes = [
            400 => BadRequestException::class,
            401 => AuthenticationException::class,
            403 => PermissionDeniedException::class,
            404 => NotFoundException::class,
            409 => ConflictException::class,
            422 => UnprocessableEntityException::class,
            500 => InternalServerException::class,
            418 => ApiStatusException::class,
            599 => InternalServerException::class,
        ];
        foreach ($classes as $status => $class) {
            $e = $this->fail4xx($status, '');
            self::assertSame($class, get_class($e), (string) $status);
            self::assertInstanceOf(ApiException::class, $e);
            self::assertSame('Error code: ' . $status, $e->getMessage());
        }
    }

    public function testEnvelopes(): void
    {
        $cases = [
            ['{"error":{"message":"bad","code":"E1","field":"name"}}', 'bad', 'E1', 'name'],
            ['{"error":{"message":"bad","type":"invalid"}}', 'bad', 'invalid', null],
            ['{"error":"invalid_grant","error_description":"expired code"}', 'expired code', 'invalid_grant', null],
            ['{"error":"plain","code":7}', 'plain', '7', null],
            ['{"errors":[{"code":"E2","message":"one","field":"f"},{"message":"two"}]}', 'one; two', 'E2', 'f'],
            ['{"message":"msg","code":"C"}', 'msg', 'C', null],
            ['{"detail":"not here"}', 'not here', null, null],
            ['{"detail":[{"msg":"a"},{"msg":"b"}]}', 'a; b', null, null],
            ['{"title":"Title"}', 'Title', null, null],
            ['not json', 'Error code: 400', null, null],
        ];
        foreach ($cases as [$body, $message, $code, $field]) {
            $e = $this->fail4xx(400, $body);
            self::assertSame($message, $e->getMessage(), $body);
            self::assertSame($code, $e->code(), $body);
            self::assertSame($field, $e->field(), $body);
            self::assertSame($body, $e->body());
        }
    }

    public function testErrorText(): void
    {
        self::assertSame('414 Request URI Too Long: too long', (string) $this->fail4xx(414, '{"message":"too long"}'));
        self::assertSame("418 I'm a teapot", $this->fail4xx(418, '')->text());
        self::assertSame('499: went away', $this->fail4xx(499, '{"message":"went away"}')->text());
        self::assertSame('boom', (new ApiStatusException(0, [], '', 'boom'))->text());
    }

    public function testHeadersRequestIdAndRateLimit(): void
    {
        $e = $this->fail4xx(404, '', [
            'X-Request-Id' => 'req_1',
            'X-RateLimit-Limit' => '100',
            'X-RateLimit-Remaining' => 'many',
            'X-RateLimit-Reset' => '30',
        ]);
        self::assertSame('req_1', $e->requestId());
        self::assertSame(['req_1'], $e->headers()['x-request-id']);
        self::assertEquals(new RateLimit(100, null, 30), $e->rateLimit());
        self::assertNull($this->fail4xx(404, '')->rateLimit());
        self::assertNull($this->fail4xx(404, '')->requestId());
    }

    public function testCallerMistakes(): void
    {
        $defaults = new ClientDefaults('https://{region}.api.test', ['region' => ['eu', ['eu', 'us']]]);
        $us = new ClientCore($defaults, serverVariables: ['region' => 'us']);
        self::assertSame('https://us.api.test', $us->baseUrl());
        self::assertSame('https://eu.api.test', (new ClientCore($defaults))->baseUrl());
        $given = new ClientCore($defaults, baseUrl: 'http://x', serverVariables: ['region' => 'zz']);
        self::assertSame('http://x', $given->baseUrl());
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('server variable region must be one of eu, us, got "mars"');
        new ClientCore($defaults, serverVariables: ['region' => 'mars']);
    }

    public function testEnv(): void
    {
        putenv('ZSDK_RUNTIME_TEST=');
        self::assertNull(ClientCore::env('ZSDK_RUNTIME_TEST'));
        putenv('ZSDK_RUNTIME_TEST=value');
        self::assertSame('value', ClientCore::env('ZSDK_RUNTIME_TEST'));
        putenv('ZSDK_RUNTIME_TEST');
        self::assertNull(ClientCore::env('ZSDK_RUNTIME_TEST'));
    }
}
