<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * A shape this SDK does not know (test fixture).
 */
final class ShapeUnknown implements Shape, \JsonSerializable
{
    /**
     * An unknown shape.
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
