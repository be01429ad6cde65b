<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A client's resolved settings, shared by the parts that send its calls.
 *
 * @internal
 */
final class ClientConfig
{
    /**
     * The settings.
     *
     * @param string $baseUrl the base URL, server variables filled
     * @param string $userAgent the User-Agent ('' = not sent)
     * @param float $timeout seconds per try
     * @param int $maxRetries retries after the first try
     * @param float $baseDelay seconds of the first backoff
     * @param float $maxDelay seconds the backoff never passes
     * @param bool $exponentialBackoff whether the backoff doubles
     * @param array<string, string> $defaultHeaders headers sent with every request
     * @param list<list<string>> $defaultSecurity the security of operations that name none
     * @param HttpTransport $transport the transport
     * @param list<Middleware> $middleware every try's middleware
     * @param array<string, AuthProvider> $auth scheme name => provider
     * @param Timing $timing clock, waits, jitter
     */
    public function __construct(
        public readonly string $baseUrl,
        public readonly string $userAgent,
        public readonly float $timeout,
        public readonly int $maxRetries,
        public readonly float $baseDelay,
        public readonly float $maxDelay,
        public readonly bool $exponentialBackoff,
        public readonly array $defaultHeaders,
        public readonly array $defaultSecurity,
        public readonly HttpTransport $transport,
        public readonly array $middleware,
        public readonly array $auth,
        public readonly Timing $timing,
    ) {
    }

    /**
     * The providers of the first security alternative whose schemes all have credentials.
     *
     * @param list<list<string>>|null $security the operation's alternatives (null = the default)
     * @return list<AuthProvider> the providers, [] for none
     */
    public function select(?array $security): array
    {
        foreach ($security ?? $this->defaultSecurity as $alternative) {
            if ($alternative === []) {
                continue;
            }
            $chosen = [];
            foreach ($alternative as $name) {
                $provider = $this->auth[$name] ?? null;
                if ($provider === null || !$provider->hasCredentials()) {
                    continue 2;
                }
                $chosen[] = $provider;
            }
            return $chosen;
        }
        return [];
    }

    /**
     * A URL relative to the base URL made absolute; an absolute one is kept.
     *
     * @param string $target the URL or path
     * @return string the absolute URL
     */
    public function absolute(string $target): string
    {
        return preg_match('#^https?://#i', $target) === 1 ? $target : self::joinUrl($this->baseUrl, $target);
    }

    /**
     * Base + path with exactly one slash between them.
     *
     * @param string $base the base URL
     * @param string $path the path
     * @return string the URL
     */
    public static function joinUrl(string $base, string $path): string
    {
        return $path === '' ? $base : rtrim($base, '/') . '/' . ltrim($path, '/');
    }
}
