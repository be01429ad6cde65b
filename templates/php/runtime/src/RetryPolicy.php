<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * When a failed try is retried, and how long to wait first.
 *
 * @internal
 */
final class RetryPolicy
{
    /** Seconds a server's hint may ask to wait; a longer one is ignored (the normal backoff applies). */
    public const MAX_RETRY_AFTER = 60.0;
    private const EPOCH_THRESHOLD = 1000000000;

    /**
     * The retry table: 408, 429, 500, 502, 503, 504, and 409 with `x-should-retry: true`;
     * `x-should-retry: false` wins over everything.
     *
     * @param int $status the status
     * @param array<string, list<string>> $headers the response headers
     * @return bool whether to retry
     */
    public static function shouldRetry(int $status, array $headers): bool
    {
        $hint = strtolower(trim(Headers::first($headers, 'x-should-retry') ?? ''));
        if ($hint === 'false') {
            return false;
        }
        return in_array($status, [408, 429, 500, 502, 503, 504], true) || ($hint === 'true' && $status === 409);
    }

    /**
     * retry-after-ms, then Retry-After as seconds or an HTTP date (in the past: 0).
     *
     * @param array<string, list<string>> $headers the response headers
     * @param float $now the current time (epoch seconds)
     * @return float|null seconds to wait, null without a hint
     */
    public static function retryAfter(array $headers, float $now): ?float
    {
        $millis = trim(Headers::first($headers, 'retry-after-ms') ?? '');
        if (is_numeric($millis)) {
            return max(0.0, (float) $millis / 1000);
        }
        $value = trim(Headers::first($headers, 'retry-after') ?? '');
        if ($value === '') {
            return null;
        }
        if (is_numeric($value)) {
            return max(0.0, (float) $value);
        }
        $when = \DateTimeImmutable::createFromFormat('D, d M Y H:i:s \G\M\T', $value, new \DateTimeZone('UTC'));
        if ($when === false) {
            return null;
        }
        return max(0.0, $when->getTimestamp() - $now);
    }

    /**
     * The wait until X-RateLimit-Reset: seconds from now, or an epoch second over 10^9.
     *
     * @param array<string, list<string>> $headers the response headers
     * @param float $now the current time
     * @return float|null seconds to wait, null without the header
     */
    public static function resetDelay(array $headers, float $now): ?float
    {
        $reset = Headers::intValue($headers, 'x-ratelimit-reset');
        if ($reset === null) {
            return null;
        }
        return max(0.0, $reset > self::EPOCH_THRESHOLD ? $reset - $now : (float) $reset);
    }

    /**
     * The wait before the next try: a server hint up to 60 s (Retry-After, or on a 429 without one
     * X-RateLimit-Reset), else min(maxDelay, baseDelay * 2^retriesDone) (the base delay without exponential
     * backoff) times a jitter factor in [0.75, 1].
     *
     * @param ClientConfig $config the client's settings
     * @param int $retriesDone retries made so far
     * @param int $status the status, 0 for no answer
     * @param array<string, list<string>>|null $headers the response headers, null for no answer
     * @return float seconds to wait
     */
    public static function delay(ClientConfig $config, int $retriesDone, int $status, ?array $headers): float
    {
        $now = $config->timing->now();
        if ($headers !== null) {
            $hinted = self::retryAfter($headers, $now);
            if ($hinted === null && $status === 429) {
                $hinted = self::resetDelay($headers, $now);
            }
            if ($hinted !== null && $hinted <= self::MAX_RETRY_AFTER) {
                return $hinted;
            }
        }
        $growth = $config->exponentialBackoff ? 2 ** min($retriesDone, 62) : 1;
        $backoff = min($config->maxDelay, $config->baseDelay * $growth);
        return max(0.0, $backoff * (1 - 0.25 * $config->timing->jitter()));
    }

    /**
     * The wait before trying again after a failure, or null to give up.
     *
     * @param ClientConfig $config the client's settings
     * @param \Throwable $error the failure
     * @param int $retriesDone retries made so far
     * @param int $limit the retries allowed
     * @return float|null seconds to wait, null to give up
     */
    public static function after(ClientConfig $config, \Throwable $error, int $retriesDone, int $limit): ?float
    {
        if ($retriesDone >= max(0, $limit)) {
            return null;
        }
        if ($error instanceof ApiStatusException && $error->statusCode() !== 0) {
            if (!self::shouldRetry($error->statusCode(), $error->headers())) {
                return null;
            }
            return self::delay($config, $retriesDone, $error->statusCode(), $error->headers());
        }
        if ($error instanceof ApiConnectionException) {
            return self::delay($config, $retriesDone, 0, null);
        }
        return null;
    }
}
