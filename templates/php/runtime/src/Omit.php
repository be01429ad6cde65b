<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The value of an optional nullable field that is absent (not sent), as opposed to null (sent as null).
 */
enum Omit
{
    case Omit;
}
