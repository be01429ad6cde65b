<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Token refresh settings as one option; a null field keeps the SDK's default.
 */
final class AuthConfig
{
    /**
     * Token refresh settings.
     *
     * @param float|null $refreshBuffer seconds before expiry a login or OAuth2 token is refreshed (an OAuth2
     *     token at most half its lifetime early)
     * @param int|null $maxRefreshRetries retries of a login token refresh that failed retryably
     */
    public function __construct(
        public readonly ?float $refreshBuffer = null,
        public readonly ?int $maxRefreshRetries = null,
    ) {
    }
}
