<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\Page;
use Zsdk\Runtime\Pager;
use Zsdk\Runtime\RequestOptions;

/**
 * The four pagination styles: cursor, offset, page and link.
 */
final class PaginationTest extends TestCase
{
    /**
     * @param list<HttpResponse> $answers
     * @return array{0: list<mixed>, 1: FakeTransport}
     */
    private function walk(ApiRequest $r, Pager $pager, array $answers, ?RequestOptions $options = null): array
    {
        $transport = new FakeTransport($answers);
        $page = Fixtures::core($transport, new FakeTiming())->execute(Call::page($r, 'string', $pager), $options);
        self::assertInstanceOf(Page::class, $page);
        return [iterator_to_array($page->autoPager(), false), $transport];
    }

    public function testCursorFromTheBody(): void
    {
        $pager = Pager::of('cursor', ['data'])->with('cursor_param', 'after')->with('next_cursor', ['meta', 'next']);
        [$items, $t] = $this->walk((new ApiRequest('GET', '/l'))->query('limit', 2), $pager, [
            FakeTransport::json(200, ['data' => ['a', 'b'], 'meta' => ['next' => 'c2']]),
            FakeTransport::json(200, ['data' => ['c'], 'meta' => ['next' => null]]),
        ]);
        self::assertSame(['a', 'b', 'c'], $items);
        self::assertSame(['/v1/l?limit=2', '/v1/l?limit=2&after=c2'], [$t->target(0), $t->target(1)]);
    }

    public function testCursorFromTheLastItemWithHasMore(): void
    {
        $pager = Pager::of('cursor', ['items'])->with('cursor_param', 'starting_after')
            ->with('cursor_item_field', ['id'])->with('has_more', ['has_more']);
        $transport = new FakeTransport([
            FakeTransport::json(200, ['items' => [['id' => 'x1'], ['id' => 'x2']], 'has_more' => true]),
            FakeTransport::json(200, ['items' => [['id' => 'x3']], 'has_more' => false]),
        ]);
        $core = Fixtures::core($transport, new FakeTiming());
        $page = $core->execute(Call::page(new ApiRequest('GET', '/l'), 'mixed', $pager));
        self::assertTrue($page->hasNextPage());
        self::assertSame([['id' => 'x1'], ['id' => 'x2']], iterator_to_array($page));
        $next = $page->nextPage();
        self::assertSame('/v1/l?starting_after=x2', $transport->target(1));
        self::assertFalse($next?->hasNextPage());
        self::assertNull($next?->nextPage());
        self::assertSame(['items' => [['id' => 'x3']], 'has_more' => false], $next?->body());
    }

    public function testCursorStopsWhenTheCursorRepeats(): void
    {
        $pager = Pager::of('cursor', ['data'])->with('next_cursor', ['next']);
        [$items] = $this->walk(new ApiRequest('GET', '/l'), $pager, [
            FakeTransport::json(200, ['data' => ['a'], 'next' => 'n1']),
            FakeTransport::json(200, ['data' => ['b'], 'next' => 'n1']),
        ]);
        self::assertSame(['a', 'b'], $items);
    }

    public function testOffset(): void
    {
        $pager = Pager::of('offset', ['data'])->with('total', ['total']);
        [$items, $t] = $this->walk((new ApiRequest('GET', '/l'))->query('limit', 2), $pager, [
            FakeTransport::json(200, ['data' => ['a', 'b'], 'total' => 3]),
            FakeTransport::json(200, ['data' => ['c'], 'total' => 3]),
        ]);
        self::assertSame(['a', 'b', 'c'], $items);
        self::assertSame('/v1/l?limit=2&offset=2', $t->target(1));
    }

    public function testPageStopsOnAnEmptyPage(): void
    {
        $pager = Pager::of('page', [])->with('page_param', 'p');
        [$items, $t] = $this->walk(new ApiRequest('GET', '/l'), $pager, [
            FakeTransport::json(200, ['a']),
            FakeTransport::json(200, ['b']),
            FakeTransport::json(200, []),
        ]);
        self::assertSame(['a', 'b'], $items);
        self::assertSame(['/v1/l?p=2', '/v1/l?p=3'], [$t->target(1), $t->target(2)]);
    }

    public function testPageWithTotalPagesAndHasNext(): void
    {
        $pager = Pager::of('page', ['data'])->with('total_pages', ['pages']);
        [$items] = $this->walk(new ApiRequest('GET', '/l'), $pager, [
            FakeTransport::json(200, ['data' => ['a'], 'pages' => 2]),
            FakeTransport::json(200, ['data' => ['b'], 'pages' => 2]),
        ]);
        self::assertSame(['a', 'b'], $items);
        $pager = Pager::of('page', ['data'])->with('has_next', ['more']);
        [$items] = $this->walk(new ApiRequest('GET', '/l'), $pager, [
            FakeTransport::json(200, ['data' => ['a'], 'more' => false]),
        ]);
        self::assertSame(['a'], $items);
    }

    public function testLinkKeepsThePageSize(): void
    {
        $pager = Pager::of('link', [])->with('per_page_param', 'per_page');
        $next = '<https://api.test/v1/l?page=2>; rel="next", <https://api.test/v1/l?page=9>; rel="last"';
        [$items, $t] = $this->walk((new ApiRequest('GET', '/l'))->query('per_page', 1), $pager, [
            new HttpResponse(200, ['Link' => $next], '["a"]'),
            new HttpResponse(200, ['Link' => '<https://api.test/v1/l?page=3&per_page=5>; rel="next"'], '["b"]'),
            new HttpResponse(200, [], '["c"]'),
        ], new RequestOptions(query: ['extra' => 'x']));
        self::assertSame(['a', 'b', 'c'], $items);
        self::assertSame(
            ['/v1/l?per_page=1&extra=x', '/v1/l?page=2&per_page=1', '/v1/l?page=3&per_page=5'],
            [$t->target(0), $t->target(1), $t->target(2)]
        );
    }

    public function testItemsAreDecoded(): void
    {
        $transport = new FakeTransport([FakeTransport::json(200, ['data' => [['id' => 'w', 'count' => 'x']]])]);
        $core = Fixtures::core($transport, new FakeTiming());
        $this->expectExceptionMessage('/data/0/count: expected an integer');
        $core->execute(Call::page(new ApiRequest('GET', '/l'), Widget::class, Pager::of('cursor', ['data'])));
    }
}
