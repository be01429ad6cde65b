<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A try took longer than its timeout ("Request timed out.").
 */
class ApiTimeoutException extends ApiConnectionException
{
    /**
     * A timeout.
     *
     * @param string $message the text, "Request timed out." by default
     * @param \Throwable|null $previous the transport's failure
     */
    public function __construct(string $message = 'Request timed out.', ?\Throwable $previous = null)
    {
        parent::__construct($message, $previous);
    }
}
