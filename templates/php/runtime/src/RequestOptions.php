<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Per-call options; every argument named, each null/empty = the client's setting.
 */
final class RequestOptions
{
    /**
     * A call's options.
     *
     * @param float|null $timeout seconds per try
     * @param int|null $maxRetries retries after the first try (0 = one try)
     * @param string|null $idempotencyKey the Idempotency-Key sent on every try
     * @param array<string, string> $headers extra headers (replacing those of the same name)
     * @param array<string, mixed> $query extra query parameters (form, exploded; one replaces the operation's
     *     parameter of the same name in its place)
     */
    public function __construct(
        public readonly ?float $timeout = null,
        public readonly ?int $maxRetries = null,
        public readonly ?string $idempotencyKey = null,
        public readonly array $headers = [],
        public readonly array $query = [],
    ) {
    }
}
