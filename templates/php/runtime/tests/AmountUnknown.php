<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * An amount of no known shape (test fixture).
 */
final class AmountUnknown implements Amount, \JsonSerializable
{
    /**
     * An unknown amount.
     *
     * @param mixed $raw the JSON as received
     */
    public function __construct(public readonly mixed $raw)
    {
    }

    /** @inheritDoc */
    public function jsonSerialize(): mixed
    {
        return $this->raw;
    }
}
