<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Token expiry: read from a token response, and whether it is due for a refresh.
 *
 * @internal
 */
final class Tokens
{
    /**
     * When a token expires, from its `expires_in` (a number or numeric string of seconds).
     *
     * @param mixed $body the decoded token response
     * @param list<string> $path the path of expires_in (tried inside a `data` envelope too)
     * @param float $now the current time
     * @return float|null the expiry (epoch seconds), null when not given
     */
    public static function expiry(mixed $body, array $path, float $now): ?float
    {
        $value = JsonPath::field($body, $path);
        if (is_string($value)) {
            $value = trim($value);
        }
        return is_numeric($value) ? $now + (float) $value : null;
    }

    /**
     * Whether a token with this expiry is due for a refresh.
     *
     * @param float|null $expiresAt the expiry (null = never)
     * @param float $now the current time
     * @param float $buffer seconds before expiry it is refreshed
     * @return bool true when due
     */
    public static function stale(?float $expiresAt, float $now, float $buffer): bool
    {
        return $expiresAt !== null && $now >= $expiresAt - $buffer;
    }
}
