<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Retry settings as one option; a null field keeps the SDK's default. An explicit client maxRetries wins over
 * this one's.
 */
final class RetryConfig
{
    /**
     * Retry settings.
     *
     * @param int|null $maxRetries retries after the first try
     * @param float|null $baseDelay seconds of the first backoff
     * @param float|null $maxDelay seconds the backoff never passes
     * @param bool $exponentialBackoff false: every retry waits the base delay (capped, jittered)
     */
    public function __construct(
        public readonly ?int $maxRetries = null,
        public readonly ?float $baseDelay = null,
        public readonly ?float $maxDelay = null,
        public readonly bool $exponentialBackoff = true,
    ) {
    }
}
