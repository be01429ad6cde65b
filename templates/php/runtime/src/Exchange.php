<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * What a call's reader reads: the successful answer and what is needed to ask for the next page.
 *
 * @internal
 */
final class Exchange
{
    /**
     * An answered call.
     *
     * @param ClientCore $core the client
     * @param RequestOptions $options the call's options
     * @param ApiRequest $request the request
     * @param int $statusCode the status
     * @param array<string, list<string>> $headers the headers
     * @param string $body the body
     */
    public function __construct(
        public readonly ClientCore $core,
        public readonly RequestOptions $options,
        public readonly ApiRequest $request,
        public readonly int $statusCode,
        public readonly array $headers,
        public readonly string $body,
    ) {
    }
}
