<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * An OAuth2 token set.
 */
final class OAuthTokens
{
    /**
     * A token set.
     *
     * @param string $accessToken the access token
     * @param string|null $refreshToken the refresh token
     * @param \DateTimeImmutable|null $expiresAt when the access token expires (null = not known)
     * @param string|null $scope the scopes granted
     */
    public function __construct(
        public readonly string $accessToken,
        public readonly ?string $refreshToken = null,
        public readonly ?\DateTimeImmutable $expiresAt = null,
        public readonly ?string $scope = null,
    ) {
    }
}
