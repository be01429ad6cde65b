<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 404 (Not Found).
 */
class NotFoundException extends ApiStatusException
{
}
