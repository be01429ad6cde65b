<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A successful answer whose body is not the declared type; the message names the JSON pointer of the first
 * mismatch (e.g. "/items/0/id").
 */
class ApiResponseValidationException extends ApiException
{
    /**
     * A body that does not match its schema.
     *
     * @param string $message what did not match, naming its JSON pointer
     * @param string $body the raw body ('' when not known)
     * @param \Throwable|null $previous the cause
     */
    public function __construct(string $message, private readonly string $body = '', ?\Throwable $previous = null)
    {
        parent::__construct($message, $previous);
    }

    /**
     * The raw response body.
     *
     * @return string the bytes as received
     */
    public function body(): string
    {
        return $this->body;
    }
}
