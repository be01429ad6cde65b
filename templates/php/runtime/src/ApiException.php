<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The base of everything a failed call throws: an error status, no answer, a timeout, or a body that is not
 * the declared type.
 */
class ApiException extends \RuntimeException
{
    /**
     * An API error.
     *
     * @param string $message what went wrong
     * @param \Throwable|null $previous the cause, when there is one
     */
    public function __construct(string $message = '', ?\Throwable $previous = null)
    {
        parent::__construct($message, 0, $previous);
    }
}
