<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The base of every generated model: fields are promoted `public readonly` constructor parameters with a
 * #[Field] attribute, the last one `array $additionalProperties` (unknown fields by wire name).
 */
abstract class Model implements \JsonSerializable
{
    /**
     * Decodes a model from its JSON object.
     *
     * @param array<string, mixed> $data the decoded JSON object
     * @return static the model
     * @throws ApiResponseValidationException when a required field is missing or a value has the wrong type
     */
    public static function fromArray(array $data): static
    {
        $model = (new Decoder())->decodeModel(static::class, $data, '');
        assert($model instanceof static);
        return $model;
    }

    /**
     * The model's wire form: fields by wire name in declaration order, absent ones left out, then the
     * additional properties.
     *
     * @return array<string, mixed> the JSON object
     */
    public function toArray(): array
    {
        return Encoder::modelArray($this);
    }

    /**
     * The wire form for json_encode (an empty model is `{}`).
     *
     * @return mixed the JSON object
     */
    public function jsonSerialize(): mixed
    {
        $data = $this->toArray();
        return $data === [] ? new \stdClass() : $data;
    }

    /**
     * A copy with named fields changed: `$job->with(name: 'x')`.
     *
     * @param mixed ...$changes new values by PHP property name
     * @return static the copy
     * @throws \InvalidArgumentException when a name is not a field
     */
    public function with(mixed ...$changes): static
    {
        $args = [];
        $constructor = (new \ReflectionClass($this))->getConstructor();
        $params = $constructor === null ? [] : $constructor->getParameters();
        foreach ($params as $param) {
            $name = $param->getName();
            $args[$name] = array_key_exists($name, $changes) ? $changes[$name] : $this->{$name};
            unset($changes[$name]);
        }
        if ($changes !== []) {
            throw new \InvalidArgumentException(
                static::class . ' has no field ' . implode(', ', array_map('strval', array_keys($changes)))
            );
        }
        return new static(...$args);
    }
}
