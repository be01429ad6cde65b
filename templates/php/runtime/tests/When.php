<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * An untagged union of a date and a number (test fixture).
 */
interface When
{
    public const DISCRIMINATOR = '';
    public const MAPPING = [];
    public const VARIANTS = ['date', 'int'];
}
