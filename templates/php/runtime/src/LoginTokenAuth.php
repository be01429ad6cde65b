<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * An x-zsdk-login token: stored by the login call, refreshed with the refresh token when it expires within the
 * refresh buffer or a 401 refused it; a failed refresh is retried on its own up to the refresh retries.
 *
 * @internal
 */
final class LoginTokenAuth extends AuthProvider
{
    private float $refreshBuffer = 60.0;
    private int $refreshRetries = 2;
    private ?string $accessToken;
    private ?string $refreshToken = null;
    private ?float $expiresAt = null;

    /**
     * A login token.
     *
     * @param string|null $accessToken a token given up front
     * @param LoginSettings $settings where the tokens are, how to refresh
     */
    public function __construct(?string $accessToken, private readonly LoginSettings $settings)
    {
        $this->accessToken = self::given($accessToken) ? $accessToken : null;
    }

    /**
     * Stores the tokens of a login (or refresh) response.
     *
     * @param mixed $body the decoded response
     * @param float $now the current time
     * @throws ApiResponseValidationException when it has no token
     */
    public function update(mixed $body, float $now): void
    {
        $token = JsonPath::text(JsonPath::field($body, $this->settings->token));
        if ($token === null || $token === '') {
            throw new ApiResponseValidationException(
                "Login response has no '" . implode('.', $this->settings->token) . "'"
            );
        }
        $this->accessToken = $token;
        if ($this->settings->refreshToken !== []) {
            $refresh = JsonPath::text(JsonPath::field($body, $this->settings->refreshToken));
            if ($refresh !== null && $refresh !== '') {
                $this->refreshToken = $refresh;
            }
        }
        $this->expiresAt = $this->settings->expiresIn === []
            ? null
            : Tokens::expiry($body, $this->settings->expiresIn, $now);
    }

    /** @inheritDoc */
    public function hasCredentials(): bool
    {
        return $this->accessToken !== null || $this->canRefresh();
    }

    /** @inheritDoc */
    public function configure(float $refreshBuffer, int $refreshRetries): void
    {
        $this->refreshBuffer = $refreshBuffer;
        $this->refreshRetries = max(0, $refreshRetries);
    }

    /** @inheritDoc */
    public function maxRefreshRetries(): int
    {
        return $this->refreshRetries;
    }

    /** @inheritDoc */
    public function tokenRequest(float $now): ?TokenRequest
    {
        $needs = $this->accessToken === null || Tokens::stale($this->expiresAt, $now, $this->refreshBuffer);
        if (!$needs || !$this->canRefresh()) {
            return null;
        }
        return new TokenRequest(
            $this->settings->refreshMethod,
            $this->settings->refreshPath,
            null,
            [$this->settings->refreshParam => (string) $this->refreshToken],
        );
    }

    /** @inheritDoc */
    public function acceptToken(mixed $body, float $now): void
    {
        $this->update($body, $now);
    }

    /** @inheritDoc */
    public function apply(AttemptRequest $request): void
    {
        if ($this->accessToken !== null) {
            $request->setHeader('Authorization', 'Bearer ' . $this->accessToken);
        }
    }

    /** @inheritDoc */
    public function invalidate(): bool
    {
        if (!$this->canRefresh()) {
            return false;
        }
        $this->accessToken = null;
        return true;
    }

    private function canRefresh(): bool
    {
        return $this->refreshToken !== null && $this->settings->refreshPath !== '';
    }
}
