<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\HttpRequest;
use Zsdk\Runtime\HttpResponse;
use Zsdk\Runtime\HttpTransport;

/**
 * A transport answering from a script and recording what it was sent.
 */
final class FakeTransport implements HttpTransport
{
    /** @var list<HttpRequest> the requests sent, in order */
    public array $requests = [];

    /**
     * A scripted transport.
     *
     * @param list<HttpResponse|\Throwable|\Closure> $answers one per request (a closure gets the request)
     */
    public function __construct(private array $answers)
    {
    }

    /**
     * A JSON answer.
     *
     * @param int $status the status
     * @param mixed $body the body, JSON-encoded
     * @param array<string, string> $headers extra headers
     * @return HttpResponse the answer
     */
    public static function json(int $status, mixed $body, array $headers = []): HttpResponse
    {
        $headers['content-type'] = 'application/json';
        return new HttpResponse($status, $headers, json_encode($body, JSON_THROW_ON_ERROR));
    }

    /**
     * Answers the next scripted answer.
     *
     * @param HttpRequest $request the request
     * @return HttpResponse the answer
     */
    public function send(HttpRequest $request): HttpResponse
    {
        $this->requests[] = $request;
        $answer = array_shift($this->answers);
        if ($answer === null) {
            throw new \LogicException('no answer scripted for ' . $request->method . ' ' . $request->url);
        }
        if ($answer instanceof \Throwable) {
            throw $answer;
        }
        return $answer instanceof \Closure ? $answer($request) : $answer;
    }

    /**
     * The path and query of a request.
     *
     * @param int $index which request
     * @return string the target
     */
    public function target(int $index): string
    {
        $url = $this->requests[$index]->url;
        return substr($url, strpos($url, '/', 8) ?: strlen($url));
    }
}
