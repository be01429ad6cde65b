<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * How names, values and a style's delimiters are written: percent-encoded in a URL or form body (url()), as
 * they are in a header or a multipart part (plain()).
 *
 * @internal
 */
final class WireSyntax
{
    private function __construct(
        private readonly bool $encode,
        private readonly string $open,
        private readonly string $close,
        private readonly string $space,
        private readonly string $pipe,
    ) {
    }

    /**
     * The syntax of a URL or form body.
     *
     * @return self the syntax
     */
    public static function url(): self
    {
        return new self(true, '%5B', '%5D', '%20', '%7C');
    }

    /**
     * The syntax of headers and multipart parts.
     *
     * @return self the syntax
     */
    public static function plain(): self
    {
        return new self(false, '[', ']', ' ', '|');
    }

    /**
     * A name or value as this syntax writes it.
     *
     * @param string $text the text
     * @param bool $allowReserved whether reserved characters stay
     * @return string the written text
     */
    public function escape(string $text, bool $allowReserved = false): string
    {
        return $this->encode ? Wire::percent($text, $allowReserved) : $text;
    }

    /**
     * A query parameter's (or form property's) name/value pairs by style form, spaceDelimited, pipeDelimited or
     * deepObject; an empty array or object has none.
     *
     * @param string $name the name
     * @param mixed $value the tree
     * @param Encoding $enc the encoding
     * @return list<array{0: string, 1: string}> the pairs, written
     */
    public function pairs(string $name, mixed $value, Encoding $enc): array
    {
        $key = $this->escape($name);
        if ($enc->style === 'deepObject') {
            $pairs = [];
            $this->deepPairs($pairs, $key, $value, $enc);
            return $pairs;
        }
        if (!is_array($value)) {
            return [[$key, $this->escape(Wire::scalarText($value), $enc->reserved)]];
        }
        $pairs = [];
        $joined = [];
        $isList = array_is_list($value);
        foreach ($value as $field => $item) {
            $text = $this->escape(Wire::scalarText($item), $enc->reserved);
            if ($isList) {
                $pairs[] = [$key, $text];
                $joined[] = $text;
            } else {
                $fieldName = $this->escape((string) $field);
                $pairs[] = [$fieldName, $text];
                $joined[] = $fieldName;
                $joined[] = $text;
            }
        }
        if ($enc->exploded || $pairs === []) {
            return $pairs;
        }
        return [[$key, implode($this->delimiter($enc->style), $joined)]];
    }

    /**
     * A path or header value by style simple, label or matrix; '' when it is empty.
     *
     * @param string $name the name
     * @param mixed $value the tree
     * @param Encoding $enc the encoding
     * @return string the text
     */
    public function simpleText(string $name, mixed $value, Encoding $enc): string
    {
        $prefix = '';
        $separator = ',';
        $matrix = $enc->style === 'matrix';
        $name = $this->escape($name);
        if ($enc->style === 'label') {
            $prefix = '.';
            $separator = $enc->exploded ? '.' : ',';
        } elseif ($matrix && $enc->exploded) {
            $prefix = ';';
            $separator = ';';
        } elseif ($matrix) {
            $prefix = ';' . $name . '=';
        }
        if (!is_array($value)) {
            $text = $this->escape(Wire::scalarText($value));
            return $matrix ? ';' . $name . '=' . $text : ($text === '' ? '' : $prefix . $text);
        }
        $parts = [];
        $isList = array_is_list($value);
        foreach ($value as $field => $item) {
            $text = $this->escape(Wire::scalarText($item));
            if ($isList) {
                $parts[] = $matrix && $enc->exploded ? $name . '=' . $text : $text;
            } elseif ($enc->exploded) {
                $parts[] = $this->escape((string) $field) . '=' . $text;
            } else {
                $parts[] = $this->escape((string) $field);
                $parts[] = $text;
            }
        }
        if ($parts === [] || $parts === ['']) {
            return '';
        }
        return $prefix . implode($separator, $parts);
    }

    /**
     * Pairs as `name=value` joined by a separator.
     *
     * @param list<array{0: string, 1: string}> $pairs the pairs
     * @param string $separator the separator
     * @return string the text
     */
    public static function join(array $pairs, string $separator): string
    {
        return implode($separator, array_map(fn (array $pair): string => $pair[0] . '=' . $pair[1], $pairs));
    }

    /**
     * @param list<array{0: string, 1: string}> $pairs
     */
    private function deepPairs(array &$pairs, string $key, mixed $value, Encoding $enc): void
    {
        if (!is_array($value)) {
            $pairs[] = [$key, $this->escape(Wire::scalarText($value), $enc->reserved)];
            return;
        }
        $isList = array_is_list($value);
        foreach ($value as $field => $item) {
            if (!$isList) {
                $itemKey = $key . $this->open . $this->escape((string) $field) . $this->close;
            } elseif ($enc->nesting === 'brackets') {
                $itemKey = $key . $this->open . $this->close;
            } elseif ($enc->nesting === 'repeat') {
                $itemKey = $key;
            } else {
                $itemKey = $key . $this->open . $field . $this->close;
            }
            $this->deepPairs($pairs, $itemKey, $item, $enc);
        }
    }

    private function delimiter(string $style): string
    {
        return match ($style) {
            'spaceDelimited' => $this->space,
            'pipeDelimited' => $this->pipe,
            default => ',',
        };
    }
}
