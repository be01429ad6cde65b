<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API answered 429 (Too Many Requests).
 */
class RateLimitException extends ApiStatusException
{
}
