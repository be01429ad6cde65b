<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One try's request while its credentials are applied: headers set, cookies and query pairs added.
 *
 * @internal
 */
final class AttemptRequest
{
    /** @var list<string> cookie pairs `name=value` */
    public array $cookies = [];
    /** @var list<string> encoded query pairs `name=value` */
    public array $query = [];

    /**
     * A try's request.
     *
     * @param array<string, string> $headers the headers so far
     */
    public function __construct(public array $headers)
    {
    }

    /**
     * Sets a header, replacing one of the same name in any case.
     *
     * @param string $name the name
     * @param string $value the value
     */
    public function setHeader(string $name, string $value): void
    {
        foreach (array_keys($this->headers) as $key) {
            if (strcasecmp((string) $key, $name) === 0) {
                unset($this->headers[$key]);
            }
        }
        $this->headers[$name] = $value;
    }

    /**
     * A header's value.
     *
     * @param string $name the name, any case
     * @return string|null the value
     */
    public function header(string $name): ?string
    {
        foreach ($this->headers as $key => $value) {
            if (strcasecmp((string) $key, $name) === 0) {
                return $value;
            }
        }
        return null;
    }
}
