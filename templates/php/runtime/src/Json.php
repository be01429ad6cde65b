<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * JSON text: compact (no spaces, UTF-8 and slashes as they are, whole numbers without a fraction) and decoding
 * to PHP arrays.
 *
 * @internal
 */
final class Json
{
    private const FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;

    /**
     * A value's compact JSON text; models, enums and dates are encoded first.
     *
     * @param mixed $value the value
     * @return string the JSON text
     */
    public static function encode(mixed $value): string
    {
        return json_encode(Encoder::encode($value), self::FLAGS);
    }

    /**
     * Decodes JSON text (objects as associative arrays).
     *
     * @param string $text the text
     * @return mixed the value
     * @throws \JsonException when the text is not JSON
     */
    public static function decode(string $text): mixed
    {
        return json_decode($text, true, 512, JSON_THROW_ON_ERROR);
    }

    /**
     * Decodes JSON text, or says it is not JSON.
     *
     * @param string $text the text
     * @return array{0: bool, 1: mixed} whether it is JSON, and the value
     */
    public static function tryDecode(string $text): array
    {
        if (trim($text) === '') {
            return [false, null];
        }
        try {
            return [true, self::decode($text)];
        } catch (\JsonException) {
            return [false, null];
        }
    }

    /**
     * Whether a decoded value is a JSON object (an associative or empty array, or a stdClass).
     *
     * @param mixed $value the value
     * @return bool true for an object
     */
    public static function isObject(mixed $value): bool
    {
        return $value instanceof \stdClass || (is_array($value) && ($value === [] || !array_is_list($value)));
    }
}
