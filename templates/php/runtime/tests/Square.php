<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\Field;
use Zsdk\Runtime\Model;

/**
 * A square (test fixture).
 */
final class Square extends Model implements Shape
{
    /**
     * A square.
     *
     * @param string $kind the discriminator
     * @param int $side the side
     * @param array<string, mixed> $additionalProperties unknown fields
     */
    public function __construct(
        #[Field('kind', 'string')]
        public readonly string $kind,
        #[Field('side', 'int')]
        public readonly int $side,
        public readonly array $additionalProperties = [],
    ) {
    }
}
