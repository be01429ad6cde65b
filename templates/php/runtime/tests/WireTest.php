<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiRequest;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\Encoding;
use Zsdk\Runtime\HttpRequest;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\RequestOptions;

/**
 * The wire encoders, row by row of docs/serialization.md.
 */
final class WireTest extends TestCase
{
    private const COLORS = ['blue', 'black', 'brown'];
    private const RGB = ['R' => 100, 'G' => 200, 'B' => 150];

    private function send(ApiRequest $r, ?RequestOptions $options = null): HttpRequest
    {
        $transport = new FakeTransport([new HttpResponse(204)]);
        Fixtures::core($transport, new FakeTiming())->execute(Call::empty($r), $options);
        return $transport->requests[0];
    }

    private function path(string $style, bool $explode, mixed $value): string
    {
        $enc = Encoding::of($style);
        $r = (new ApiRequest('GET', '/items/{color}'))->pathParam('color', $value, $explode ? $enc->explode() : $enc);
        return substr($this->send($r)->url, strlen('https://api.test/v1/items/'));
    }

    private function query(mixed $value, ?Encoding $enc): string
    {
        $url = $this->send((new ApiRequest('GET', '/q'))->query('color', $value, $enc))->url;
        $at = strpos($url, '?');
        return $at === false ? '' : substr($url, $at + 1);
    }

    public function testPathStyles(): void
    {
        $rows = [
            ['simple', false, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
            ['simple', true, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
            ['label', false, '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
            ['label', true, '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
            ['matrix', false, ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
            ['matrix', true, ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
        ];
        foreach ($rows as [$style, $explode, $scalar, $array, $object]) {
            self::assertSame($scalar, $this->path($style, $explode, 'blue'), "$style scalar");
            self::assertSame($array, $this->path($style, $explode, self::COLORS), "$style array");
            self::assertSame($object, $this->path($style, $explode, self::RGB), "$style object");
        }
    }

    public function testPathEscapesTheValuesDelimiters(): void
    {
        self::assertSame('a%2Fb%2Cc%3Bd%20%C3%A9', $this->path('simple', false, 'a/b,c;d é'));
    }

    public function testEmptyPathParameterIsRefused(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('path parameter id must not be empty');
        (new ApiRequest('GET', '/items/{id}'))->pathParam('id', '');
    }

    public function testMissingPathParameterIsRefused(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('path parameter id is missing');
        (new ApiRequest('GET', '/items/{id}'))->pathParam('id', null);
    }

    public function testQueryStyles(): void
    {
        $form = Encoding::of('form');
        self::assertSame('color=blue&color=black&color=brown', $this->query(self::COLORS, null));
        self::assertSame('R=100&G=200&B=150', $this->query(self::RGB, null));
        self::assertSame('color=blue,black,brown', $this->query(self::COLORS, $form));
        self::assertSame('color=R,100,G,200,B,150', $this->query(self::RGB, $form));
        self::assertSame('color=blue%20black%20brown', $this->query(self::COLORS, Encoding::of('spaceDelimited')));
        self::assertSame('color=R%7C100%7CG%7C200%7CB%7C150', $this->query(self::RGB, Encoding::of('pipeDelimited')));
        self::assertSame(
            'color=blue&color=black&color=brown',
            $this->query(self::COLORS, Encoding::of('pipeDelimited')->explode())
        );
        self::assertSame('color=blue', $this->query('blue', Encoding::of('deepObject')));
        self::assertSame(
            'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150',
            $this->query(self::RGB, Encoding::of('deepObject'))
        );
        self::assertSame('color%5Ba%5D%5Bb%5D=1', $this->query(['a' => ['b' => 1]], Encoding::of('deepObject')));
    }

    public function testDeepObjectArrayConventions(): void
    {
        $deep = Encoding::of('deepObject');
        $items = [['price' => 'p1', 'quantity' => 2]];
        self::assertSame('color%5B0%5D=a&color%5B1%5D=b', $this->query(['a', 'b'], $deep));
        self::assertSame(
            'color%5B0%5D%5Bprice%5D=p1&color%5B0%5D%5Bquantity%5D=2',
            $this->query($items, $deep)
        );
        self::assertSame('color%5B%5D=a&color%5B%5D=b', $this->query(['a', 'b'], $deep->nesting('brackets')));
        self::assertSame('color=a&color=b', $this->query(['a', 'b'], $deep->nesting('repeat')));
        self::assertSame(
            'color%5Bprice%5D=p1&color%5Bquantity%5D=2',
            $this->query($items, $deep->nesting('repeat'))
        );
    }

    public function testQueryScalarsAndEscaping(): void
    {
        self::assertSame('color=true', $this->query(true, null));
        self::assertSame('color=1.5', $this->query(1.5, null));
        self::assertSame('color=2', $this->query(2.0, null));
        self::assertSame('color=', $this->query('', null));
        self::assertSame('', $this->query([], null));
        self::assertSame('color=active', $this->query(WidgetStatus::Active, null));
        self::assertSame('color=a%20b%2Bc%26d%3D%2F', $this->query('a b+c&d=/', null));
        self::assertSame('color=a%20b+c&d=/', $this->query('a b+c&d=/', Encoding::of('form')->allowReserved()));
        self::assertSame('color=%5B1%2C2%5D', $this->query([[1, 2]], null));
        self::assertSame('color=%7B%22a%22%3A1%7D', $this->query(['a' => 1], Encoding::of('form')
            ->contentType('application/json')));
    }

    public function testQueryOrderExtraAndWrittenQuery(): void
    {
        $r = (new ApiRequest('GET', '/responses/{id}?beta=true'))
            ->pathParam('id', 'r1')
            ->query('a', '1')
            ->query('b', null)
            ->query('c', '3');
        $sent = $this->send($r, new RequestOptions(query: ['b' => 'y', 'a' => 'x', 'z' => 'last']));
        self::assertSame('https://api.test/v1/responses/r1?beta=true&a=x&b=y&c=3&z=last', $sent->url);
    }

    public function testHeaders(): void
    {
        $r = (new ApiRequest('GET', '/h'))
            ->header('X-Scalar', 'blue')
            ->header('X-Array', self::COLORS)
            ->header('X-Object', self::RGB)
            ->header('X-Exploded', self::RGB, Encoding::of('simple')->explode())
            ->header('X-Empty', '')
            ->header('X-Absent', null)
            ->header('X-Plain', 'a b/c');
        $sent = $this->send($r);
        self::assertSame('blue', $sent->header('X-Scalar'));
        self::assertSame('blue,black,brown', $sent->header('X-Array'));
        self::assertSame('R,100,G,200,B,150', $sent->header('X-Object'));
        self::assertSame('R=100,G=200,B=150', $sent->header('X-Exploded'));
        self::assertSame('', $sent->header('X-Empty'));
        self::assertNull($sent->header('X-Absent'));
        self::assertSame('a b/c', $sent->header('X-Plain'));
        self::assertSame('application/json', $sent->header('Accept'));
        self::assertSame('test/1.0 php', $sent->header('User-Agent'));
    }

    public function testCookies(): void
    {
        $r = (new ApiRequest('GET', '/c'))
            ->cookie('color', self::COLORS)
            ->cookie('rgb', self::RGB)
            ->cookie('flat', self::COLORS, Encoding::of('form'))
            ->cookie('none', null);
        self::assertSame(
            'color=blue; color=black; color=brown; R=100; G=200; B=150; flat=blue,black,brown',
            $this->send($r)->header('Cookie')
        );
    }

    public function testFormBody(): void
    {
        $r = (new ApiRequest('POST', '/f'))
            ->formBody([
                'name' => 'a b',
                'tags' => ['x', 'y'],
                'meta' => ['k' => 'v'],
                'items' => [['price' => 'p1']],
                'skip' => null,
                'flat' => ['x', 'y'],
            ])
            ->fieldEncoding('flat', Encoding::of('form'));
        $sent = $this->send($r);
        self::assertSame('application/x-www-form-urlencoded', $sent->header('Content-Type'));
        self::assertSame(
            'name=a%20b&tags=x&tags=y&meta%5Bk%5D=v&items%5B0%5D%5Bprice%5D=p1&flat=x,y',
            $sent->body
        );
    }

    public function testFormBodyOfTheConformanceScenario(): void
    {
        $body = [
            'p' => 'a b',
            'a' => ['x', 'y'],
            'o' => ['R' => 1, 'G' => 2, 'B' => 3],
            'items' => [['price' => 'p1', 'quantity' => 2], ['price' => 'p2']],
            'expand' => ['customer', 'invoice'],
            'tags' => ['t1', 't2'],
            'note' => 'a/b?c',
            'meta' => ['range' => ['gt' => 1], 'ids' => ['i1', 'i2']],
        ];
        $r = (new ApiRequest('POST', '/wire/form'))
            ->formBody($body)
            ->fieldEncoding('expand', Encoding::of('deepObject'))
            ->fieldEncoding('tags', Encoding::of('pipeDelimited'))
            ->fieldEncoding('note', Encoding::of('form')->explode()->allowReserved())
            ->fieldEncoding('meta', Encoding::of('deepObject')->nesting('brackets'));
        self::assertSame(
            'p=a%20b&a=x&a=y&o%5BR%5D=1&o%5BG%5D=2&o%5BB%5D=3&items%5B0%5D%5Bprice%5D=p1'
            . '&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p2&expand%5B0%5D=customer&expand%5B1%5D=invoice'
            . '&tags=t1%7Ct2&note=a/b?c&meta%5Brange%5D%5Bgt%5D=1&meta%5Bids%5D%5B%5D=i1&meta%5Bids%5D%5B%5D=i2',
            $this->send($r)->body
        );
    }

    public function testEmptyFormSendsNoBody(): void
    {
        $sent = $this->send((new ApiRequest('POST', '/f'))->formBody(['a' => null]));
        self::assertNull($sent->body);
        self::assertNull($sent->header('Content-Type'));
    }

    public function testFormBodyMustBeAnObject(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->send((new ApiRequest('POST', '/f'))->formBody(['a', 'b']));
    }

    public function testJsonBody(): void
    {
        $widget = new Widget('w1', 9007199254740993, null, tags: [], description: null);
        $sent = $this->send((new ApiRequest('POST', '/w'))->jsonBody($widget));
        self::assertSame('application/json', $sent->header('Content-Type'));
        self::assertSame('{"id":"w1","count":9007199254740993,"owner":null,"tags":[],"description":null}', $sent->body);
    }
}
