<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One constructor parameter of a model: its PHP name, its #[Field] (null for additionalProperties), whether
 * it may be left out (and its default), whether it takes null.
 *
 * @internal
 */
final class ModelField
{
    /**
     * A model field.
     *
     * @param string $name the PHP name
     * @param Field|null $attribute its wire name and type
     * @param bool $optional whether it has a default
     * @param mixed $default the default (null, Omit::Omit or [])
     * @param bool $nullable whether null is allowed
     */
    public function __construct(
        public readonly string $name,
        public readonly ?Field $attribute,
        public readonly bool $optional,
        public readonly mixed $default,
        public readonly bool $nullable,
    ) {
    }
}
