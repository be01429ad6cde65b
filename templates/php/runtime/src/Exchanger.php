<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Sends one HTTP request through the middleware and the transport; a transport failure becomes an
 * ApiConnectionException or ApiTimeoutException.
 *
 * @internal
 */
final class Exchanger
{
    /**
     * An exchanger.
     *
     * @param ClientConfig $config the client's settings
     */
    public function __construct(private readonly ClientConfig $config)
    {
    }

    /**
     * Sends a request.
     *
     * @param HttpRequest $request the request
     * @return HttpResponse the answer, whatever its status
     * @throws ApiConnectionException when there is no answer
     */
    public function exchange(HttpRequest $request): HttpResponse
    {
        $transport = $this->config->transport;
        $next = static fn (HttpRequest $r): HttpResponse => $transport->send($r);
        foreach (array_reverse($this->config->middleware) as $middleware) {
            $inner = $next;
            $next = static fn (HttpRequest $r): HttpResponse => $middleware->handle($r, $inner);
        }
        try {
            return $next($request);
        } catch (TimedOut $e) {
            throw new ApiTimeoutException('Request timed out.', $e);
        } catch (ConnectionFailed $e) {
            throw new ApiConnectionException('Connection error.', $e);
        }
    }

    /**
     * A response's whole body, reading a streamed one to its end.
     *
     * @param HttpResponse $response the response
     * @return string the bytes
     * @throws ApiConnectionException when the connection fails while reading
     */
    public static function readAll(HttpResponse $response): string
    {
        try {
            return $response->readAll();
        } catch (TimedOut $e) {
            throw new ApiTimeoutException('Request timed out.', $e);
        } catch (ConnectionFailed $e) {
            throw new ApiConnectionException('Connection error.', $e);
        }
    }
}
