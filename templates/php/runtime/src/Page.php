<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One page of a paginated operation; iterating it gives this page's items, autoPager() every item of every
 * page.
 *
 * @template T
 * @implements \IteratorAggregate<int, T>
 */
final class Page implements \IteratorAggregate
{
    /**
     * @param list<T> $items
     */
    private function __construct(
        private readonly array $items,
        private readonly mixed $body,
        private readonly ClientCore $core,
        private readonly RequestOptions $options,
        private readonly Call $call,
        private readonly ?ApiRequest $next,
    ) {
    }

    /**
     * Reads a page from an answer.
     *
     * @internal
     * @param Exchange $ex the answer
     * @param Type|string $itemType the items' type
     * @param Pager $pager the pagination style
     * @return self the page
     * @throws ApiResponseValidationException when the body is not JSON or an item is not of the type
     */
    public static function read(Exchange $ex, Type|string $itemType, Pager $pager): self
    {
        [$ok, $body] = Json::tryDecode($ex->body);
        if (!$ok) {
            throw new ApiResponseValidationException('Response body is not valid JSON', $ex->body);
        }
        $raw = $pager->rawItems($body);
        $decoder = new Decoder();
        $prefix = implode('', array_map(fn (string $s): string => '/' . $s, $pager->itemsPath()));
        $items = [];
        try {
            foreach ($raw as $i => $item) {
                $items[] = $decoder->decode($item, $itemType, $prefix . '/' . $i);
            }
        } catch (ApiResponseValidationException $e) {
            throw new ApiResponseValidationException(
                'Response body does not match the expected schema: ' . $e->getMessage(),
                $ex->body,
                $e
            );
        }
        $next = $pager->next($ex->request, $body, $raw, $ex->headers, QueryParams::extra($ex->options->query));
        $call = Call::page($ex->request, $itemType, $pager);
        return new self($items, $body, $ex->core, $ex->options, $call, $next);
    }

    /**
     * This page's items.
     *
     * @return list<T> the items
     */
    public function items(): array
    {
        return $this->items;
    }

    /**
     * This page's decoded body, as received.
     *
     * @return mixed the body
     */
    public function body(): mixed
    {
        return $this->body;
    }

    /**
     * Whether there is a next page.
     *
     * @return bool true when there is one
     */
    public function hasNextPage(): bool
    {
        return $this->next !== null;
    }

    /**
     * Fetches the next page.
     *
     * @return self|null the next page, null on the last
     * @throws ApiException when the call failed
     */
    public function nextPage(): ?self
    {
        if ($this->next === null) {
            return null;
        }
        $page = $this->core->execute($this->call->withRequest($this->next), $this->options);
        assert($page instanceof self);
        return $page;
    }

    /**
     * Every item of every page, from this one, fetching pages as they are reached.
     *
     * @return \Generator<int, T> the items
     * @throws ApiException when a call failed
     */
    public function autoPager(): \Generator
    {
        $page = $this;
        while ($page !== null) {
            foreach ($page->items as $item) {
                yield $item;
            }
            $page = $page->nextPage();
        }
    }

    /**
     * This page's items.
     *
     * @return \ArrayIterator<int, T> the items
     */
    public function getIterator(): \ArrayIterator
    {
        return new \ArrayIterator($this->items);
    }
}
