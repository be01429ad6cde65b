<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The real clock, real sleeps and random jitter.
 */
final class SystemTiming implements Timing
{
    /**
     * The current time.
     *
     * @return float seconds since the Unix epoch
     */
    public function now(): float
    {
        return microtime(true);
    }

    /**
     * Waits.
     *
     * @param float $seconds how long
     */
    public function sleep(float $seconds): void
    {
        if ($seconds > 0) {
            usleep((int) round($seconds * 1e6));
        }
    }

    /**
     * A random factor for the backoff.
     *
     * @return float a number in [0, 1)
     */
    public function jitter(): float
    {
        return mt_rand() / (mt_getrandmax() + 1.0);
    }
}
