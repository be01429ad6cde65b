<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Decodes JSON (as json_decode gives it, objects as arrays) into the declared type: scalars, dates, lists, maps,
 * models by their #[Field] attributes (unknown fields kept), open enums (an unknown value kept raw) and unions
 * (by the interface's DISCRIMINATOR, MAPPING and VARIANTS constants). A mismatch throws an
 * ApiResponseValidationException naming its JSON pointer.
 *
 * @internal
 */
final class Decoder
{
    private const RFC3339 = '/^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/';

    /**
     * Decodes a value.
     *
     * @param mixed $data the decoded JSON
     * @param Type|string $type the declared type
     * @param string $pointer the value's JSON pointer ('' = the document)
     * @return mixed the typed value
     * @throws ApiResponseValidationException when the value is not of the type
     */
    public function decode(mixed $data, Type|string $type, string $pointer = ''): mixed
    {
        if ($type instanceof ListOf) {
            if (!is_array($data) || !array_is_list($data)) {
                throw $this->mismatch($pointer, 'an array', $data);
            }
            $out = [];
            foreach ($data as $i => $item) {
                $out[] = $this->decode($item, $type->items, $pointer . '/' . $i);
            }
            return $out;
        }
        if ($type instanceof MapOf) {
            if (!Json::isObject($data)) {
                throw $this->mismatch($pointer, 'an object', $data);
            }
            $out = [];
            foreach ((array) $data as $key => $item) {
                $out[$key] = $this->decode($item, $type->items, $pointer . '/' . self::escape((string) $key));
            }
            return $out;
        }
        if (!$type instanceof Type) {
            return $this->decodeNamed($data, $type, $pointer);
        }
        throw new \InvalidArgumentException('unknown type ' . get_class($type));
    }

    /**
     * Decodes a model from a JSON object.
     *
     * @param class-string $class the model's class
     * @param mixed $data the decoded JSON object
     * @param string $pointer its JSON pointer
     * @return Model the model
     * @throws ApiResponseValidationException when a field is missing or of the wrong type
     */
    public function decodeModel(string $class, mixed $data, string $pointer): Model
    {
        if (!Json::isObject($data)) {
            throw $this->mismatch($pointer, 'an object', $data);
        }
        $data = (array) $data;
        $args = [];
        $known = [];
        $hasExtra = false;
        foreach (ModelFields::of($class) as $field) {
            if ($field->attribute === null) {
                $hasExtra = $hasExtra || $field->name === 'additionalProperties';
                continue;
            }
            $wire = $field->attribute->wire;
            $known[$wire] = true;
            $at = $pointer . '/' . self::escape($wire);
            if (!array_key_exists($wire, $data)) {
                if (!$field->optional) {
                    throw new ApiResponseValidationException($at . ': required field is missing');
                }
                $args[$field->name] = $field->default;
            } elseif ($data[$wire] === null) {
                if (!$field->nullable) {
                    throw $this->mismatch($at, self::describe($field->attribute->type), null);
                }
                $args[$field->name] = null;
            } else {
                $args[$field->name] = $this->decode($data[$wire], $field->attribute->type, $at);
            }
        }
        if ($hasExtra) {
            $args['additionalProperties'] = array_diff_key($data, $known);
        }
        $model = new $class(...$args);
        assert($model instanceof Model);
        return $model;
    }

    private function decodeNamed(mixed $data, string $type, string $pointer): mixed
    {
        switch ($type) {
            case 'mixed':
                return $data;
            case 'string':
            case 'binary':
                return is_string($data) ? $data : throw $this->mismatch($pointer, 'a string', $data);
            case 'int':
                if (is_float($data) && floor($data) === $data && abs($data) < 9.2e18) {
                    return (int) $data;
                }
                return is_int($data) ? $data : throw $this->mismatch($pointer, 'an integer', $data);
            case 'float':
                return is_int($data) || is_float($data)
                    ? (float) $data
                    : throw $this->mismatch($pointer, 'a number', $data);
            case 'bool':
                return is_bool($data) ? $data : throw $this->mismatch($pointer, 'a boolean', $data);
            case 'date':
                return $this->date($data, $pointer);
            case 'date-time':
                return $this->dateTime($data, $pointer);
        }
        if (enum_exists($type) && is_subclass_of($type, \BackedEnum::class)) {
            return $this->enum($data, $type, $pointer);
        }
        if (is_subclass_of($type, Model::class)) {
            return $this->decodeModel($type, $data, $pointer);
        }
        if (interface_exists($type) && defined($type . '::VARIANTS')) {
            return $this->union($data, $type, $pointer);
        }
        throw new \InvalidArgumentException('unknown type ' . $type);
    }

    /**
     * @param class-string<\BackedEnum> $type
     */
    private function enum(mixed $data, string $type, string $pointer): \BackedEnum|string|int
    {
        $backing = (string) (new \ReflectionEnum($type))->getBackingType();
        if ($backing === 'int' ? !is_int($data) : !is_string($data)) {
            throw $this->mismatch($pointer, $backing === 'int' ? 'an integer' : 'a string', $data);
        }
        return $type::tryFrom($data) ?? $data;
    }

    private function union(mixed $data, string $type, string $pointer): mixed
    {
        $discriminator = (string) constant($type . '::DISCRIMINATOR');
        if ($discriminator !== '') {
            $mapping = defined($type . '::MAPPING') ? (array) constant($type . '::MAPPING') : [];
            $value = is_array($data) ? ($data[$discriminator] ?? null) : null;
            if ((is_string($value) || is_int($value)) && isset($mapping[$value])) {
                return $this->decodeModel($mapping[$value], $data, $pointer);
            }
            return $this->unknown($data, $type, $pointer);
        }
        foreach ((array) constant($type . '::VARIANTS') as $variant) {
            try {
                return $variant === 'array'
                    ? (is_array($data) ? $data : throw $this->mismatch($pointer, 'an array', $data))
                    : $this->decode($data, $variant, $pointer);
            } catch (ApiResponseValidationException) {
                continue;
            }
        }
        return $this->unknown($data, $type, $pointer);
    }

    private function unknown(mixed $data, string $type, string $pointer): object
    {
        $class = $type . 'Unknown';
        if (!class_exists($class)) {
            throw $this->mismatch($pointer, 'a variant of ' . $type, $data);
        }
        return new $class($data);
    }

    private function date(mixed $data, string $pointer): \DateTimeImmutable
    {
        if (is_string($data) && preg_match('/^\d{4}-\d{2}-\d{2}$/', $data) === 1) {
            $date = \DateTimeImmutable::createFromFormat('!Y-m-d', $data, new \DateTimeZone('UTC'));
            if ($date !== false && $date->format('Y-m-d') === $data) {
                return $date;
            }
        }
        throw $this->mismatch($pointer, 'a date (YYYY-MM-DD)', $data);
    }

    private function dateTime(mixed $data, string $pointer): \DateTimeImmutable
    {
        if (is_string($data) && preg_match(self::RFC3339, $data, $m) === 1) {
            $fraction = isset($m[3]) && $m[3] !== '' ? substr($m[3], 0, 7) : '';
            $zone = strtoupper($m[4]) === 'Z' ? '+00:00' : $m[4];
            $text = $m[1] . 'T' . $m[2] . $fraction . $zone;
            $date = \DateTimeImmutable::createFromFormat($fraction === '' ? 'Y-m-d\TH:i:sP' : 'Y-m-d\TH:i:s.uP', $text);
            if ($date !== false) {
                return $date;
            }
        }
        throw $this->mismatch($pointer, 'a date-time (RFC 3339)', $data);
    }

    private function mismatch(string $pointer, string $expected, mixed $data): ApiResponseValidationException
    {
        $got = $data === null ? 'null' : (is_array($data) ? (Json::isObject($data) ? 'object' : 'array')
            : get_debug_type($data));
        return new ApiResponseValidationException(
            ($pointer === '' ? '/' : $pointer) . ': expected ' . $expected . ', got ' . $got
        );
    }

    private static function describe(Type|string $type): string
    {
        if ($type instanceof ListOf) {
            return 'an array';
        }
        return $type instanceof MapOf ? 'an object' : (string) $type;
    }

    private static function escape(string $key): string
    {
        return str_replace(['~', '/'], ['~0', '~1'], $key);
    }
}
