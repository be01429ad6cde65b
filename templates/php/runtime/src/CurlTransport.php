<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * The default transport (ext-curl): one request per call, no redirects followed, the request's timeout for the
 * whole exchange. The answer's body is read whole.
 */
final class CurlTransport implements HttpTransport
{
    /**
     * A transport.
     *
     * @param array<int, mixed> $curlOptions extra curl options (CURLOPT_* => value), e.g. a proxy
     */
    public function __construct(private readonly array $curlOptions = [])
    {
    }

    /**
     * Sends a request and reads its whole answer.
     *
     * @param HttpRequest $request the request
     * @return HttpResponse the answer
     * @throws TimedOut when the timeout passed
     * @throws ConnectionFailed when there is no answer
     */
    public function send(HttpRequest $request): HttpResponse
    {
        $handle = curl_init();
        $headers = [];
        $lines = ['Expect:'];
        foreach ($request->headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $options = [
            CURLOPT_URL => $request->url,
            CURLOPT_CUSTOMREQUEST => $request->method,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_NOSIGNAL => true,
            CURLOPT_HTTPHEADER => $lines,
            CURLOPT_HEADERFUNCTION => static function ($handle, string $line) use (&$headers): int {
                if (str_starts_with($line, 'HTTP/')) {
                    $headers = [];
                } elseif (str_contains($line, ':')) {
                    [$name, $value] = explode(':', $line, 2);
                    $headers[strtolower(trim($name))][] = trim($value);
                }
                return strlen($line);
            },
        ];
        if ($request->method === 'HEAD') {
            $options[CURLOPT_NOBODY] = true;
        }
        if ($request->body !== null) {
            $options[CURLOPT_POSTFIELDS] = $request->body;
        }
        if ($request->timeout > 0) {
            $options[CURLOPT_TIMEOUT_MS] = (int) ceil($request->timeout * 1000);
        }
        curl_setopt_array($handle, $this->curlOptions + $options);
        $body = curl_exec($handle);
        $errno = curl_errno($handle);
        $error = curl_error($handle);
        $status = (int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        curl_close($handle);
        if ($errno === CURLE_OPERATION_TIMEDOUT) {
            throw new TimedOut($error);
        }
        if ($errno !== 0 || !is_string($body)) {
            throw new ConnectionFailed($error === '' ? 'no answer' : $error);
        }
        return new HttpResponse($status, $headers, $body);
    }
}
