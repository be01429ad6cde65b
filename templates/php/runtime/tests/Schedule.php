<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\Field;
use Zsdk\Runtime\ListOf;
use Zsdk\Runtime\Model;

/**
 * Dates in lists and unions (test fixture).
 */
final class Schedule extends Model
{
    /**
     * A schedule.
     *
     * @param list<\DateTimeImmutable> $days dates
     * @param \DateTimeImmutable|int $when a date or a number
     * @param array<string, mixed> $additionalProperties unknown fields
     */
    public function __construct(
        #[Field('days', new ListOf('date'))]
        public readonly array $days,
        #[Field('when', When::class)]
        public readonly \DateTimeImmutable|int $when,
        public readonly array $additionalProperties = [],
    ) {
    }
}
