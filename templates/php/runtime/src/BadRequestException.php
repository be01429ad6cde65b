<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 400 (Bad Request).
 */
class BadRequestException extends ApiStatusException
{
}
