<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiConnectionException;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\ApiTimeoutException;
use Zsdk\Runtime\BinaryResponse;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\ClientCore;
use Zsdk\Runtime\CurlTransport;
use Zsdk\Runtime\FileUpload;
use Zsdk\Runtime\NotFoundException;
use Zsdk\Runtime\RawResponse;
use Zsdk\Runtime\RequestOptions;

/**
 * Calls through CurlTransport against a local `php -S` server: answers, errors, downloads, event streams,
 * uploads, timeouts and refused connections.
 */
final class EndToEndTest extends TestCase
{
    private const ROUTER = <<<'PHP'
<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path === '/slow') {
    usleep(1500000);
}
if (preg_match('#^/status/(\d+)$#', $path, $m) === 1) {
    http_response_code((int) $m[1]);
    header('Content-Type: application/json');
    header('X-Request-Id: req_' . $m[1]);
    header('X-RateLimit-Remaining: 0');
    echo json_encode(['error' => ['message' => 'status ' . $m[1], 'code' => 'E' . $m[1]]]);
    return true;
}
if ($path === '/download') {
    header('Content-Type: application/pdf');
    echo "%PDF\x00\x01";
    return true;
}
if ($path === '/trickle') {
    header('Content-Type: text/event-stream');
    echo "data: {\"n\":1}\n\n";
    flush();
    usleep(800000);
    echo "data: {\"n\":2}\n\n";
    return true;
}
if ($path === '/events') {
    header('Content-Type: text/event-stream');
    echo "data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n";
    return true;
}
header('Content-Type: application/json');
header('X-RateLimit-Limit: 5');
echo json_encode([
    'method' => $_SERVER['REQUEST_METHOD'],
    'uri' => $_SERVER['REQUEST_URI'],
    'content_type' => $_SERVER['CONTENT_TYPE'] ?? '',
    'agent' => $_SERVER['HTTP_USER_AGENT'] ?? '',
    'body' => file_get_contents('php://input'),
]);
return true;
PHP;

    /** @var resource|null */
    private static $server = null;
    private static string $baseUrl = '';
    private static string $router = '';

    public static function setUpBeforeClass(): void
    {
        $port = self::freePort();
        self::$router = (string) tempnam(sys_get_temp_dir(), 'zsdk-router');
        file_put_contents(self::$router, self::ROUTER);
        $command = [PHP_BINARY, '-d', 'output_buffering=0', '-S', '127.0.0.1:' . $port, self::$router];
        $null = ['file', '/dev/null', 'w'];
        $process = proc_open($command, [0 => ['pipe', 'r'], 1 => $null, 2 => $null], $pipes);
        self::assertIsResource($process);
        self::$server = $process;
        self::$baseUrl = 'http://127.0.0.1:' . $port;
        for ($i = 0; $i < 100; $i++) {
            $socket = @stream_socket_client('tcp://127.0.0.1:' . $port, $errno, $errstr, 0.1);
            if ($socket !== false) {
                fclose($socket);
                return;
            }
            usleep(50000);
        }
        self::fail('the test server did not start');
    }

    public static function tearDownAfterClass(): void
    {
        if (is_resource(self::$server)) {
            proc_terminate(self::$server);
            proc_close(self::$server);
        }
        @unlink(self::$router);
    }

    private static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        self::assertIsResource($socket);
        $name = (string) stream_socket_get_name($socket, false);
        fclose($socket);
        return (int) substr($name, strrpos($name, ':') + 1);
    }

    private function core(?string $baseUrl = null, ?float $timeout = null, int $maxRetries = 0): ClientCore
    {
        return Fixtures::core(new CurlTransport(), new FakeTiming(), maxRetries: $maxRetries, more: [
            'baseUrl' => $baseUrl ?? self::$baseUrl,
            'timeout' => $timeout,
        ]);
    }

    public function testJsonCall(): void
    {
        $r = (new ApiRequest('POST', '/items/{id}'))->pathParam('id', 'a b')->query('q', 'x y')->jsonBody(['é' => 1]);
        $raw = $this->core()->executeRaw(Call::json($r, 'mixed'));
        self::assertInstanceOf(RawResponse::class, $raw);
        self::assertSame(200, $raw->statusCode());
        self::assertSame(
            [
                'method' => 'POST',
                'uri' => '/items/a%20b?q=x%20y',
                'content_type' => 'application/json',
                'agent' => 'test/1.0 php',
                'body' => '{"é":1}',
            ],
            $raw->value
        );
        self::assertSame('5', $raw->header('X-RateLimit-Limit'));
        self::assertSame(5, $raw->rateLimit()?->limit);
        self::assertStringContainsString('"method":"POST"', $raw->body());
        $empty = $this->core()->execute(Call::json(new ApiRequest('POST', '/nothing'), 'mixed'));
        self::assertSame(['POST', '', ''], [$empty['method'], $empty['content_type'], $empty['body']]);
    }

    public function testErrorStatus(): void
    {
        try {
            $this->core()->execute(Call::empty(new ApiRequest('GET', '/status/404')));
            self::fail('no error');
        } catch (NotFoundException $e) {
            self::assertSame('404 Not Found: status 404', $e->text());
            self::assertSame('E404', $e->code());
            self::assertSame('req_404', $e->requestId());
            self::assertSame(0, $e->rateLimit()?->remaining);
        }
    }

    public function testDownloadAndEvents(): void
    {
        $download = $this->core()->execute(Call::binary(new ApiRequest('GET', '/download')));
        self::assertInstanceOf(BinaryResponse::class, $download);
        self::assertSame("%PDF\x00\x01", $download->body());
        self::assertSame('application/pdf', $download->contentType());
        self::assertSame("%PDF\x00\x01", stream_get_contents($download->stream()));
        $events = $this->core()->execute(Call::sse(new ApiRequest('GET', '/events'), 'mixed'));
        self::assertSame([['n' => 1], ['n' => 2]], iterator_to_array($events, false));
    }

    public function testEventsArriveAsTheyAreSent(): void
    {
        $started = microtime(true);
        $events = $this->core()->execute(Call::sse(new ApiRequest('GET', '/trickle'), 'mixed'));
        $seen = [];
        foreach ($events as $event) {
            $seen[] = [$event['n'], microtime(true) - $started];
        }
        self::assertSame([1, 2], array_column($seen, 0));
        self::assertLessThan(0.6, $seen[0][1]);
        self::assertGreaterThan(0.7, $seen[1][1]);
    }

    public function testStreamedCallTimesOutWaitingForHeaders(): void
    {
        $this->expectException(ApiTimeoutException::class);
        $this->core(timeout: 0.3)->execute(Call::sse(new ApiRequest('GET', '/slow'), 'mixed'));
    }

    public function testUpload(): void
    {
        $r = (new ApiRequest('POST', '/upload'))
            ->fileField('file', FileUpload::fromString('hello', 'h.txt', 'text/plain'))
            ->multipartField('note', 'n');
        $echo = $this->core()->execute(Call::json($r, 'mixed'));
        self::assertStringStartsWith('multipart/form-data; boundary=zsdk-', $echo['content_type']);
    }

    public function testTimeout(): void
    {
        $started = microtime(true);
        try {
            $this->core(timeout: 0.3)->execute(Call::empty(new ApiRequest('GET', '/slow')));
            self::fail('no error');
        } catch (ApiTimeoutException $e) {
            self::assertSame('Request timed out.', $e->getMessage());
            self::assertLessThan(1.2, microtime(true) - $started);
        }
        $value = $this->core()->execute(
            Call::json(new ApiRequest('GET', '/slow'), 'mixed'),
            new RequestOptions(timeout: 5.0)
        );
        self::assertSame('GET', $value['method']);
    }

    public function testRefusedConnection(): void
    {
        $core = $this->core('http://127.0.0.1:' . self::freePort(), maxRetries: 1);
        try {
            $core->execute(Call::empty(new ApiRequest('GET', '/')));
            self::fail('no error');
        } catch (ApiConnectionException $e) {
            self::assertNotInstanceOf(ApiTimeoutException::class, $e);
            self::assertSame('Connection error.', $e->getMessage());
        }
        self::assertFalse($core->execute(Call::ok(new ApiRequest('GET', '/health'))));
    }
}
