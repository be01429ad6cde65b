<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 409 (Conflict).
 */
class ConflictException extends ApiStatusException
{
}
