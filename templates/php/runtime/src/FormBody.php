<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * An application/x-www-form-urlencoded body: each property in its order by its encoding (given, else form
 * exploded — deepObject for an object or an array of objects).
 *
 * @internal
 */
final class FormBody
{
    /**
     * The body text.
     *
     * @param mixed $body a model or array<string, mixed>
     * @param array<string, Encoding> $encodings the properties' non-default encodings
     * @return string|null the text, null when there is nothing to send
     * @throws \InvalidArgumentException when the body is not an object
     */
    public static function encode(mixed $body, array $encodings): ?string
    {
        $tree = Wire::tree($body);
        if ($tree === null || $tree === []) {
            return null;
        }
        if (!Wire::isObject($tree)) {
            throw new \InvalidArgumentException('a form body must be an object');
        }
        $syntax = WireSyntax::url();
        $pairs = [];
        foreach ($tree as $name => $value) {
            $name = (string) $name;
            $enc = $encodings[$name] ?? (Wire::hasObjects($value) ? Encoding::of('deepObject') : Encoding::of('form')
                ->explode());
            array_push($pairs, ...$syntax->pairs($name, $value, $enc));
        }
        return $pairs === [] ? null : WireSyntax::join($pairs, '&');
    }
}
