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
     * @param resource $body the response body
     * @param array<string, list<string>> $headers the response headers
     * @param Type|string $type the events' type ('event' = ServerSentEvent)
     */
    public function __construct(private $body, private readonly array $headers, private readonly Type|string $type)
    {
    }

    /**
     * The decoded events, read as they are reached.
     *
     * @return \Generator<int, mixed> the events
     * @throws ApiStatusException for an `event: error`
     * @throws ApiResponseValidationException when an event's data is not of the type
     */
    public function getIterator(): \Generator
    {
        $decoder = new SseDecoder();
        while (!$this->done) {
            $line = is_resource($this->body) ? fgets($this->body) : false;
            $event = $decoder->decode($line === false ? '' : rtrim($line, "\r\n"));
            if ($line === false) {
                $this->close();
            }
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
     * Stops reading and releases the body.
     */
    public function close(): void
    {
        $this->done = true;
        if (is_resource($this->body)) {
            fclose($this->body);
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
