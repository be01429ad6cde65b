<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Header maps: names lower-cased, each with its list of values.
 *
 * @internal
 */
final class Headers
{
    /**
     * Headers with lower-cased names and list values.
     *
     * @param array<string, list<string>|string> $headers the headers as given
     * @return array<string, list<string>> the normalised headers
     */
    public static function normalize(array $headers): array
    {
        $out = [];
        foreach ($headers as $name => $values) {
            $key = strtolower((string) $name);
            foreach (is_array($values) ? $values : [$values] as $value) {
                $out[$key][] = (string) $value;
            }
        }
        return $out;
    }

    /**
     * The first value of a header.
     *
     * @param array<string, list<string>> $headers normalised headers
     * @param string $name the header's name, any case
     * @return string|null the value
     */
    public static function first(array $headers, string $name): ?string
    {
        $values = $headers[strtolower($name)] ?? [];
        return $values === [] ? null : $values[0];
    }

    /**
     * A header's whole-number value.
     *
     * @param array<string, list<string>> $headers normalised headers
     * @param string $name the header's name
     * @return int|null the number, null when absent or not a whole number
     */
    public static function intValue(array $headers, string $name): ?int
    {
        $text = trim(self::first($headers, $name) ?? '');
        if (preg_match('/^[+-]?\d{1,18}$/', $text) !== 1) {
            return null;
        }
        return (int) $text;
    }

    /**
     * The `x-request-id` (or `request-id`) header.
     *
     * @param array<string, list<string>> $headers normalised headers
     * @return string|null the id
     */
    public static function requestId(array $headers): ?string
    {
        foreach (['x-request-id', 'request-id'] as $name) {
            $id = self::first($headers, $name);
            if ($id !== null && $id !== '') {
                return $id;
            }
        }
        return null;
    }
}
