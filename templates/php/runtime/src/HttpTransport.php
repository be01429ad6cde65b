<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Sends one HTTP request. A transport that gets no answer throws ConnectionFailed (TimedOut when the request's
 * timeout passed); the client maps them to ApiConnectionException / ApiTimeoutException.
 */
interface HttpTransport
{
    /**
     * Sends a request and reads its whole answer.
     *
     * @param HttpRequest $request the request
     * @return HttpResponse the answer, whatever its status
     * @throws ConnectionFailed when there is no answer
     */
    public function send(HttpRequest $request): HttpResponse;
}
