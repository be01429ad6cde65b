<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * An integer enum (test fixture).
 */
enum Priority: int
{
    case Low = 1;
    case High = 2;
}
