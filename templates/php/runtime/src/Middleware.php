<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Sees every try of every call (and every token request): may change the request, call $next, and change or
 * replace the response.
 */
interface Middleware
{
    /**
     * Handles one request.
     *
     * @param HttpRequest $request the request
     * @param callable(HttpRequest): HttpResponse $next the rest of the chain
     * @return HttpResponse the response
     */
    public function handle(HttpRequest $request, callable $next): HttpResponse;
}
