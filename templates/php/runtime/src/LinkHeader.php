<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Reads an RFC 8288 Link header: relation => URL (the first of each relation).
 *
 * @internal
 */
final class LinkHeader
{
    /**
     * The links of a header.
     *
     * @param string $header the Link header
     * @return array<string, string> lower-cased relation => URL
     */
    public static function parse(string $header): array
    {
        $links = [];
        preg_match_all('/<([^>]*)>\s*((?:;\s*[^;,]+)*)/', $header, $matches, PREG_SET_ORDER);
        foreach ($matches as $match) {
            foreach (explode(';', $match[2]) as $param) {
                $pair = explode('=', trim($param), 2);
                if (count($pair) < 2 || strtolower(trim($pair[0])) !== 'rel') {
                    continue;
                }
                $rels = trim(trim($pair[1]), '"');
                foreach (preg_split('/\s+/', trim($rels)) ?: [] as $rel) {
                    if ($rel !== '' && !isset($links[strtolower($rel)])) {
                        $links[strtolower($rel)] = $match[1];
                    }
                }
            }
        }
        return $links;
    }
}
