<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A JSON object whose values are of one type (keys are strings).
 */
final class MapOf extends Type
{
    /**
     * A map type.
     *
     * @param Type|string $items the values' type
     */
    public function __construct(public readonly Type|string $items)
    {
    }
}
