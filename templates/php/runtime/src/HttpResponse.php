<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One HTTP response as the transport received it: the body read whole, or (for a streamed request) read as the
 * caller iterates chunks().
 */
final class HttpResponse
{
    /** @var array<string, list<string>> */
    private readonly array $headers;

    /**
     * A response.
     *
     * @param int $statusCode the status
     * @param array<string, list<string>|string> $headers the headers (names normalised to lower case)
     * @param string $body the body read whole ('' when it is streamed)
     * @param \Iterator<int, string>|null $stream the body's chunks as they arrive, for a streamed request (may
     *     throw ConnectionFailed)
     */
    public function __construct(
        public readonly int $statusCode,
        array $headers = [],
        public readonly string $body = '',
        private readonly ?\Iterator $stream = null,
    ) {
        $this->headers = Headers::normalize($headers);
    }

    /**
     * The headers.
     *
     * @return array<string, list<string>> lower-cased names
     */
    public function headers(): array
    {
        return $this->headers;
    }

    /**
     * A header's first value.
     *
     * @param string $name the name, any case
     * @return string|null the value
     */
    public function header(string $name): ?string
    {
        return Headers::first($this->headers, $name);
    }

    /**
     * The body in chunks: a streamed body as it arrives (it can be read once; iterate it with valid(), current()
     * and next()), else the whole body as one chunk.
     *
     * @return \Iterator<int, string> the chunks
     */
    public function chunks(): \Iterator
    {
        return $this->stream ?? new \ArrayIterator($this->body === '' ? [] : [$this->body]);
    }

    /**
     * The whole body, reading a streamed one to its end.
     *
     * @return string the bytes
     * @throws ConnectionFailed when the connection fails while reading
     */
    public function readAll(): string
    {
        $chunks = $this->chunks();
        $body = '';
        for (; $chunks->valid(); $chunks->next()) {
            $body .= (string) $chunks->current();
        }
        return $body;
    }
}
