<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One HTTP request as the transport sends it. Immutable: the with* methods return copies.
 */
final class HttpRequest
{
    /**
     * A request.
     *
     * @param string $method the HTTP method, upper-case
     * @param string $url the absolute URL with its query
     * @param array<string, string> $headers name => value (names as sent; look up with header())
     * @param string|null $body the body, null for none
     * @param float $timeout seconds the try may take (0 = no limit)
     * @param bool $streamed whether the answer is read as a stream (event streams, downloads)
     */
    public function __construct(
        public readonly string $method,
        public readonly string $url,
        public readonly array $headers = [],
        public readonly ?string $body = null,
        public readonly float $timeout = 0.0,
        public readonly bool $streamed = false,
    ) {
    }

    /**
     * A header's value, by a case-insensitive name.
     *
     * @param string $name the name
     * @return string|null the value
     */
    public function header(string $name): ?string
    {
        foreach ($this->headers as $key => $value) {
            if (strcasecmp($key, $name) === 0) {
                return $value;
            }
        }
        return null;
    }

    /**
     * A copy with a header set (replacing one of the same name in any case).
     *
     * @param string $name the name
     * @param string $value the value
     * @return self the copy
     */
    public function withHeader(string $name, string $value): self
    {
        $headers = array_filter(
            $this->headers,
            fn ($key): bool => strcasecmp((string) $key, $name) !== 0,
            ARRAY_FILTER_USE_KEY
        );
        $headers[$name] = $value;
        return new self($this->method, $this->url, $headers, $this->body, $this->timeout, $this->streamed);
    }

    /**
     * A copy with another URL.
     *
     * @param string $url the URL
     * @return self the copy
     */
    public function withUrl(string $url): self
    {
        return new self($this->method, $url, $this->headers, $this->body, $this->timeout, $this->streamed);
    }
}
