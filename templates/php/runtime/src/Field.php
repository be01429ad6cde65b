<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A model field's wire name and type, on its promoted constructor parameter.
 */
#[\Attribute(\Attribute::TARGET_PROPERTY | \Attribute::TARGET_PARAMETER)]
final class Field
{
    /**
     * The field's description.
     *
     * @param string $wire its name in JSON
     * @param Type|string $type its type
     */
    public function __construct(public readonly string $wire, public readonly Type|string $type = 'mixed')
    {
    }
}
