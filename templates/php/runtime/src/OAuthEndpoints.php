<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The URLs and scopes of an OAuth2 authorization-code flow (each URL may be relative to the base URL).
 */
final class OAuthEndpoints
{
    /**
     * The endpoints.
     *
     * @param string $authorizationUrl where the user is sent to grant access
     * @param string $tokenUrl where a code is exchanged
     * @param string $refreshUrl where a token set is refreshed
     * @param string $revokeUrl where a token is revoked ('' = none)
     * @param list<string> $scopes every scope of the API, in spec order
     */
    public function __construct(
        public readonly string $authorizationUrl,
        public readonly string $tokenUrl,
        public readonly string $refreshUrl,
        public readonly string $revokeUrl,
        public readonly array $scopes,
    ) {
    }
}
