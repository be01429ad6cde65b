<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A stream of server-sent events, each decoded to its type (or the raw ServerSentEvent); `[DONE]` ends it, an
 * `event: error` throws an ApiStatusException with status 0. Iterate it once.
 *
 * @implements \IteratorAggregate<int, mixed>
 */
final class EventStream implements \IteratorAggregate
{
    private bool $done = false;

    /**
     * An event stream.
     *
     * @internal made by Call::sse
     * @param \Iterator<int, string> $chunks the response body as it arrives
     * @param array<string, list<string>> $headers the response headers
     * @param Type|string $type the events' type ('event' = ServerSentEvent)
     */
    public function __construct(
        private \Iterator $chunks,
        private readonly array $headers,
        private readonly Type|string $type,
    ) {
    }

    /**
     * The decoded events, read as they arrive.
     *
     * @return \Generator<int, mixed> the events
     * @throws ApiStatusException for an `event: error`
     * @throws ApiResponseValidationException when an event's data is not of the type
     * @throws ApiConnectionException when the connection fails while reading
     */
    public function getIterator(): \Generator
    {
        $decoder = new SseDecoder();
        foreach ($this->lines() as $line) {
            $event = $decoder->decode($line);
            if ($event === null) {
                continue;
            }
            if ($event->data === '[DONE]') {
                $this->close();
                return;
            }
            if ($event->event === 'error') {
                $this->close();
                [, $decoded] = Json::tryDecode($event->data);
                [$message, $code] = ErrorBodies::extract($decoded);
                throw new ApiStatusException(
                    0,
                    $this->headers,
                    $event->data,
                    $message === '' ? $event->data : $message,
                    $code === '' ? null : $code,
                );
            }
            yield $this->convert($event);
        }
    }

    /**
     * Stops reading and releases the connection.
     */
    public function close(): void
    {
        $this->done = true;
        $this->chunks = new \ArrayIterator([]);
    }

    /**
     * The body's lines without their endings (CRLF, LF or CR), then '' to end a last unterminated event.
     *
     * @return \Generator<int, string>
     */
    private function lines(): \Generator
    {
        $buffer = '';
        $first = true;
        while (!$this->done) {
            try {
                if (!$first) {
                    $this->chunks->next();
                }
                $first = false;
                if (!$this->chunks->valid()) {
                    break;
                }
                $buffer .= (string) $this->chunks->current();
            } catch (TimedOut $e) {
                $this->close();
                throw new ApiTimeoutException('Request timed out.', $e);
            } catch (ConnectionFailed $e) {
                $this->close();
                throw new ApiConnectionException('Connection error.', $e);
            }
            while (!$this->done && preg_match('/\r\n|\n|\r(?=.)/s', $buffer, $match, PREG_OFFSET_CAPTURE) === 1) {
                $at = $match[0][1];
                yield substr($buffer, 0, $at);
                $buffer = substr($buffer, $at + strlen($match[0][0]));
            }
        }
        if (!$this->done) {
            yield rtrim($buffer, "\r");
            yield '';
        }
    }

    private function convert(ServerSentEvent $event): mixed
    {
        if ($this->type === 'event') {
            return $event;
        }
        [$ok, $data] = Json::tryDecode($event->data);
        if (!$ok && $this->type === 'string') {
            return $event->data;
        }
        try {
            if (!$ok) {
                throw new ApiResponseValidationException('/: not valid JSON');
            }
            return (new Decoder())->decode($data, $this->type, '');
        } catch (ApiResponseValidationException $e) {
            $this->close();
            throw new ApiResponseValidationException(
                'Event data does not match the expected schema: ' . $e->getMessage(),
                $event->data,
                $e
            );
        }
    }
}
