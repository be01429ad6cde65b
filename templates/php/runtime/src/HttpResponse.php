<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One HTTP response as the transport received it.
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
     * @param string $body the body
     */
    public function __construct(public readonly int $statusCode, array $headers = [], public readonly string $body = '')
    {
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
}
