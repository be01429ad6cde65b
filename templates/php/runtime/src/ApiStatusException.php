<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * An error status the API answered with (4xx or 5xx), or an `event: error` inside an event stream (status 0).
 * getMessage() is the message read from the error body, else "Error code: <status>"; __toString() and text()
 * give the error's text shared by every SDK ("414 Request URI Too Long: too long").
 */
class ApiStatusException extends ApiException
{
    /** @var array<string, list<string>> */
    private readonly array $headers;

    /**
     * An error status.
     *
     * @param int $statusCode the status (0 for a stream's error event)
     * @param array<string, list<string>|string> $headers the response headers
     * @param string $body the raw body
     * @param string $message the message read from the body (or the stand-in)
     * @param string|null $errorCode the code read from the body
     * @param string|null $field the field the body names
     */
    public function __construct(
        private readonly int $statusCode,
        array $headers,
        private readonly string $body,
        string $message,
        private readonly ?string $errorCode = null,
        private readonly ?string $field = null,
    ) {
        parent::__construct($message);
        $this->headers = Headers::normalize($headers);
    }

    /**
     * The HTTP status.
     *
     * @return int the status, 0 for a stream's error event
     */
    public function statusCode(): int
    {
        return $this->statusCode;
    }

    /**
     * The response's headers.
     *
     * @return array<string, list<string>> lower-cased names
     */
    public function headers(): array
    {
        return $this->headers;
    }

    /**
     * The `x-request-id` (or `request-id`) header.
     *
     * @return string|null the request id
     */
    public function requestId(): ?string
    {
        return Headers::requestId($this->headers);
    }

    /**
     * The machine-readable code of the error body.
     *
     * @return string|null the code
     */
    public function code(): ?string
    {
        return $this->errorCode;
    }

    /**
     * The field the error body names (`errors[0].field`, else `error.field`).
     *
     * @return string|null the field
     */
    public function field(): ?string
    {
        return $this->field;
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

    /**
     * The response's rate-limit headers.
     *
     * @return RateLimit|null null without any of them
     */
    public function rateLimit(): ?RateLimit
    {
        return RateLimit::fromHeaders($this->headers);
    }

    /**
     * The error's text: "<status> <reason>: <message>", without ": <message>" when the body had none and
     * without the reason for a status that has none; the message alone for a stream's error event.
     *
     * @return string the text
     */
    public function text(): string
    {
        $message = $this->getMessage();
        if ($this->statusCode === 0) {
            return $message;
        }
        $reason = ReasonPhrases::of($this->statusCode);
        $text = $reason === null ? (string) $this->statusCode : $this->statusCode . ' ' . $reason;
        $none = $message === '' || $message === 'Error code: ' . $this->statusCode;
        return $none ? $text : $text . ': ' . $message;
    }

    /**
     * The error's text, as text().
     *
     * @return string the text
     */
    public function __toString(): string
    {
        return $this->text();
    }
}
