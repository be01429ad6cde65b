<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 500 and above (server error).
 */
class InternalServerException extends ApiStatusException
{
}
