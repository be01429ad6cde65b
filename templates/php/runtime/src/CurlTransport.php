<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The default transport (ext-curl): one request per call, no redirects followed, no headers of curl's own (no
 * Expect, no default Content-Type; a POST, PUT or PATCH without a body sends Content-Length: 0). The request's
 * timeout covers the whole exchange, or for a streamed request (event streams, downloads) the wait for the
 * response headers, its body then read as the caller iterates it.
 */
final class CurlTransport implements HttpTransport
{
    /**
     * A transport.
     *
     * @param array<int, mixed> $curlOptions extra curl options (CURLOPT_* => value), e.g. a proxy; they win over
     *     the transport's own
     */
    public function __construct(private readonly array $curlOptions = [])
    {
    }

    /**
     * Sends a request and reads its answer.
     *
     * @param HttpRequest $request the request
     * @return HttpResponse the answer
     * @throws TimedOut when the timeout passed
     * @throws ConnectionFailed when there is no answer
     */
    public function send(HttpRequest $request): HttpResponse
    {
        $handle = curl_init();
        $timeoutMs = $request->timeout > 0 ? (int) ceil($request->timeout * 1000) : 0;
        $options = $this->options($request);
        if ($request->streamed) {
            $options[CURLOPT_CONNECTTIMEOUT_MS] = $timeoutMs;
            curl_setopt_array($handle, $this->curlOptions + $options);
            return (new CurlStream($handle, $request->timeout))->open();
        }
        $headers = [];
        $options[CURLOPT_RETURNTRANSFER] = true;
        $options[CURLOPT_TIMEOUT_MS] = $timeoutMs;
        $options[CURLOPT_HEADERFUNCTION] = static function ($handle, string $line) use (&$headers): int {
            if (str_starts_with($line, 'HTTP/')) {
                $headers = [];
            } elseif (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $headers[strtolower(trim($name))][] = trim($value);
            }
            return strlen($line);
        };
        curl_setopt_array($handle, $this->curlOptions + $options);
        $body = curl_exec($handle);
        $errno = curl_errno($handle);
        $error = curl_error($handle);
        $status = (int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        if ($errno === CURLE_OPERATION_TIMEDOUT) {
            throw new TimedOut($error);
        }
        if ($errno !== 0 || !is_string($body)) {
            throw new ConnectionFailed($error === '' ? 'no answer' : $error);
        }
        return new HttpResponse($status, $headers, $body);
    }

    /**
     * @return array<int, mixed>
     */
    private function options(HttpRequest $request): array
    {
        $lines = ['Expect:'];
        if ($request->header('Content-Type') === null) {
            $lines[] = 'Content-Type:';
        }
        foreach ($request->headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $options = [
            CURLOPT_URL => $request->url,
            CURLOPT_CUSTOMREQUEST => $request->method,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_NOSIGNAL => true,
            CURLOPT_HTTPHEADER => $lines,
        ];
        if ($request->method === 'HEAD') {
            $options[CURLOPT_NOBODY] = true;
        }
        if ($request->body !== null || in_array($request->method, ['POST', 'PUT', 'PATCH'], true)) {
            $options[CURLOPT_POSTFIELDS] = $request->body ?? '';
        }
        return $options;
    }
}
