<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\Encoding;
use Zsdk\Runtime\FileUpload;
use Zsdk\Runtime\HttpRequest;
use Zsdk\Runtime\HttpResponse;

/**
 * Multipart bodies: files, per-field encodings, JSON parts, binary and text bodies.
 */
final class MultipartTest extends TestCase
{
    private function send(ApiRequest $r, int $tries = 1): FakeTransport
    {
        $answers = array_fill(0, $tries - 1, new HttpResponse(503));
        $answers[] = new HttpResponse(204);
        $transport = new FakeTransport($answers);
        Fixtures::core($transport, new FakeTiming())->execute(Call::empty($r));
        return $transport;
    }

    private static function boundary(HttpRequest $sent): string
    {
        $type = (string) $sent->header('Content-Type');
        self::assertStringStartsWith('multipart/form-data; boundary=', $type);
        return substr($type, strlen('multipart/form-data; boundary='));
    }

    public function testParts(): void
    {
        $r = (new ApiRequest('POST', '/upload'))
            ->fileField('file', FileUpload::fromString('PNG', 'a.png', 'image/png'))
            ->fileField('more', [FileUpload::fromString('x', 'x.txt'), FileUpload::fromString('y', '')])
            ->multipartField('title', 'Hello é')
            ->multipartField('tags', ['a', 'b'])
            ->multipartField('meta', ['k' => 'v', 'n' => 2])
            ->multipartField('link', ['create' => true], Encoding::of('deepObject'))
            ->multipartField('absent', null)
            ->multipartField('raw', ['x' => 1], Encoding::of('form')->contentType('text/plain'));
        $sent = $this->send($r)->requests[0];
        $b = self::boundary($sent);
        $expected = "--$b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
            . "Content-Type: image/png\r\n\r\nPNG"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"more\"; filename=\"x.txt\"\r\n"
            . "Content-Type: application/octet-stream\r\n\r\nx"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"more\"; filename=\"more\"\r\n"
            . "Content-Type: application/octet-stream\r\n\r\ny"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello é"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n"
            . '{"k":"v","n":2}'
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"link[create]\"\r\n\r\ntrue"
            . "\r\n--$b\r\nContent-Disposition: form-data; name=\"raw\"\r\nContent-Type: text/plain\r\n\r\n"
            . '{"x":1}'
            . "\r\n--$b--\r\n";
        self::assertSame($expected, $sent->body);
    }

    public function testPartsOfTheConformanceScenario(): void
    {
        $r = (new ApiRequest('POST', '/wire/multipart'))
            ->fileField('file', FileUpload::fromString('hello', 'a.txt', 'text/plain'))
            ->multipartField('meta', ['R' => 1, 'G' => 2, 'B' => 3])
            ->multipartField('tags', ['t1', 't2'])
            ->multipartField('link', ['range' => ['gt' => 1], 'ids' => ['x']], Encoding::of('deepObject'))
            ->multipartField('table', 'a,b', Encoding::of('form')->contentType('text/csv'));
        $sent = $this->send($r)->requests[0];
        $b = self::boundary($sent);
        $parts = explode("\r\n--$b", "\r\n" . $sent->body);
        self::assertSame('', $parts[0]);
        self::assertSame("--\r\n", end($parts));
        $names = array_map(fn (string $p): string => explode("\r\n", $p)[1], array_slice($parts, 1, -1));
        self::assertSame([
            'Content-Disposition: form-data; name="file"; filename="a.txt"',
            'Content-Disposition: form-data; name="meta"',
            'Content-Disposition: form-data; name="tags"',
            'Content-Disposition: form-data; name="tags"',
            'Content-Disposition: form-data; name="link[range][gt]"',
            'Content-Disposition: form-data; name="link[ids][0]"',
            'Content-Disposition: form-data; name="table"',
        ], $names);
        self::assertStringEndsWith("Content-Type: text/csv\r\n\r\na,b", $parts[7]);
    }

    public function testRetriesResendIdenticalBytes(): void
    {
        $stream = fopen('php://temp', 'w+b');
        self::assertIsResource($stream);
        fwrite($stream, 'streamed bytes');
        rewind($stream);
        $r = (new ApiRequest('POST', '/upload'))->fileField('file', FileUpload::fromStream($stream, 's.bin'));
        $transport = $this->send($r, 2);
        self::assertCount(2, $transport->requests);
        self::assertSame($transport->requests[0]->body, $transport->requests[1]->body);
        self::assertStringContainsString('streamed bytes', (string) $transport->requests[1]->body);
    }

    public function testFileFromPath(): void
    {
        $path = tempnam(sys_get_temp_dir(), 'zsdk');
        file_put_contents($path, 'on disk');
        $file = FileUpload::fromPath($path, 'text/plain');
        unlink($path);
        self::assertSame('on disk', $file->content());
        self::assertSame(basename($path), $file->filename());
        self::assertSame('text/plain', $file->contentType());
        $this->expectException(\InvalidArgumentException::class);
        FileUpload::fromPath($path);
    }

    public function testBinaryAndTextBodies(): void
    {
        $file = FileUpload::fromString("\x00\x01", 'b.bin', 'application/x-thing');
        $sent = $this->send((new ApiRequest('PUT', '/b'))->binaryBody($file, 'application/octet-stream'));
        self::assertSame("\x00\x01", $sent->requests[0]->body);
        self::assertSame('application/x-thing', $sent->requests[0]->header('Content-Type'));
        $sent = $this->send((new ApiRequest('PUT', '/b'))->binaryBody('raw', ''));
        self::assertSame('application/octet-stream', $sent->requests[0]->header('Content-Type'));
        $sent = $this->send((new ApiRequest('PUT', '/t'))->textBody('hello', ''));
        self::assertSame('text/plain', $sent->requests[0]->header('Content-Type'));
        self::assertSame('hello', $sent->requests[0]->body);
    }
}
