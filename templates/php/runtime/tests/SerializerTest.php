<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use PHPUnit\Framework\TestCase;
use Zsdk\Runtime\ApiResponseValidationException;
use Zsdk\Runtime\Call;
use Zsdk\Runtime\ListOf;
use Zsdk\Runtime\MapOf;
use Zsdk\Runtime\Omit;

/**
 * Models, enums, unions and dates: decoding by the #[Field] attributes and encoding back.
 */
final class SerializerTest extends TestCase
{
    private const WIDGET = [
        'id' => 'w1',
        'count' => 9007199254740993,
        'owner' => null,
        'status' => 'active',
        'launch_date' => '2024-02-29',
        'created_at' => '2024-03-01T12:34:56.5+02:00',
        'tags' => ['a'],
        'scores' => ['x' => 1, 'y' => 2.5],
        'shape' => ['kind' => 'circle', 'radius' => 2],
        'colour' => 'teal',
    ];

    public function testDecodesEveryKindOfField(): void
    {
        $w = Widget::fromArray(self::WIDGET);
        self::assertSame('w1', $w->id);
        self::assertSame(9007199254740993, $w->count);
        self::assertNull($w->owner);
        self::assertSame(WidgetStatus::Active, $w->status);
        self::assertSame('2024-02-29', $w->launchDate?->format('Y-m-d'));
        self::assertSame('2024-03-01T12:34:56.500000+02:00', $w->createdAt?->format('Y-m-d\TH:i:s.uP'));
        self::assertSame(['a'], $w->tags);
        self::assertSame(['x' => 1.0, 'y' => 2.5], $w->scores);
        self::assertInstanceOf(Circle::class, $w->shape);
        self::assertSame(2.0, $w->shape->radius);
        self::assertSame(Omit::Omit, $w->description);
        self::assertSame(['colour' => 'teal'], $w->additionalProperties);
    }

    public function testRoundTripKeepsUnknownFieldsAndOrder(): void
    {
        $w = Widget::fromArray(self::WIDGET);
        $expected = self::WIDGET;
        $expected['created_at'] = '2024-03-01T12:34:56.500000+02:00';
        $expected['scores'] = ['x' => 1.0, 'y' => 2.5];
        $expected['shape'] = ['kind' => 'circle', 'radius' => 2.0];
        self::assertSame($expected, $w->toArray());
        self::assertSame(
            '{"id":"w1","count":9007199254740993,"owner":null,"status":"active","launch_date":"2024-02-29",'
            . '"created_at":"2024-03-01T12:34:56.500000+02:00","tags":["a"],"scores":{"x":1,"y":2.5},'
            . '"shape":{"kind":"circle","radius":2},"colour":"teal"}',
            json_encode($w, JSON_UNESCAPED_SLASHES)
        );
    }

    public function testUnknownEnumValueIsKeptRaw(): void
    {
        $w = Widget::fromArray(['id' => 'w', 'count' => 1, 'owner' => 'o', 'status' => 'recalled']);
        self::assertSame('recalled', $w->status);
        self::assertSame('recalled', $w->toArray()['status']);
        self::assertSame(Priority::High, Call::decode('2', [], Priority::class));
        self::assertSame(7, Call::decode('7', [], Priority::class));
    }

    public function testOmitVersusNull(): void
    {
        $absent = new Widget('w', 1, null);
        self::assertSame(['id' => 'w', 'count' => 1, 'owner' => null], $absent->toArray());
        $explicit = $absent->with(description: null, status: WidgetStatus::Retired);
        self::assertSame(
            ['id' => 'w', 'count' => 1, 'owner' => null, 'status' => 'retired', 'description' => null],
            $explicit->toArray()
        );
        $decoded = Widget::fromArray(['id' => 'w', 'count' => 1, 'owner' => null, 'description' => null]);
        self::assertNull($decoded->description);
    }

    public function testWithRefusesUnknownFields(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        (new Widget('w', 1, null))->with(nope: 1);
    }

    public function testMissingRequiredFieldNamesItsPointer(): void
    {
        try {
            Call::decode('{"items":[{"id":"a","count":1,"owner":null},{"count":2,"owner":null}]}', [], new MapOf(
                new ListOf(Widget::class)
            ));
            self::fail('no error');
        } catch (ApiResponseValidationException $e) {
            self::assertStringContainsString('/items/1/id: required field is missing', $e->getMessage());
            self::assertStringStartsWith('{"items"', $e->body());
        }
    }

    public function testWrongTypeNamesItsPointer(): void
    {
        $this->expectException(ApiResponseValidationException::class);
        $this->expectExceptionMessage('/count: expected an integer, got string');
        Widget::fromArray(['id' => 'w', 'count' => 'many', 'owner' => null]);
    }

    public function testRequiredNonNullableRefusesNull(): void
    {
        $this->expectException(ApiResponseValidationException::class);
        $this->expectExceptionMessage('/id: expected string, got null');
        Widget::fromArray(['id' => null, 'count' => 1, 'owner' => null]);
    }

    public function testScalars(): void
    {
        self::assertSame(2.0, Call::decode('2', [], 'float'));
        self::assertSame(3, Call::decode('3.0', [], 'int'));
        self::assertSame(['a' => [1, 'x']], Call::decode('{"a":[1,"x"]}', [], 'mixed'));
        self::assertNull(Call::decode('', [], 'string'));
        $this->expectException(ApiResponseValidationException::class);
        Call::decode('3.5', [], 'int');
    }

    public function testDates(): void
    {
        $utc = Call::decode('"2024-03-01T12:34:56Z"', [], 'date-time');
        self::assertInstanceOf(\DateTimeImmutable::class, $utc);
        self::assertSame('2024-03-01T12:34:56+00:00', $utc->format(DATE_ATOM));
        $this->expectException(ApiResponseValidationException::class);
        Call::decode('"2024-02-30"', [], 'date');
    }

    public function testDatesInListsAndUnions(): void
    {
        $schedule = Schedule::fromArray(['days' => ['2024-01-02'], 'when' => '2024-05-06']);
        self::assertInstanceOf(\DateTimeImmutable::class, $schedule->when);
        self::assertSame(['days' => ['2024-01-02'], 'when' => '2024-05-06'], $schedule->toArray());
        self::assertSame(7, Schedule::fromArray(['days' => [], 'when' => 7])->when);
    }

    public function testDiscriminatedUnion(): void
    {
        self::assertInstanceOf(Square::class, Call::decode('{"kind":"square","side":3}', [], Shape::class));
        $unknown = Call::decode('{"kind":"hexagon","sides":6}', [], Shape::class);
        self::assertInstanceOf(ShapeUnknown::class, $unknown);
        self::assertSame(['kind' => 'hexagon', 'sides' => 6], $unknown->raw);
        $w = new Widget('w', 1, null, shape: $unknown);
        self::assertSame(['kind' => 'hexagon', 'sides' => 6], $w->toArray()['shape']);
    }

    public function testUntaggedUnionTriesVariantsInOrder(): void
    {
        self::assertInstanceOf(Square::class, Call::decode('{"kind":"s","side":1}', [], Amount::class));
        self::assertSame(5, Call::decode('5', [], Amount::class));
        self::assertSame('five', Call::decode('"five"', [], Amount::class));
        self::assertInstanceOf(AmountUnknown::class, Call::decode('true', [], Amount::class));
    }

    public function testEnvelopeIsUnwrapped(): void
    {
        $value = Call::decode('{"data":{"id":"w","count":1,"owner":"me"},"meta":{}}', ['data'], Widget::class);
        self::assertInstanceOf(Widget::class, $value);
        self::assertSame('me', $value->owner);
    }

    public function testInvalidJson(): void
    {
        $this->expectException(ApiResponseValidationException::class);
        $this->expectExceptionMessage('Response body is not valid JSON');
        Call::decode('{', [], Widget::class);
    }
}
