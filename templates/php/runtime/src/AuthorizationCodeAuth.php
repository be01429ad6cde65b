<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * OAuth2 authorization code: sends the granted token set's access token, refreshing it before it expires
 * (within the refresh buffer, at most half its lifetime) or after a 401; without a set, the fallback provider
 * (client credentials) is used.
 *
 * @internal
 */
final class AuthorizationCodeAuth extends AuthProvider
{
    private float $refreshBuffer = 60.0;
    private ?float $lifetime = null;
    private bool $fallbackPending = false;

    /**
     * An authorization-code provider.
     *
     * @param OAuthEndpoints $endpoints the endpoints
     * @param string|null $clientId the client id
     * @param string|null $clientSecret the client secret
     * @param OAuthTokens|null $tokens a stored token set
     * @param AuthProvider|null $fallback the provider used without a set
     * @param \Closure|null $onTokens called with every new set
     */
    public function __construct(
        public readonly OAuthEndpoints $endpoints,
        private readonly ?string $clientId,
        private readonly ?string $clientSecret,
        private ?OAuthTokens $tokens,
        private readonly ?AuthProvider $fallback,
        private ?\Closure $onTokens,
    ) {
    }

    /**
     * The client id ('' when none).
     *
     * @return string the id
     */
    public function clientId(): string
    {
        return (string) $this->clientId;
    }

    /**
     * A token endpoint form followed by the client's id and secret (when it has one).
     *
     * @param list<array{0: string, 1: string}> $form the pairs
     * @return list<array{0: string, 1: string}> the pairs with the client's
     */
    public function clientForm(array $form): array
    {
        $form[] = ['client_id', (string) $this->clientId];
        if (self::given($this->clientSecret)) {
            $form[] = ['client_secret', (string) $this->clientSecret];
        }
        return $form;
    }

    /**
     * The current token set.
     *
     * @return OAuthTokens|null the set
     */
    public function tokens(): ?OAuthTokens
    {
        return $this->tokens;
    }

    /**
     * Replaces the token set (null forgets it).
     *
     * @param OAuthTokens|null $tokens the set
     */
    public function setTokens(?OAuthTokens $tokens): void
    {
        $this->tokens = $tokens;
        $this->lifetime = null;
    }

    /**
     * Sets the hook called with every new set.
     *
     * @param \Closure|null $hook the hook
     */
    public function onTokens(?\Closure $hook): void
    {
        $this->onTokens = $hook;
    }

    /**
     * Stores a token response as the new set (keeping the old refresh token when none is given) and calls the
     * hook.
     *
     * @param mixed $body the decoded token response
     * @param float $now the current time
     * @return OAuthTokens the new set
     * @throws ApiResponseValidationException when it has no access token
     */
    public function store(mixed $body, float $now): OAuthTokens
    {
        $access = JsonPath::text(JsonPath::field($body, ['access_token']));
        if ($access === null || $access === '') {
            throw new ApiResponseValidationException('Token response has no access_token');
        }
        $refresh = JsonPath::text(JsonPath::field($body, ['refresh_token']));
        if (($refresh === null || $refresh === '') && $this->tokens !== null) {
            $refresh = $this->tokens->refreshToken;
        }
        $expiresAt = Tokens::expiry($body, ['expires_in'], $now);
        $this->tokens = new OAuthTokens(
            $access,
            $refresh,
            $expiresAt === null ? null : self::instant($expiresAt),
            JsonPath::text(JsonPath::field($body, ['scope'])),
        );
        $this->lifetime = $expiresAt === null ? null : $expiresAt - $now;
        if ($this->onTokens !== null) {
            ($this->onTokens)($this->tokens);
        }
        return $this->tokens;
    }

    /**
     * The refresh call of the current set.
     *
     * @return TokenRequest|null the call, null without a refresh token
     */
    public function refreshRequest(): ?TokenRequest
    {
        if ($this->tokens === null || !self::given($this->tokens->refreshToken)) {
            return null;
        }
        $form = [['grant_type', 'refresh_token'], ['refresh_token', (string) $this->tokens->refreshToken]];
        return TokenRequest::post($this->endpoints->refreshUrl, $this->clientForm($form));
    }

    /** @inheritDoc */
    public function hasCredentials(): bool
    {
        return $this->tokens !== null || ($this->fallback !== null && $this->fallback->hasCredentials());
    }

    /** @inheritDoc */
    public function configure(float $refreshBuffer, int $refreshRetries): void
    {
        $this->refreshBuffer = $refreshBuffer;
        $this->fallback?->configure($refreshBuffer, $refreshRetries);
    }

    /** @inheritDoc */
    public function tokenRequest(float $now): ?TokenRequest
    {
        $this->fallbackPending = false;
        if ($this->tokens === null) {
            $request = $this->fallback?->tokenRequest($now);
            $this->fallbackPending = $request !== null;
            return $request;
        }
        $buffer = $this->refreshBuffer;
        if ($this->lifetime !== null && $this->lifetime > 0) {
            $buffer = min($buffer, $this->lifetime / 2);
        }
        $expiresAt = $this->tokens->expiresAt === null ? null : self::seconds($this->tokens->expiresAt);
        if (!self::given($this->tokens->refreshToken) || !Tokens::stale($expiresAt, $now, $buffer)) {
            return null;
        }
        return $this->refreshRequest();
    }

    /** @inheritDoc */
    public function acceptToken(mixed $body, float $now): void
    {
        if ($this->fallbackPending && $this->fallback !== null) {
            $this->fallback->acceptToken($body, $now);
        } else {
            $this->store($body, $now);
        }
    }

    /** @inheritDoc */
    public function apply(AttemptRequest $request): void
    {
        if ($this->tokens !== null) {
            $request->setHeader('Authorization', 'Bearer ' . $this->tokens->accessToken);
        } else {
            $this->fallback?->apply($request);
        }
    }

    /** @inheritDoc */
    public function invalidate(): bool
    {
        if ($this->tokens !== null) {
            if (!self::given($this->tokens->refreshToken)) {
                return false;
            }
            $this->tokens = new OAuthTokens(
                $this->tokens->accessToken,
                $this->tokens->refreshToken,
                new \DateTimeImmutable('@0'),
                $this->tokens->scope,
            );
            return true;
        }
        return $this->fallback !== null && $this->fallback->invalidate();
    }

    private static function instant(float $seconds): \DateTimeImmutable
    {
        $date = \DateTimeImmutable::createFromFormat('U.u', sprintf('%.6F', $seconds));
        return $date === false ? new \DateTimeImmutable('@' . (int) $seconds) : $date;
    }

    private static function seconds(\DateTimeImmutable $instant): float
    {
        return (float) $instant->format('U.u');
    }
}
