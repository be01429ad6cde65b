<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The OAuth2 authorization-code helpers of a client (`$client->oauth()`): the authorization URL with PKCE, the
 * code exchange, refresh, revoke, and the current token set.
 */
final class OAuth
{
    /**
     * The helpers of one provider.
     *
     * @internal made by ClientCore::oauth()
     * @param ClientConfig $config the client's settings
     * @param TokenFetcher $fetcher sends token endpoint calls
     * @param AuthorizationCodeAuth $provider the provider
     */
    public function __construct(
        private readonly ClientConfig $config,
        private readonly TokenFetcher $fetcher,
        private readonly AuthorizationCodeAuth $provider,
    ) {
    }

    /**
     * The current token set.
     *
     * @return OAuthTokens|null the set, null when there is none
     */
    public function tokens(): ?OAuthTokens
    {
        return $this->provider->tokens();
    }

    /**
     * Replaces the token set (null forgets it).
     *
     * @param OAuthTokens|null $tokens the set
     */
    public function setTokens(?OAuthTokens $tokens): void
    {
        $this->provider->setTokens($tokens);
    }

    /**
     * Sets the hook called with every new token set (exchange and refresh), to store rotated refresh tokens.
     *
     * @param \Closure $hook called with the OAuthTokens
     */
    public function onTokens(\Closure $hook): void
    {
        $this->provider->onTokens($hook);
    }

    /**
     * The PKCE challenge of a verifier: BASE64URL(SHA-256(verifier)), unpadded.
     *
     * @param string $verifier the verifier
     * @return string the challenge
     */
    public static function pkceChallenge(string $verifier): string
    {
        return self::base64Url(hash('sha256', $verifier, true));
    }

    /**
     * The URL to send the user to: response_type, client_id, redirect_uri, scope, state and the PKCE pair.
     *
     * @param string $redirectUri where the user comes back with the code
     * @param list<string>|null $scopes the scopes asked for (null = all the API's, [] = none sent)
     * @param string|null $state the state (null = random)
     * @param string|null $codeVerifier the PKCE verifier (null = a fresh 64-character one)
     * @return AuthorizationRequest the URL, state and verifier
     */
    public function authorizationUrl(
        string $redirectUri,
        ?array $scopes = null,
        ?string $state = null,
        ?string $codeVerifier = null,
    ): AuthorizationRequest {
        $verifier = $codeVerifier !== null && $codeVerifier !== ''
            ? $codeVerifier
            : self::base64Url(random_bytes(48));
        $theState = $state !== null && $state !== '' ? $state : self::base64Url(random_bytes(16));
        $asked = $scopes ?? $this->provider->endpoints->scopes;
        $pairs = [
            ['response_type', 'code'],
            ['client_id', $this->provider->clientId()],
            ['redirect_uri', $redirectUri],
        ];
        if ($asked !== []) {
            $pairs[] = ['scope', implode(' ', $asked)];
        }
        $pairs[] = ['state', $theState];
        $pairs[] = ['code_challenge', self::pkceChallenge($verifier)];
        $pairs[] = ['code_challenge_method', 'S256'];
        $query = implode('&', array_map(
            fn (array $p): string => Wire::percent($p[0]) . '=' . Wire::percent($p[1]),
            $pairs
        ));
        $target = $this->config->absolute($this->provider->endpoints->authorizationUrl);
        $separator = str_contains($target, '?') ? '&' : '?';
        return new AuthorizationRequest($target . $separator . $query, $theState, $verifier);
    }

    /**
     * Exchanges an authorization code for a token set (stored, and given to the hook).
     *
     * @param string $code the code the redirect brought
     * @param string $redirectUri the redirect URI the authorization URL named
     * @param string|null $codeVerifier the PKCE verifier
     * @return OAuthTokens the new set
     * @throws ApiException when the token endpoint refused (BadRequestException for invalid_grant)
     */
    public function exchangeCode(string $code, string $redirectUri, ?string $codeVerifier = null): OAuthTokens
    {
        $form = $this->provider->clientForm([
            ['grant_type', 'authorization_code'],
            ['code', $code],
            ['redirect_uri', $redirectUri],
        ]);
        if ($codeVerifier !== null && $codeVerifier !== '') {
            $form[] = ['code_verifier', $codeVerifier];
        }
        $request = TokenRequest::post($this->provider->endpoints->tokenUrl, $form);
        $body = $this->fetcher->sendToken($request, $this->config->timeout);
        return $this->provider->store($body, $this->config->timing->now());
    }

    /**
     * Refreshes the token set now.
     *
     * @return OAuthTokens the new set
     * @throws \LogicException when there is no refresh token
     * @throws ApiException when the token endpoint refused
     */
    public function refresh(): OAuthTokens
    {
        $request = $this->provider->refreshRequest();
        if ($request === null) {
            throw new \LogicException('there is no refresh token to refresh with');
        }
        $body = $this->fetcher->sendToken($request, $this->config->timeout);
        return $this->provider->store($body, $this->config->timing->now());
    }

    /**
     * Revokes a token (RFC 7009): the one named, else the current refresh token (else access token); the set is
     * forgotten when its token was revoked.
     *
     * @param string|null $token the token (null = the current set's)
     * @throws \LogicException when the API has no revocation URL or there is nothing to revoke
     * @throws ApiException when the revocation endpoint refused
     */
    public function revoke(?string $token = null): void
    {
        if ($this->provider->endpoints->revokeUrl === '') {
            throw new \LogicException('this API has no token revocation URL');
        }
        $current = $this->provider->tokens();
        if (($token === null || $token === '') && $current !== null) {
            $refresh = $current->refreshToken;
            $token = $refresh !== null && $refresh !== '' ? $refresh : $current->accessToken;
        }
        if ($token === null || $token === '') {
            throw new \LogicException('there is no token to revoke');
        }
        $form = $this->provider->clientForm([['token', $token]]);
        $request = TokenRequest::post($this->provider->endpoints->revokeUrl, $form);
        $this->fetcher->sendToken($request, $this->config->timeout);
        if ($current !== null && ($token === $current->accessToken || $token === $current->refreshToken)) {
            $this->provider->setTokens(null);
        }
    }

    private static function base64Url(string $bytes): string
    {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }
}
