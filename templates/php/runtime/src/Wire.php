<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Values as the wire sees them: a JSON tree without nulls, scalars' text, compact JSON, percent-encoding.
 *
 * @internal
 */
final class Wire
{
    private const RESERVED = [':', '/', '?', '@', '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '='];

    /**
     * The value as a JSON tree, null fields and items left out; null when it is absent.
     *
     * @param mixed $value the value
     * @return mixed the tree (arrays and scalars)
     */
    public static function tree(mixed $value): mixed
    {
        if ($value === null || $value instanceof Omit) {
            return null;
        }
        return self::withoutNulls(Encoder::encode($value));
    }

    /**
     * A parameter's tree; a `content` JSON parameter's is its compact JSON text.
     *
     * @param mixed $value the value
     * @param Encoding $enc its encoding
     * @return mixed the tree, null when absent
     */
    public static function paramValue(mixed $value, Encoding $enc): mixed
    {
        $tree = self::tree($value);
        if ($tree !== null && self::isJson($enc->contentType)) {
            return self::compactJson($tree);
        }
        return $tree;
    }

    /**
     * A scalar's text; a value nested deeper than a style defines is its compact JSON.
     *
     * @param mixed $node a tree node
     * @return string the text
     */
    public static function scalarText(mixed $node): string
    {
        if (is_string($node)) {
            return $node;
        }
        if (is_bool($node)) {
            return $node ? 'true' : 'false';
        }
        if (is_int($node) || is_float($node)) {
            return self::numberText($node);
        }
        return self::compactJson($node);
    }

    /**
     * A number in its shortest round-trip form, a whole number without a fraction.
     *
     * @param int|float $number the number
     * @return string the text
     */
    public static function numberText(int|float $number): string
    {
        if (is_int($number)) {
            return (string) $number;
        }
        if (floor($number) === $number && abs($number) < 1e15) {
            return (string) (int) $number;
        }
        return json_encode($number, JSON_THROW_ON_ERROR);
    }

    /**
     * Compact JSON of a tree: no spaces, UTF-8 as it is, whole numbers without a fraction.
     *
     * @param mixed $node the tree
     * @return string the JSON text
     */
    public static function compactJson(mixed $node): string
    {
        return Json::encode($node);
    }

    /**
     * Whether a media type is JSON (`application/json`, `…+json`).
     *
     * @param string $mediaType the media type
     * @return bool true for JSON
     */
    public static function isJson(string $mediaType): bool
    {
        $base = strtolower(trim(explode(';', $mediaType, 2)[0]));
        return $base === 'application/json' || str_ends_with($base, '+json');
    }

    /**
     * Percent-encodes every UTF-8 byte outside A-Z a-z 0-9 - . _ ~ (reserved characters kept when allowed).
     *
     * @param string $text the text
     * @param bool $allowReserved whether `:/?@!$&'()*+,;=` stay as they are
     * @return string the encoded text
     */
    public static function percent(string $text, bool $allowReserved = false): string
    {
        $encoded = rawurlencode($text);
        if (!$allowReserved) {
            return $encoded;
        }
        $from = array_map(fn (string $c): string => '%' . strtoupper(bin2hex($c)), self::RESERVED);
        return str_replace($from, self::RESERVED, $encoded);
    }

    /**
     * Decodes percent-encoding (and `+` as a space).
     *
     * @param string $text the encoded text
     * @return string the text
     */
    public static function unescape(string $text): string
    {
        return urldecode($text);
    }

    /**
     * Whether a tree node is an object (an associative array).
     *
     * @param mixed $node the node
     * @return bool true for an object
     */
    public static function isObject(mixed $node): bool
    {
        return is_array($node) && $node !== [] && !array_is_list($node);
    }

    /**
     * Whether a tree node is an object or an array holding one.
     *
     * @param mixed $node the node
     * @return bool true when it has objects
     */
    public static function hasObjects(mixed $node): bool
    {
        if (self::isObject($node)) {
            return true;
        }
        if (is_array($node)) {
            foreach ($node as $item) {
                if (self::isObject($item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static function withoutNulls(mixed $node): mixed
    {
        if ($node instanceof \stdClass) {
            return [];
        }
        if (!is_array($node)) {
            return $node;
        }
        $list = array_is_list($node);
        $out = [];
        foreach ($node as $key => $item) {
            $value = self::withoutNulls($item);
            if ($value !== null) {
                $out[$key] = $value;
            }
        }
        return $list ? array_values($out) : $out;
    }
}
