<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 401 (Unauthorized).
 */
class AuthenticationException extends ApiStatusException
{
}
