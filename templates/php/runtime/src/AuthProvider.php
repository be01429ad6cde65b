<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The credentials of one security scheme, applied to every try of the calls that use it. Made by the static
 * factories; a null credential sends nothing. The methods marked internal are the runtime's.
 */
abstract class AuthProvider
{
    /**
     * An API key in a header, the query or a cookie.
     *
     * @param string $paramName the header, query parameter or cookie name
     * @param string $location header, query or cookie
     * @param string|null $key the key
     * @return self the provider
     */
    public static function apiKey(string $paramName, string $location, ?string $key): self
    {
        return new ApiKeyAuth($paramName, $location, $key);
    }

    /**
     * A bearer token (`Authorization: Bearer <token>`).
     *
     * @param string|null $token the token
     * @return self the provider
     */
    public static function bearer(?string $token): self
    {
        return new BearerAuth($token);
    }

    /**
     * HTTP basic authentication.
     *
     * @param string|null $user the user
     * @param string|null $password the password
     * @return self the provider
     */
    public static function basic(?string $user, ?string $password): self
    {
        return new BasicAuth($user, $password);
    }

    /**
     * OAuth2 client credentials: a token fetched from the token URL, cached, refreshed before it expires.
     *
     * @param string $tokenUrl the token URL (relative to the base URL, or absolute)
     * @param string|null $id the client id
     * @param string|null $secret the client secret
     * @param list<string> $scopes the scopes asked for
     * @return self the provider
     */
    public static function clientCredentials(string $tokenUrl, ?string $id, ?string $secret, array $scopes = []): self
    {
        return new ClientCredentialsAuth($tokenUrl, $id, $secret, $scopes);
    }

    /**
     * OAuth2 authorization code: the token set a user granted (refreshed before it expires), else the fallback.
     *
     * @param OAuthEndpoints $e the endpoints
     * @param string|null $id the client id
     * @param string|null $secret the client secret
     * @param OAuthTokens|null $tokens a stored token set
     * @param AuthProvider|null $fallback the provider used while there is no token set
     * @param \Closure|null $onTokens called with every new token set
     * @return self the provider
     */
    public static function authorizationCode(
        OAuthEndpoints $e,
        ?string $id,
        ?string $secret,
        ?OAuthTokens $tokens,
        ?AuthProvider $fallback = null,
        ?\Closure $onTokens = null,
    ): self {
        return new AuthorizationCodeAuth($e, $id, $secret, $tokens, $fallback, $onTokens);
    }

    /**
     * An x-zsdk-login token: set by the login call, refreshed by the refresh operation when it expires.
     *
     * @param string|null $accessToken a token given up front
     * @param LoginSettings $s where the tokens are in the login response, how to refresh
     * @return self the provider
     */
    public static function login(?string $accessToken, LoginSettings $s): self
    {
        return new LoginTokenAuth($accessToken, $s);
    }

    /**
     * Whether the provider has something to send.
     *
     * @internal
     * @return bool true when it has credentials
     */
    abstract public function hasCredentials(): bool;

    /**
     * Applies the credentials to a try.
     *
     * @internal
     * @param AttemptRequest $request the try's request
     */
    abstract public function apply(AttemptRequest $request): void;

    /**
     * The token call needed before a try, if any.
     *
     * @internal
     * @param float $now the current time
     * @return TokenRequest|null the call, null when none
     */
    public function tokenRequest(float $now): ?TokenRequest
    {
        return null;
    }

    /**
     * Takes a token call's answer.
     *
     * @internal
     * @param mixed $body the decoded body
     * @param float $now the current time
     */
    public function acceptToken(mixed $body, float $now): void
    {
    }

    /**
     * Drops a token the server refused (a 401).
     *
     * @internal
     * @return bool whether a new one can be fetched (the try is then made again)
     */
    public function invalidate(): bool
    {
        return false;
    }

    /**
     * Takes the client's refresh settings.
     *
     * @internal
     * @param float $refreshBuffer seconds before expiry a token is refreshed
     * @param int $refreshRetries retries of a failed refresh
     */
    public function configure(float $refreshBuffer, int $refreshRetries): void
    {
    }

    /**
     * How many times a failed token fetch is retried on its own (-1: not; the try fails).
     *
     * @internal
     * @return int the retries
     */
    public function maxRefreshRetries(): int
    {
        return -1;
    }

    /**
     * Whether a credential is given (not null, not empty).
     *
     * @internal
     * @param string|null $value the credential
     * @return bool true when given
     */
    protected static function given(?string $value): bool
    {
        return $value !== null && $value !== '';
    }
}
