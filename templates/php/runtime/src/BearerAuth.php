<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A bearer token.
 *
 * @internal
 */
final class BearerAuth extends AuthProvider
{
    /**
     * A bearer token.
     *
     * @param string|null $token the token
     */
    public function __construct(private readonly ?string $token)
    {
    }

    /** @inheritDoc */
    public function hasCredentials(): bool
    {
        return self::given($this->token);
    }

    /** @inheritDoc */
    public function apply(AttemptRequest $request): void
    {
        if ($this->token !== null && $this->token !== '') {
            $request->setHeader('Authorization', 'Bearer ' . $this->token);
        }
    }
}
