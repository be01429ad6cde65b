<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * OAuth2 client credentials: the token is fetched before the first call, cached, and fetched again when it
 * expires within the refresh buffer (at most half its lifetime) or a 401 refused it.
 *
 * @internal
 */
final class ClientCredentialsAuth extends AuthProvider
{
    private float $refreshBuffer = 60.0;
    private float $buffer = 60.0;
    private ?string $accessToken = null;
    private ?float $expiresAt = null;

    /**
     * Client credentials.
     *
     * @param string $tokenUrl the token URL
     * @param string|null $clientId the client id
     * @param string|null $clientSecret the client secret
     * @param list<string> $scopes the scopes asked for
     */
    public function __construct(
        private readonly string $tokenUrl,
        private readonly ?string $clientId,
        private readonly ?string $clientSecret,
        private readonly array $scopes = [],
    ) {
    }

    /** @inheritDoc */
    public function hasCredentials(): bool
    {
        return self::given($this->clientId);
    }

    /** @inheritDoc */
    public function configure(float $refreshBuffer, int $refreshRetries): void
    {
        $this->refreshBuffer = $refreshBuffer;
        $this->buffer = $refreshBuffer;
    }

    /** @inheritDoc */
    public function tokenRequest(float $now): ?TokenRequest
    {
        if ($this->accessToken !== null && !Tokens::stale($this->expiresAt, $now, $this->buffer)) {
            return null;
        }
        $form = [['grant_type', 'client_credentials']];
        if ($this->scopes !== []) {
            $form[] = ['scope', implode(' ', $this->scopes)];
        }
        $form[] = ['client_id', (string) $this->clientId];
        $form[] = ['client_secret', (string) $this->clientSecret];
        return TokenRequest::post($this->tokenUrl, $form);
    }

    /** @inheritDoc */
    public function acceptToken(mixed $body, float $now): void
    {
        $token = JsonPath::text(JsonPath::field($body, ['access_token']));
        if ($token === null || $token === '') {
            throw new ApiResponseValidationException('Token response has no access_token');
        }
        $this->accessToken = $token;
        $this->expiresAt = Tokens::expiry($body, ['expires_in'], $now);
        $this->buffer = $this->expiresAt === null
            ? $this->refreshBuffer
            : min($this->refreshBuffer, ($this->expiresAt - $now) / 2);
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
        $this->accessToken = null;
        $this->expiresAt = null;
        return $this->hasCredentials();
    }
}
