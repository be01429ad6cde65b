<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

/**
 * A widget's status (test fixture).
 */
enum WidgetStatus: string
{
    case Active = 'active';
    case Retired = 'retired';
}
