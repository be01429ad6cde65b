<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * An API key in a header, the query or a cookie.
 *
 * @internal
 */
final class ApiKeyAuth extends AuthProvider
{
    /**
     * An API key.
     *
     * @param string $name the header, query parameter or cookie name
     * @param string $location header, query or cookie
     * @param string|null $key the key
     */
    public function __construct(
        private readonly string $name,
        private readonly string $location,
        private readonly ?string $key,
    ) {
    }

    /** @inheritDoc */
    public function hasCredentials(): bool
    {
        return self::given($this->key);
    }

    /** @inheritDoc */
    public function apply(AttemptRequest $request): void
    {
        if ($this->key === null || $this->key === '') {
            return;
        }
        if ($this->location === 'query') {
            $request->query[] = Wire::percent($this->name) . '=' . Wire::percent($this->key);
        } elseif ($this->location === 'cookie') {
            $request->cookies[] = $this->name . '=' . $this->key;
        } else {
            $request->setHeader($this->name, $this->key);
        }
    }
}
