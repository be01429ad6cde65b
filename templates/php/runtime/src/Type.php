<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A composite type the runtime decodes and encodes: ListOf or MapOf. Simple types are strings: 'string', 'int',
 * 'float', 'bool', 'mixed', 'date', 'date-time', 'binary' or a class-string (model, backed enum, union
 * interface).
 */
abstract class Type
{
}
