<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * What a call sends (an ApiRequest) and how its successful answer is read.
 */
final class Call
{
    private function __construct(
        private readonly ApiRequest $request,
        private readonly bool $streamed,
        private readonly bool $check,
        private readonly \Closure $reader,
    ) {
    }

    /**
     * A call whose JSON body (its envelope unwrapped) is decoded to a type.
     *
     * @param ApiRequest $r the request
     * @param Type|string $type the payload's type
     * @return self the call
     */
    public static function json(ApiRequest $r, Type|string $type): self
    {
        $reader = fn (Exchange $ex): mixed => self::decode($ex->body, $r->envelopePath, $type);
        return new self($r, false, false, $reader);
    }

    /**
     * A call whose answer has no value (null).
     *
     * @param ApiRequest $r the request
     * @return self the call
     */
    public static function empty(ApiRequest $r): self
    {
        return new self($r, false, false, fn (Exchange $ex): mixed => null);
    }

    /**
     * A call whose value is its body as text.
     *
     * @param ApiRequest $r the request
     * @return self the call
     */
    public static function text(ApiRequest $r): self
    {
        return new self($r, false, false, fn (Exchange $ex): string => $ex->body);
    }

    /**
     * A check (x-zsdk-result: ok): true for a 2xx answer, false for an error status, no answer or a timeout once
     * the retries are spent.
     *
     * @param ApiRequest $r the request
     * @return self the call
     */
    public static function ok(ApiRequest $r): self
    {
        return new self($r, false, true, fn (Exchange $ex): bool => true);
    }

    /**
     * A call whose value is a BinaryResponse.
     *
     * @param ApiRequest $r the request
     * @return self the call
     */
    public static function binary(ApiRequest $r): self
    {
        $reader = fn (Exchange $ex): BinaryResponse
            => new BinaryResponse(Exchanger::readAll($ex->response), $ex->headers);
        return new self($r, true, false, $reader);
    }

    /**
     * A call whose value is an EventStream of a type ('event': the raw ServerSentEvent). Sets Accept:
     * text/event-stream unless the request set one.
     *
     * @param ApiRequest $r the request
     * @param Type|string $type the events' type
     * @return self the call
     */
    public static function sse(ApiRequest $r, Type|string $type): self
    {
        if ($r->acceptType === null) {
            $r->accept('text/event-stream');
        }
        return new self(
            $r,
            true,
            false,
            fn (Exchange $ex): EventStream => new EventStream($ex->response->chunks(), $ex->headers, $type),
        );
    }

    /**
     * A call whose value is a Page of a type, the next page found by the pager.
     *
     * @param ApiRequest $r the request
     * @param Type|string $item the items' type
     * @param Pager $pager the pagination style
     * @return self the call
     */
    public static function page(ApiRequest $r, Type|string $item, Pager $pager): self
    {
        return new self($r, false, false, fn (Exchange $ex): Page => Page::read($ex, $item, $pager));
    }

    /**
     * The request.
     *
     * @internal
     * @return ApiRequest the request
     */
    public function request(): ApiRequest
    {
        return $this->request;
    }

    /**
     * Whether the answer is a stream.
     *
     * @internal
     * @return bool true for event streams and downloads
     */
    public function streamed(): bool
    {
        return $this->streamed;
    }

    /**
     * Whether this is a check (a failed call gives false).
     *
     * @internal
     * @return bool true for Call::ok
     */
    public function isCheck(): bool
    {
        return $this->check;
    }

    /**
     * Reads the value of an answer.
     *
     * @internal
     * @param Exchange $exchange the answer
     * @return mixed the value
     */
    public function read(Exchange $exchange): mixed
    {
        return ($this->reader)($exchange);
    }

    /**
     * This call with another request (the next page).
     *
     * @internal
     * @param ApiRequest $request the request
     * @return self the call
     */
    public function withRequest(ApiRequest $request): self
    {
        return new self($request, $this->streamed, $this->check, $this->reader);
    }

    /**
     * Decodes a JSON body, its envelope unwrapped.
     *
     * @internal
     * @param string $body the body
     * @param list<string> $envelope the payload's path
     * @param Type|string $type the payload's type
     * @return mixed the value (null for an empty body)
     * @throws ApiResponseValidationException when the body is not JSON or not of the type
     */
    public static function decode(string $body, array $envelope, Type|string $type): mixed
    {
        if (trim($body) === '') {
            return null;
        }
        [$ok, $tree] = Json::tryDecode($body);
        if (!$ok) {
            if ($type === 'string' && $envelope === []) {
                return $body;
            }
            throw new ApiResponseValidationException('Response body is not valid JSON', $body);
        }
        $inner = JsonPath::get($tree, $envelope);
        if ($inner === null) {
            return null;
        }
        try {
            return (new Decoder())->decode($inner, $type, '');
        } catch (ApiResponseValidationException $e) {
            throw new ApiResponseValidationException(
                'Response body does not match the expected schema: ' . $e->getMessage(),
                $body,
                $e
            );
        }
    }
}
