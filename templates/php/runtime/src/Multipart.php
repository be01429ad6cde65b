<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A multipart/form-data body: each property as one or more parts in the order given — a file as a file part;
 * one with a style as a text part per pair of its form serialisation; one with a content type (an object or an
 * array of objects without an encoding: JSON) as one part of that type; otherwise a text part per scalar or
 * array item.
 *
 * @internal
 */
final class Multipart
{
    private string $out = '';

    private function __construct(private readonly string $boundary)
    {
    }

    /**
     * The body of these parts.
     *
     * @param list<array{0: string, 1: mixed, 2: ?Encoding, 3: bool}> $parts name, value, encoding, is a file
     * @param array<string, Encoding> $encodings the properties' non-default encodings
     * @param string $boundary the boundary
     * @return string the body
     */
    public static function encode(array $parts, array $encodings, string $boundary): string
    {
        $body = new self($boundary);
        foreach ($parts as [$name, $value, $enc, $file]) {
            if ($file) {
                $body->files($name, $value);
            } else {
                $body->property($name, $value, $enc ?? ($encodings[$name] ?? null));
            }
        }
        return $body->out . ($body->out === '' ? '--' : "\r\n--") . $boundary . "--\r\n";
    }

    /**
     * The content type of a body with this boundary.
     *
     * @param string $boundary the boundary
     * @return string the content type
     */
    public static function contentType(string $boundary): string
    {
        return 'multipart/form-data; boundary=' . $boundary;
    }

    private function property(string $name, mixed $value, ?Encoding $enc): void
    {
        $tree = Wire::tree($value);
        if ($tree === null) {
            return;
        }
        $contentType = '';
        if ($enc !== null && $enc->contentType === '') {
            foreach (WireSyntax::plain()->pairs($name, $tree, $enc) as [$key, $text]) {
                $this->part($key, null, '', $text);
            }
            return;
        } elseif ($enc !== null) {
            $contentType = $enc->contentType;
        } elseif (Wire::hasObjects($tree)) {
            $contentType = 'application/json';
        }
        $texts = is_array($tree) && $contentType === '' ? array_map([Wire::class, 'scalarText'], $tree)
            : [Wire::scalarText($tree)];
        foreach ($texts as $text) {
            $this->part($name, null, $contentType, $text);
        }
    }

    private function files(string $name, mixed $value): void
    {
        $files = $value instanceof FileUpload ? [$value] : (is_array($value) ? $value : []);
        foreach ($files as $file) {
            if ($file instanceof FileUpload) {
                $filename = $file->filename() === '' ? $name : $file->filename();
                $this->part($name, $filename, $file->contentType(), $file->content());
            }
        }
    }

    private function part(string $name, ?string $filename, string $contentType, string $content): void
    {
        $head = ($this->out === '' ? '--' : "\r\n--") . $this->boundary . "\r\n";
        $head .= 'Content-Disposition: form-data; name="' . self::quote($name) . '"';
        if ($filename !== null) {
            $head .= '; filename="' . self::quote($filename) . '"';
        }
        $head .= "\r\n";
        if ($contentType !== '') {
            $head .= 'Content-Type: ' . $contentType . "\r\n";
        }
        $this->out .= $head . "\r\n" . $content;
    }

    private static function quote(string $text): string
    {
        return str_replace(['\\', '"'], ['\\\\', '\\"'], $text);
    }
}
