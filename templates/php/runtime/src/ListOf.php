<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A JSON array whose items are of one type.
 */
final class ListOf extends Type
{
    /**
     * A list type.
     *
     * @param Type|string $items the items' type
     */
    public function __construct(public readonly Type|string $items)
    {
    }
}
