<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A transport got no answer (refused, reset, DNS...): becomes an ApiConnectionException.
 */
class ConnectionFailed extends \RuntimeException
{
}
