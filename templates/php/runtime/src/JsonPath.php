<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Values found by a path of property names in decoded JSON.
 *
 * @internal
 */
final class JsonPath
{
    /**
     * The value at a path.
     *
     * @param mixed $node the decoded JSON
     * @param list<string> $path property names ([] = the node itself)
     * @return array{0: bool, 1: mixed} whether it was found, and the value
     */
    public static function find(mixed $node, array $path): array
    {
        foreach ($path as $step) {
            if (!is_array($node) || !array_key_exists($step, $node)) {
                return [false, null];
            }
            $node = $node[$step];
        }
        return [true, $node];
    }

    /**
     * The value at a path, null when absent.
     *
     * @param mixed $node the decoded JSON
     * @param list<string> $path property names
     * @return mixed the value
     */
    public static function get(mixed $node, array $path): mixed
    {
        return self::find($node, $path)[1];
    }

    /**
     * The value at a path, else at the same path inside a `data` envelope.
     *
     * @param mixed $body the decoded body
     * @param list<string> $path property names
     * @return mixed the value, null when absent
     */
    public static function field(mixed $body, array $path): mixed
    {
        [$found, $value] = self::find($body, $path);
        if (!$found && is_array($body) && array_key_exists('data', $body)) {
            return self::get($body['data'], $path);
        }
        return $value;
    }

    /**
     * A value when it is a string.
     *
     * @param mixed $value the value
     * @return string|null the string, or null
     */
    public static function text(mixed $value): ?string
    {
        return is_string($value) ? $value : null;
    }
}
