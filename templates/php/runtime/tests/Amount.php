<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * An untagged union of a model and scalars (test fixture).
 */
interface Amount
{
    public const DISCRIMINATOR = '';
    public const MAPPING = [];
    public const VARIANTS = [Square::class, 'int', 'string'];
}
