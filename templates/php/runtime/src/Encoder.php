<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Turns typed values into their JSON form: models by their #[Field] attributes (absent fields left out, an
 * explicit null kept where the field sends it), enums by value, dates as 'Y-m-d' or RFC 3339.
 *
 * @internal
 */
final class Encoder
{
    /**
     * A value's JSON form.
     *
     * @param mixed $value the value
     * @return mixed arrays, scalars, null (an empty model is a stdClass)
     */
    public static function encode(mixed $value): mixed
    {
        if ($value instanceof Model) {
            $data = self::modelArray($value);
            return $data === [] ? new \stdClass() : $data;
        }
        if ($value instanceof \BackedEnum) {
            return $value->value;
        }
        if ($value instanceof Omit) {
            return null;
        }
        if ($value instanceof \UnitEnum) {
            return $value->name;
        }
        if ($value instanceof \DateTimeInterface) {
            return self::dateTime($value);
        }
        if ($value instanceof \JsonSerializable) {
            return self::encode($value->jsonSerialize());
        }
        if ($value instanceof \stdClass) {
            $data = self::encode((array) $value);
            return $data === [] ? new \stdClass() : $data;
        }
        if (is_array($value)) {
            return array_map([self::class, 'encode'], $value);
        }
        return $value;
    }

    /**
     * A value's JSON form by its declared type ('date', or a union with a 'date' variant and no 'date-time' one,
     * is written 'Y-m-d').
     *
     * @param mixed $value the value
     * @param Type|string $type its type
     * @return mixed its JSON form
     */
    public static function encodeAs(mixed $value, Type|string $type): mixed
    {
        if ($value instanceof \DateTimeInterface && ($type === 'date' || self::dateUnion($type))) {
            return $value->format('Y-m-d');
        }
        if (($type instanceof ListOf || $type instanceof MapOf) && is_array($value)) {
            $out = [];
            foreach ($value as $key => $item) {
                $out[$key] = self::encodeAs($item, $type->items);
            }
            return $out;
        }
        return self::encode($value);
    }

    /**
     * A model's JSON object: fields by wire name in declaration order, absent ones left out, then the additional
     * properties not already written.
     *
     * @param Model $model the model
     * @return array<string, mixed> the object
     */
    public static function modelArray(Model $model): array
    {
        $out = [];
        $extra = [];
        foreach (ModelFields::of(get_class($model)) as $field) {
            $value = $model->{$field->name};
            if ($field->attribute === null) {
                $extra = is_array($value) ? $value : [];
                continue;
            }
            if ($value instanceof Omit || ($value === null && $field->optional && $field->default === null)) {
                continue;
            }
            $out[$field->attribute->wire] = self::encodeAs($value, $field->attribute->type);
        }
        foreach ($extra as $wire => $value) {
            if (!array_key_exists($wire, $out)) {
                $out[$wire] = self::encode($value);
            }
        }
        return $out;
    }

    private static function dateUnion(Type|string $type): bool
    {
        if ($type instanceof Type || !interface_exists($type) || !defined($type . '::VARIANTS')) {
            return false;
        }
        $variants = (array) constant($type . '::VARIANTS');
        return in_array('date', $variants, true) && !in_array('date-time', $variants, true);
    }

    /**
     * A date-time in RFC 3339 (`Z` for UTC, microseconds when there are any).
     *
     * @param \DateTimeInterface $value the instant
     * @return string the text
     */
    public static function dateTime(\DateTimeInterface $value): string
    {
        $text = $value->format('Y-m-d\TH:i:s');
        if ($value->format('u') !== '000000') {
            $text .= '.' . $value->format('u');
        }
        return $text . ($value->getOffset() === 0 ? 'Z' : $value->format('P'));
    }
}
