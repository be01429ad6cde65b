<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * HTTP basic authentication.
 *
 * @internal
 */
final class BasicAuth extends AuthProvider
{
    /**
     * Basic credentials.
     *
     * @param string|null $user the user
     * @param string|null $password the password (null = '')
     */
    public function __construct(private readonly ?string $user, private readonly ?string $password)
    {
    }

    /** @inheritDoc */
    public function hasCredentials(): bool
    {
        return self::given($this->user);
    }

    /** @inheritDoc */
    public function apply(AttemptRequest $request): void
    {
        if ($this->user !== null && $this->user !== '') {
            $pair = $this->user . ':' . ($this->password ?? '');
            $request->setHeader('Authorization', 'Basic ' . base64_encode($pair));
        }
    }
}
