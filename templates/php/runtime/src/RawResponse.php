<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A call's value with the HTTP response it came from (a service's `withRawResponse`).
 *
 * @template T
 */
final class RawResponse
{
    /** @var array<string, list<string>> */
    private readonly array $headers;

    /**
     * A raw response.
     *
     * @param T $value the call's value
     * @param int $statusCode the status
     * @param array<string, list<string>|string> $headers the headers
     * @param string $body the body ('' for a streamed call)
     */
    public function __construct(
        public readonly mixed $value,
        private readonly int $statusCode,
        array $headers,
        private readonly string $body,
    ) {
        $this->headers = Headers::normalize($headers);
    }

    /**
     * The HTTP status.
     *
     * @return int the status
     */
    public function statusCode(): int
    {
        return $this->statusCode;
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
     * The raw body.
     *
     * @return string the bytes ('' for a streamed call)
     */
    public function body(): string
    {
        return $this->body;
    }

    /**
     * The `x-request-id` (or `request-id`) header.
     *
     * @return string|null the id
     */
    public function requestId(): ?string
    {
        return Headers::requestId($this->headers);
    }

    /**
     * The rate-limit headers.
     *
     * @return RateLimit|null null without any of them
     */
    public function rateLimit(): ?RateLimit
    {
        return RateLimit::fromHeaders($this->headers);
    }
}
