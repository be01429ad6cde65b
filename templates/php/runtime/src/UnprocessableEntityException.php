<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 422 (Unprocessable Entity).
 */
class UnprocessableEntityException extends ApiStatusException
{
}
