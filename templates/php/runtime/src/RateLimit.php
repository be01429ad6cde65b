<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A response's X-RateLimit-Limit, -Remaining and -Reset headers, each null when absent or not a whole
 * number. `reset` is as the server sent it (seconds from now, or an epoch second when larger than 10^9).
 */
final class RateLimit
{
    /**
     * A rate limit.
     *
     * @param int|null $limit the request limit
     * @param int|null $remaining the requests left
     * @param int|null $reset when the limit resets
     */
    public function __construct(
        public readonly ?int $limit,
        public readonly ?int $remaining,
        public readonly ?int $reset,
    ) {
    }

    /**
     * The rate limit of a response's headers.
     *
     * @param array<string, list<string>|string> $headers the headers
     * @return self|null null without any of its headers
     */
    public static function fromHeaders(array $headers): ?self
    {
        $headers = Headers::normalize($headers);
        $limit = new self(
            Headers::intValue($headers, 'x-ratelimit-limit'),
            Headers::intValue($headers, 'x-ratelimit-remaining'),
            Headers::intValue($headers, 'x-ratelimit-reset'),
        );
        return $limit->limit === null && $limit->remaining === null && $limit->reset === null ? null : $limit;
    }
}
