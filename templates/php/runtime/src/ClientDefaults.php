<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * An SDK's client settings from its plan: the URL template, the server variables, the default security and the
 * retry, timeout and token defaults. The generated client builds one.
 */
final class ClientDefaults
{
    /**
     * The defaults.
     *
     * @param string $baseUrl the URL template, e.g. "https://{region}.zatabase.io"
     * @param array<string, array{0: string, 1: list<string>}> $serverVariables wire name => [default, allowed
     *     values ([] = any)]
     * @param list<list<string>> $defaultSecurity scheme names (alternatives of sets)
     * @param float $timeout seconds per try
     * @param int $maxRetries retries after the first try
     * @param float $baseDelay seconds of the first backoff
     * @param float $maxDelay seconds the backoff never passes
     * @param float $refreshBuffer seconds before expiry a token is refreshed
     * @param int $refreshRetries retries of a failed login token refresh
     * @param string $userAgent the User-Agent ('' = not sent)
     */
    public function __construct(
        public readonly string $baseUrl,
        public readonly array $serverVariables = [],
        public readonly array $defaultSecurity = [],
        public readonly float $timeout = 60.0,
        public readonly int $maxRetries = 2,
        public readonly float $baseDelay = 0.5,
        public readonly float $maxDelay = 8.0,
        public readonly float $refreshBuffer = 60.0,
        public readonly int $refreshRetries = 2,
        public readonly string $userAgent = '',
    ) {
    }
}
