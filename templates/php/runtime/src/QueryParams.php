<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A request's query parameters in the order they are sent (a query string written in the path, the operation's
 * parameters in declaration order — an absent one keeps its place —, then the caller's extra ones), each as its
 * pairs already percent-encoded. Immutable.
 *
 * @internal
 */
final class QueryParams
{
    /**
     * @param list<array{0: string, 1: list<array{0: string, 1: string}>}> $params names and their pairs
     */
    private function __construct(private readonly array $params)
    {
    }

    /**
     * No parameters.
     *
     * @return self the empty query
     */
    public static function none(): self
    {
        return new self([]);
    }

    /**
     * The first value sent under a name, decoded.
     *
     * @param string $name the decoded name
     * @return string|null the decoded value
     */
    public function get(string $name): ?string
    {
        foreach ($this->params as [, $pairs]) {
            foreach ($pairs as [$key, $value]) {
                if (Wire::unescape($key) === $name) {
                    return Wire::unescape($value);
                }
            }
        }
        return null;
    }

    /**
     * These parameters with a name given these pairs in its place (at the end when new).
     *
     * @param string $name the name
     * @param list<array{0: string, 1: string}> $pairs its encoded pairs
     * @return self the changed query
     */
    public function set(string $name, array $pairs): self
    {
        $out = [];
        $placed = false;
        foreach ($this->params as $param) {
            if ($param[0] !== $name) {
                $out[] = $param;
            } elseif (!$placed) {
                $out[] = [$name, $pairs];
                $placed = true;
            }
        }
        if (!$placed) {
            $out[] = [$name, $pairs];
        }
        return new self($out);
    }

    /**
     * These parameters followed by one more (not replacing any).
     *
     * @param string $name the name
     * @param list<array{0: string, 1: string}> $pairs its encoded pairs
     * @return self the longer query
     */
    public function append(string $name, array $pairs): self
    {
        return new self([...$this->params, [$name, $pairs]]);
    }

    /**
     * These with every parameter of another set in place.
     *
     * @param self $extra the parameters to set
     * @return self the changed query
     */
    public function with(self $extra): self
    {
        $out = $this;
        foreach ($extra->params as [$name, $pairs]) {
            $out = $out->set($name, $pairs);
        }
        return $out;
    }

    /**
     * One value, form style, set in place.
     *
     * @param string $name the name
     * @param string $value the value
     * @return self the changed query
     */
    public function setValue(string $name, string $value): self
    {
        return $this->set($name, [[Wire::percent($name), Wire::percent($value)]]);
    }

    /**
     * The query string (without `?`).
     *
     * @return string the text
     */
    public function encode(): string
    {
        $pairs = [];
        foreach ($this->params as [, $paramPairs]) {
            array_push($pairs, ...$paramPairs);
        }
        return WireSyntax::join($pairs, '&');
    }

    /**
     * A raw query string's pairs, in order and as written.
     *
     * @param string $raw the query string
     * @return self the parameters
     */
    public static function parse(string $raw): self
    {
        $pairs = [];
        foreach (explode('&', $raw) as $part) {
            if ($part !== '') {
                $at = strpos($part, '=');
                $pairs[] = $at === false ? [$part, ''] : [substr($part, 0, $at), substr($part, $at + 1)];
            }
        }
        return self::grouped($pairs);
    }

    /**
     * The caller's extra query parameters (form, exploded).
     *
     * @param array<string, mixed> $extra name => value (a list sends one pair per item)
     * @return self the parameters
     */
    public static function extra(array $extra): self
    {
        $pairs = [];
        foreach ($extra as $name => $value) {
            foreach (is_array($value) ? $value : [$value] as $item) {
                $pairs[] = [Wire::percent((string) $name), Wire::percent(Wire::scalarText(Encoder::encode($item)))];
            }
        }
        return self::grouped($pairs);
    }

    /**
     * @param list<array{0: string, 1: string}> $pairs
     */
    private static function grouped(array $pairs): self
    {
        $groups = [];
        foreach ($pairs as $pair) {
            $groups[Wire::unescape($pair[0])][] = $pair;
        }
        $params = [];
        foreach ($groups as $name => $group) {
            $params[] = [(string) $name, $group];
        }
        return new self($params);
    }
}
