<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * How a paginated operation finds its items and its next page: style cursor, offset, page or link, with
 * settings — parameter names (cursor_param, offset_param, limit_param, page_param, per_page_param) and body
 * paths (next_cursor, cursor_item_field, has_more, total, total_pages, has_next). Immutable.
 */
final class Pager
{
    private const DEFAULT_PARAMS = [
        'cursor_param' => 'cursor',
        'offset_param' => 'offset',
        'limit_param' => 'limit',
        'page_param' => 'page',
    ];

    /**
     * @param list<string> $items
     * @param array<string, string|list<string>> $settings
     */
    private function __construct(
        private readonly string $style,
        private readonly array $items,
        private readonly array $settings,
    ) {
    }

    /**
     * A pager of a style.
     *
     * @param string $style cursor, offset, page or link
     * @param list<string> $items the items' path in the body ([] = the body is the list)
     * @return self the pager
     */
    public static function of(string $style, array $items): self
    {
        return new self($style, $items, []);
    }

    /**
     * This pager with a setting.
     *
     * @param string $key the setting
     * @param string|list<string> $value a parameter name, or a path in the body
     * @return self the copy
     */
    public function with(string $key, string|array $value): self
    {
        return new self($this->style, $this->items, [$key => $value] + $this->settings);
    }

    /**
     * The items of a page's body.
     *
     * @internal
     * @param mixed $body the decoded body
     * @return array<mixed> the raw items ([] when not a list)
     */
    public function rawItems(mixed $body): array
    {
        $found = JsonPath::get($body, $this->items);
        return is_array($found) && array_is_list($found) ? $found : [];
    }

    /**
     * The items' path.
     *
     * @internal
     * @return list<string> the path
     */
    public function itemsPath(): array
    {
        return $this->items;
    }

    /**
     * The request of the next page, or null on the last page.
     *
     * @internal
     * @param ApiRequest $r this page's request
     * @param mixed $body this page's decoded body
     * @param array<mixed> $pageItems this page's raw items
     * @param array<string, list<string>> $headers this page's headers
     * @param QueryParams $extra the call's extra query parameters
     * @return ApiRequest|null the next request
     */
    public function next(ApiRequest $r, mixed $body, array $pageItems, array $headers, QueryParams $extra): ?ApiRequest
    {
        if ($this->style === 'link') {
            return $this->nextLink($r, $headers, $extra);
        }
        if ($pageItems === []) {
            return null;
        }
        return match ($this->style) {
            'cursor' => $this->nextCursor($r, $body, $pageItems),
            'offset' => $this->nextOffset($r, $body, $pageItems),
            default => $this->nextPage($r, $body),
        };
    }

    /**
     * @param array<mixed> $pageItems
     */
    private function nextCursor(ApiRequest $r, mixed $body, array $pageItems): ?ApiRequest
    {
        $hasMore = $this->path('has_more');
        if ($hasMore !== null && JsonPath::get($body, $hasMore) !== true) {
            return null;
        }
        $cursor = null;
        if ($this->path('next_cursor') !== null) {
            $cursor = JsonPath::get($body, $this->path('next_cursor'));
        } elseif ($this->path('cursor_item_field') !== null) {
            $cursor = JsonPath::get($pageItems[count($pageItems) - 1], $this->path('cursor_item_field'));
        }
        $text = self::cursorText($cursor);
        $param = $this->param('cursor_param');
        if ($text === '' || $text === $r->queryParams->get($param)) {
            return null;
        }
        return $r->withQueryValue($param, $text);
    }

    /**
     * @param array<mixed> $pageItems
     */
    private function nextOffset(ApiRequest $r, mixed $body, array $pageItems): ?ApiRequest
    {
        $param = $this->param('offset_param');
        $offset = (self::toInt($r->queryParams->get($param)) ?? 0) + count($pageItems);
        $total = $this->path('total');
        if ($total !== null) {
            $count = self::toInt(JsonPath::get($body, $total));
            if ($count !== null && $offset >= $count) {
                return null;
            }
        }
        return $r->withQueryValue($param, (string) $offset);
    }

    private function nextPage(ApiRequest $r, mixed $body): ?ApiRequest
    {
        $param = $this->param('page_param');
        $page = self::toInt($r->queryParams->get($param)) ?? 1;
        $hasNext = $this->path('has_next');
        if ($hasNext !== null && JsonPath::get($body, $hasNext) === false) {
            return null;
        }
        $totalPages = $this->path('total_pages');
        if ($totalPages !== null) {
            $count = self::toInt(JsonPath::get($body, $totalPages));
            if ($count !== null && $page >= $count) {
                return null;
            }
        }
        return $r->withQueryValue($param, (string) ($page + 1));
    }

    /**
     * @param array<string, list<string>> $headers
     */
    private function nextLink(ApiRequest $r, array $headers, QueryParams $extra): ?ApiRequest
    {
        $link = Headers::first($headers, 'link');
        $target = $link === null ? null : (LinkHeader::parse($link)['next'] ?? null);
        if ($target === null) {
            return null;
        }
        $next = clone $r;
        $next->url = $target;
        $next->queryParams = QueryParams::none();
        $perPage = $this->param('per_page_param');
        $size = $perPage === '' ? null : $r->queryParams->with($extra)->get($perPage);
        $at = strpos($target, '?');
        $linkQuery = QueryParams::parse($at === false ? '' : explode('#', substr($target, $at + 1), 2)[0]);
        if ($size !== null && $linkQuery->get($perPage) === null) {
            $next->queryParams = $next->queryParams->setValue($perPage, $size);
        }
        return $next;
    }

    private function param(string $key): string
    {
        $value = $this->settings[$key] ?? null;
        if (is_string($value)) {
            return $value;
        }
        if (is_array($value)) {
            return implode('.', $value);
        }
        return self::DEFAULT_PARAMS[$key] ?? '';
    }

    /**
     * @return list<string>|null
     */
    private function path(string $key): ?array
    {
        $value = $this->settings[$key] ?? null;
        if (is_string($value)) {
            return [$value];
        }
        return is_array($value) ? array_values(array_map('strval', $value)) : null;
    }

    private static function cursorText(mixed $value): string
    {
        if (is_string($value)) {
            return $value;
        }
        if (is_int($value) || is_float($value)) {
            return Wire::numberText($value);
        }
        if (is_bool($value)) {
            return $value ? 'True' : 'False';
        }
        return '';
    }

    private static function toInt(mixed $value): ?int
    {
        if (is_int($value)) {
            return $value;
        }
        if (is_string($value) && preg_match('/^\s*[+-]?\d{1,18}\s*$/', $value) === 1) {
            return (int) trim($value);
        }
        return null;
    }
}
