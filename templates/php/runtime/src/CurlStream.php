<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * One streamed curl transfer: waits for the response headers (within the timeout), then gives the body in
 * chunks as they arrive, driving curl as the caller reads.
 *
 * @internal
 */
final class CurlStream
{
    private \CurlMultiHandle $multi;
    private string $buffer = '';
    /** @var array<string, list<string>> */
    private array $headers = [];
    private bool $headersDone = false;
    private int $status = 0;
    private bool $running = true;
    private bool $closed = false;

    /**
     * A transfer of a configured handle (not yet started).
     *
     * @param \CurlHandle $handle the handle, its URL, method, headers and body set
     * @param float $timeout seconds the response headers may take (0 = no limit)
     */
    public function __construct(private readonly \CurlHandle $handle, private readonly float $timeout)
    {
        $this->multi = curl_multi_init();
    }

    /**
     * Starts the transfer and waits for the response headers.
     *
     * @return HttpResponse the response, its body streamed
     * @throws TimedOut when the headers did not arrive in time
     * @throws ConnectionFailed when there is no answer
     */
    public function open(): HttpResponse
    {
        curl_setopt($this->handle, CURLOPT_HEADERFUNCTION, function ($handle, string $line): int {
            if (str_starts_with($line, 'HTTP/')) {
                $this->headers = [];
                $this->status = (int) (explode(' ', $line, 3)[1] ?? 0);
            } elseif (trim($line) === '') {
                $this->headersDone = $this->status >= 200;
            } elseif (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $this->headers[strtolower(trim($name))][] = trim($value);
            }
            return strlen($line);
        });
        curl_setopt($this->handle, CURLOPT_WRITEFUNCTION, function ($handle, string $data): int {
            $this->buffer .= $data;
            return strlen($data);
        });
        curl_multi_add_handle($this->multi, $this->handle);
        $deadline = microtime(true) + $this->timeout;
        while (!$this->headersDone && $this->running) {
            $this->step();
            if ($this->timeout > 0 && microtime(true) > $deadline && !$this->headersDone) {
                $this->close();
                throw new TimedOut('no response headers within ' . $this->timeout . ' s');
            }
        }
        if (!$this->headersDone) {
            try {
                $this->failure();
            } finally {
                $this->close();
            }
            throw new ConnectionFailed('no answer');
        }
        return new HttpResponse($this->status, $this->headers, '', $this->chunks());
    }

    /**
     * The body's chunks as they arrive; the transfer is released when they end or the generator is dropped.
     *
     * @return \Generator<int, string> the chunks
     * @throws ConnectionFailed when the connection fails while reading
     */
    public function chunks(): \Generator
    {
        try {
            while (true) {
                if ($this->buffer !== '') {
                    $chunk = $this->buffer;
                    $this->buffer = '';
                    yield $chunk;
                } elseif ($this->running) {
                    $this->step();
                } else {
                    break;
                }
            }
            $this->failure();
        } finally {
            $this->close();
        }
    }

    private function step(): void
    {
        do {
            $code = curl_multi_exec($this->multi, $active);
        } while ($code === CURLM_CALL_MULTI_PERFORM);
        $this->running = $active > 0 && $code === CURLM_OK;
        if ($this->running && $this->buffer === '') {
            curl_multi_select($this->multi, 0.05);
        }
    }

    /**
     * @throws ConnectionFailed when the transfer ended with an error
     */
    private function failure(): void
    {
        while (($info = curl_multi_info_read($this->multi)) !== false) {
            $result = (int) ($info['result'] ?? CURLE_OK);
            if ($result === CURLE_OPERATION_TIMEDOUT) {
                throw new TimedOut(curl_strerror($result));
            }
            if ($result !== CURLE_OK) {
                throw new ConnectionFailed((string) curl_strerror($result));
            }
        }
    }

    private function close(): void
    {
        if (!$this->closed) {
            $this->closed = true;
            curl_multi_remove_handle($this->multi, $this->handle);
            curl_multi_close($this->multi);
        }
    }
}
