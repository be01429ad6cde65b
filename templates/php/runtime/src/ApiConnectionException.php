<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The API could not be reached, or the connection failed before a whole answer arrived ("Connection error.").
 */
class ApiConnectionException extends ApiException
{
    /**
     * A connection failure.
     *
     * @param string $message the text, "Connection error." by default
     * @param \Throwable|null $previous the transport's failure
     */
    public function __construct(string $message = 'Connection error.', ?\Throwable $previous = null)
    {
        parent::__construct($message, $previous);
    }
}
