<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A transport's request took longer than its timeout: becomes an ApiTimeoutException.
 */
class TimedOut extends ConnectionFailed
{
}
