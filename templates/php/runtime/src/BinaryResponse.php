<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A downloaded body with its headers.
 */
final class BinaryResponse
{
    /** @var array<string, list<string>> */
    private readonly array $headers;

    /**
     * A download.
     *
     * @internal made by Call::binary
     * @param string $body the bytes
     * @param array<string, list<string>|string> $headers the response headers
     */
    public function __construct(private readonly string $body, array $headers)
    {
        $this->headers = Headers::normalize($headers);
    }

    /**
     * The whole body.
     *
     * @return string the bytes
     */
    public function body(): string
    {
        return $this->body;
    }

    /**
     * The body as a stream.
     *
     * @return resource a php://temp stream at position 0
     */
    public function stream()
    {
        $stream = fopen('php://temp', 'w+b');
        assert($stream !== false);
        fwrite($stream, $this->body);
        rewind($stream);
        return $stream;
    }

    /**
     * The Content-Type header.
     *
     * @return string|null the content type
     */
    public function contentType(): ?string
    {
        return Headers::first($this->headers, 'content-type');
    }

    /**
     * The response headers.
     *
     * @return array<string, list<string>> lower-cased names
     */
    public function headers(): array
    {
        return $this->headers;
    }
}
