<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\Field;
use Zsdk\Runtime\Model;

/**
 * A circle (test fixture).
 */
final class Circle extends Model implements Shape
{
    /**
     * A circle.
     *
     * @param string $kind the discriminator
     * @param float $radius the radius
     * @param array<string, mixed> $additionalProperties unknown fields
     */
    public function __construct(
        #[Field('kind', 'string')]
        public readonly string $kind,
        #[Field('radius', 'float')]
        public readonly float $radius,
        public readonly array $additionalProperties = [],
    ) {
    }
}
