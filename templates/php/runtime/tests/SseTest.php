<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\ApiResponseValidationException;
use Zsdk\Runtime\ApiStatusException;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\EventStream;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\ServerSentEvent;
use Zsdk\Runtime\SseDecoder;

/**
 * Server-sent events: decoding lines, typed events, [DONE], error events.
 */
final class SseTest extends TestCase
{
    private function stream(string $body, string $type): EventStream
    {
        $transport = new FakeTransport([new HttpResponse(200, ['content-type' => 'text/event-stream'], $body)]);
        $stream = Fixtures::core($transport, new FakeTiming())->execute(Call::sse(new ApiRequest('GET', '/s'), $type));
        self::assertSame('text/event-stream', $transport->requests[0]->header('Accept'));
        self::assertInstanceOf(EventStream::class, $stream);
        return $stream;
    }

    public function testDecoderRules(): void
    {
        $decoder = new SseDecoder();
        $events = [];
        foreach (['retry: 100', ': comment', 'event: tick', 'id: 7', 'data: a', 'data:b', 'unknown: x', ''] as $line) {
            $events[] = $decoder->decode($line);
        }
        $expected = [null, null, null, null, null, null, null, new ServerSentEvent("a\nb", 'tick', '7', 100)];
        self::assertEquals($expected, $events);
        self::assertNull($decoder->decode(''));
        $decoder->decode('data: again');
        self::assertEquals(new ServerSentEvent('again', '', '7', null), $decoder->decode(''));
    }

    public function testTypedEventsEndAtDone(): void
    {
        $body = "data: {\"kind\":\"square\",\"side\":1}\r\n\r\n: ping\n\ndata: {\"kind\":\"circle\",\"radius\":2}\n\n"
            . "data: [DONE]\n\ndata: {\"kind\":\"square\",\"side\":3}\n\n";
        $events = iterator_to_array($this->stream($body, Shape::class), false);
        self::assertCount(2, $events);
        self::assertInstanceOf(Square::class, $events[0]);
        self::assertInstanceOf(Circle::class, $events[1]);
    }

    public function testRawEventsAndAnUnterminatedLastEvent(): void
    {
        $events = iterator_to_array($this->stream("event: a\ndata: 1\n\nevent: b\ndata: 2", 'event'), false);
        self::assertEquals([new ServerSentEvent('1', 'a'), new ServerSentEvent('2', 'b')], $events);
    }

    public function testErrorEvent(): void
    {
        $body = "data: \"ok\"\n\nevent: error\ndata: {\"error\":{\"message\":\"overloaded\",\"code\":\"E\"}}\n\n";
        $stream = $this->stream($body, 'string');
        $seen = [];
        try {
            foreach ($stream as $event) {
                $seen[] = $event;
            }
            self::fail('no error');
        } catch (ApiStatusException $e) {
            self::assertSame(['ok'], $seen);
            self::assertSame(0, $e->statusCode());
            self::assertSame('overloaded', $e->getMessage());
            self::assertSame('overloaded', $e->text());
            self::assertSame('E', $e->code());
        }
    }

    public function testBadEventData(): void
    {
        $this->expectException(ApiResponseValidationException::class);
        $this->expectExceptionMessage('Event data does not match the expected schema: /side: expected an integer');
        iterator_to_array($this->stream("data: {\"kind\":\"square\",\"side\":\"x\"}\n\n", Shape::class));
    }

    public function testCloseStops(): void
    {
        $stream = $this->stream("data: 1\n\ndata: 2\n\n", 'int');
        foreach ($stream as $event) {
            self::assertSame(1, $event);
            $stream->close();
        }
        self::assertSame([], iterator_to_array($stream));
    }
}
