<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Where an x-zsdk-login response holds its tokens (paths tried inside a `data` envelope too) and how the token
 * is refreshed.
 */
final class LoginSettings
{
    /** @var list<string> the access token's path */
    public readonly array $token;
    /** @var string the refresh operation's HTTP method */
    public readonly string $refreshMethod;
    /** @var string the refresh request's body property holding the refresh token */
    public readonly string $refreshParam;

    /**
     * Login settings; [] / '' = the default.
     *
     * @param list<string> $token the access token's path ([] = access_token)
     * @param list<string> $refreshToken the refresh token's path ([] = none)
     * @param list<string> $expiresIn the lifetime's path in seconds ([] = none)
     * @param string $refreshPath the refresh operation's path ('' = no refresh)
     * @param string $refreshMethod its method ('' = POST)
     * @param string $refreshParam its body property ('' = refresh_token)
     */
    public function __construct(
        array $token = [],
        public readonly array $refreshToken = [],
        public readonly array $expiresIn = [],
        public readonly string $refreshPath = '',
        string $refreshMethod = '',
        string $refreshParam = '',
    ) {
        $this->token = $token === [] ? ['access_token'] : $token;
        $this->refreshMethod = $refreshMethod === '' ? 'POST' : strtoupper($refreshMethod);
        $this->refreshParam = $refreshParam === '' ? 'refresh_token' : $refreshParam;
    }
}
