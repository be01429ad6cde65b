<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One server-sent event as received.
 */
final class ServerSentEvent
{
    /**
     * An event.
     *
     * @param string $data its data lines joined by "\n"
     * @param string $event its type ('' when none)
     * @param string $id its id ('' when none)
     * @param int|null $retry its reconnection time in milliseconds
     */
    public function __construct(
        public readonly string $data,
        public readonly string $event = '',
        public readonly string $id = '',
        public readonly ?int $retry = null,
    ) {
    }
}
