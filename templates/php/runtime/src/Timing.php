<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The clock, the waits between tries and their jitter; tests give their own so nothing sleeps.
 */
interface Timing
{
    /**
     * The current time.
     *
     * @return float seconds since the Unix epoch
     */
    public function now(): float;

    /**
     * Waits.
     *
     * @param float $seconds how long
     */
    public function sleep(float $seconds): void;

    /**
     * A random factor for the backoff.
     *
     * @return float a number in [0, 1)
     */
    public function jitter(): float;
}
