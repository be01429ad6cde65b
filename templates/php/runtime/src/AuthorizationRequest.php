<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Where to send the user to grant access, with the state and PKCE verifier to keep until the code arrives.
 */
final class AuthorizationRequest
{
    /**
     * An authorization request.
     *
     * @param string $url the authorization URL
     * @param string $state the state sent (check it on the redirect)
     * @param string $codeVerifier the PKCE verifier (give it to exchangeCode)
     */
    public function __construct(
        public readonly string $url,
        public readonly string $state,
        public readonly string $codeVerifier,
    ) {
    }
}
