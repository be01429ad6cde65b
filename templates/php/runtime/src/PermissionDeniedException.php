<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 403 (Forbidden).
 */
class PermissionDeniedException extends ApiStatusException
{
}
