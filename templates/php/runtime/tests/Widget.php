<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\Field;
use Zsdk\Runtime\ListOf;
use Zsdk\Runtime\MapOf;
use Zsdk\Runtime\Model;
use Zsdk\Runtime\Omit;

/**
 * A widget (test fixture): every kind of field.
 */
final class Widget extends Model
{
    /**
     * A widget.
     *
     * @param string $id required
     * @param int $count required integer
     * @param string|null $owner required and nullable
     * @param WidgetStatus|string|null $status optional open enum
     * @param \DateTimeImmutable|null $launchDate optional date
     * @param \DateTimeImmutable|null $createdAt optional date-time
     * @param list<string>|null $tags optional list
     * @param array<string, float>|null $scores optional map
     * @param Shape|null $shape optional union
     * @param string|null|Omit $description optional and nullable
     * @param array<string, mixed> $additionalProperties unknown fields
     */
    public function __construct(
        #[Field('id', 'string')]
        public readonly string $id,
        #[Field('count', 'int')]
        public readonly int $count,
        #[Field('owner', 'string')]
        public readonly ?string $owner,
        #[Field('status', WidgetStatus::class)]
        public readonly WidgetStatus|string|null $status = null,
        #[Field('launch_date', 'date')]
        public readonly ?\DateTimeImmutable $launchDate = null,
        #[Field('created_at', 'date-time')]
        public readonly ?\DateTimeImmutable $createdAt = null,
        #[Field('tags', new ListOf('string'))]
        public readonly ?array $tags = null,
        #[Field('scores', new MapOf('float'))]
        public readonly ?array $scores = null,
        #[Field('shape', Shape::class)]
        public readonly ?Shape $shape = null,
        #[Field('description', 'string')]
        public readonly string|null|Omit $description = Omit::Omit,
        public readonly array $additionalProperties = [],
    ) {
    }
}
