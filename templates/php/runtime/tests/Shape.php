<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * A discriminated union (test fixture).
 */
interface Shape
{
    public const DISCRIMINATOR = 'kind';
    public const MAPPING = ['circle' => Circle::class, 'square' => Square::class];
    public const VARIANTS = [Circle::class, Square::class];
}
