<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\Timing;

/**
 * A clock that only moves when slept on; records the waits.
 */
final class FakeTiming implements Timing
{
    /** @var list<float> the waits asked for */
    public array $sleeps = [];

    /**
     * A fake clock.
     *
     * @param float $now the start time
     * @param float $jitter the jitter factor given
     */
    public function __construct(public float $now = 1700000000.0, public float $jitter = 0.0)
    {
    }

    /** @inheritDoc */
    public function now(): float
    {
        return $this->now;
    }

    /** @inheritDoc */
    public function sleep(float $seconds): void
    {
        $this->sleeps[] = $seconds;
        $this->now += $seconds;
    }

    /** @inheritDoc */
    public function jitter(): float
    {
        return $this->jitter;
    }
}
