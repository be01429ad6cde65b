<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Reads a model class's fields from its constructor.
 *
 * @internal
 */
final class ModelFields
{
    /**
     * The fields read so far, by class: a class's fields never change while PHP runs, and a list of a thousand
     * models would otherwise reflect its class a thousand times.
     *
     * @var array<class-string, list<ModelField>>
     */
    private static array $known = [];

    /**
     * The fields of a model class, in declaration order.
     *
     * @param class-string $class the model
     * @return list<ModelField> its fields
     */
    public static function of(string $class): array
    {
        return self::$known[$class] ??= self::read($class);
    }

    /**
     * @param class-string $class the model
     * @return list<ModelField> its fields
     */
    private static function read(string $class): array
    {
        $constructor = (new \ReflectionClass($class))->getConstructor();
        $fields = [];
        foreach ($constructor === null ? [] : $constructor->getParameters() as $param) {
            $attributes = $param->getAttributes(Field::class);
            $optional = $param->isDefaultValueAvailable();
            $fields[] = new ModelField(
                $param->getName(),
                $attributes === [] ? null : $attributes[0]->newInstance(),
                $optional,
                $optional ? $param->getDefaultValue() : null,
                $param->allowsNull(),
            );
        }
        return $fields;
    }
}
