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
    /** @var int the status */
    public readonly int $statusCode;
    /** @var array<string, list<string>> the headers */
    public readonly array $headers;

    /**
     * An answered call.
     *
     * @param ClientCore $core the client
     * @param RequestOptions $options the call's options
     * @param ApiRequest $request the request
     * @param HttpResponse $response the answer (a streamed call's body still to read)
     * @param string $body the body read whole ('' for a streamed call)
     */
    public function __construct(
        public readonly ClientCore $core,
        public readonly RequestOptions $options,
        public readonly ApiRequest $request,
        public readonly HttpResponse $response,
        public readonly string $body,
    ) {
        $this->statusCode = $response->statusCode;
        $this->headers = $response->headers();
    }
}
