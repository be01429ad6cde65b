<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A call ready to be sent any number of times: everything but the credentials of each try.
 *
 * @internal
 */
final class Prepared
{
    /** The header of the idempotency key, the same on every try of a call. */
    public const IDEMPOTENCY_HEADER = 'Idempotency-Key';

    /**
     * A prepared call.
     *
     * @param string $method the HTTP method
     * @param string $url the URL without its query
     * @param QueryParams $query the query parameters
     * @param array<string, string> $headers the request's headers
     * @param array<string, string> $overrides headers set after the credentials (defaults, the call's)
     * @param list<string> $cookies cookie pairs
     * @param string|null $body the body
     * @param list<AuthProvider> $providers the credentials to apply
     * @param float $timeout seconds per try
     * @param int $maxRetries retries after the first try
     * @param bool $streamed whether the answer is a stream
     */
    public function __construct(
        public readonly string $method,
        public readonly string $url,
        public readonly QueryParams $query,
        public readonly array $headers,
        public readonly array $overrides,
        public readonly array $cookies,
        public readonly ?string $body,
        public readonly array $providers,
        public readonly float $timeout,
        public readonly int $maxRetries,
        public readonly bool $streamed,
    ) {
    }

    /**
     * Turns an ApiRequest into a prepared call.
     *
     * @param ClientConfig $config the client's settings
     * @param ApiRequest $r the request
     * @param RequestOptions $options the call's options
     * @param bool $streamed whether the answer is a stream
     * @return self the prepared call
     */
    public static function of(ClientConfig $config, ApiRequest $r, RequestOptions $options, bool $streamed): self
    {
        if ($r->url !== null) {
            [$url, $written] = self::splitQuery(explode('#', $r->url, 2)[0]);
            $query = QueryParams::parse($written)->with($r->queryParams);
        } else {
            [$path, $written] = self::splitQuery(self::formatPath($r));
            $url = ClientConfig::joinUrl($config->baseUrl, $path);
            $query = QueryParams::parse($written)->with($r->queryParams)->with(QueryParams::extra($options->query));
        }
        $headers = [];
        if ($config->userAgent !== '') {
            $headers['User-Agent'] = $config->userAgent;
        }
        $headers['Accept'] = $r->acceptType ?? 'application/json';
        foreach ($r->headers as [$name, $value, $enc]) {
            $text = self::headerText($name, $value, $enc);
            if ($text !== null) {
                $headers[$name] = $text;
            }
        }
        if ($r->isIdempotent && !isset(array_change_key_case($headers)['idempotency-key'])) {
            $headers[self::IDEMPOTENCY_HEADER] = self::uuid();
        }
        $overrides = $config->defaultHeaders;
        foreach ($options->headers as $name => $value) {
            $overrides[$name] = $value;
        }
        if ($options->idempotencyKey !== null) {
            $overrides[self::IDEMPOTENCY_HEADER] = $options->idempotencyKey;
        }
        $cookies = [];
        foreach ($r->cookies as [$name, $value, $enc]) {
            $tree = Wire::paramValue($value, $enc);
            $pairs = $tree === null ? [] : WireSyntax::url()->pairs($name, $tree, $enc);
            if ($pairs !== []) {
                $cookies[] = WireSyntax::join($pairs, '; ');
            }
        }
        [$body, $contentType] = self::body($r);
        if ($contentType !== null) {
            $headers['Content-Type'] = $contentType;
        }
        return new self(
            strtoupper($r->method),
            $url,
            $query,
            $headers,
            $overrides,
            $cookies,
            $body,
            $config->select($r->securityAlternatives),
            $options->timeout ?? $config->timeout,
            max(0, $options->maxRetries ?? $config->maxRetries),
            $streamed,
        );
    }

    /**
     * This call's request for one try, with its credentials applied.
     *
     * @return HttpRequest the request
     */
    public function build(): HttpRequest
    {
        $attempt = new AttemptRequest($this->headers);
        foreach ($this->providers as $provider) {
            $provider->apply($attempt);
        }
        foreach ($this->overrides as $name => $value) {
            $attempt->setHeader($name, $value);
        }
        $cookies = [...$this->cookies, ...$attempt->cookies];
        if ($cookies !== []) {
            $existing = $attempt->header('Cookie') ?? '';
            $joined = implode('; ', $cookies);
            $attempt->setHeader('Cookie', $existing === '' ? $joined : $existing . '; ' . $joined);
        }
        $query = implode('&', array_filter([$this->query->encode(), ...$attempt->query], fn ($p) => $p !== ''));
        $url = $query === '' ? $this->url : $this->url . '?' . $query;
        return new HttpRequest($this->method, $url, $attempt->headers, $this->body, $this->timeout, $this->streamed);
    }

    /**
     * @return array{0: string|null, 1: string|null} body and content type
     */
    private static function body(ApiRequest $r): array
    {
        if ($r->parts !== []) {
            $boundary = 'zsdk-' . bin2hex(random_bytes(16));
            return [Multipart::encode($r->parts, $r->encodings, $boundary), Multipart::contentType($boundary)];
        }
        if ($r->hasForm) {
            $text = FormBody::encode($r->form, $r->encodings);
            return $text === null ? [null, null] : [$text, 'application/x-www-form-urlencoded'];
        }
        if ($r->content !== null) {
            return [$r->content, $r->contentType];
        }
        if ($r->json !== null && !$r->json instanceof Omit) {
            return [Json::encode($r->json), 'application/json'];
        }
        return [null, null];
    }

    private static function headerText(string $name, mixed $value, Encoding $enc): ?string
    {
        $tree = Wire::paramValue($value, $enc);
        if ($tree === null) {
            return null;
        }
        $text = WireSyntax::plain()->simpleText($name, $tree, $enc);
        return $text !== '' || $tree === '' ? $text : null;
    }

    private static function formatPath(ApiRequest $r): string
    {
        $path = $r->pathTemplate;
        foreach ($r->pathParams as [$name, $tree, $enc]) {
            $path = str_replace('{' . $name . '}', WireSyntax::url()->simpleText($name, $tree, $enc), $path);
        }
        return $path;
    }

    /**
     * @return array{0: string, 1: string}
     */
    private static function splitQuery(string $target): array
    {
        $at = strpos($target, '?');
        return $at === false ? [$target, ''] : [substr($target, 0, $at), substr($target, $at + 1)];
    }

    private static function uuid(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr((ord($bytes[6]) & 0x0f) | 0x40);
        $bytes[8] = chr((ord($bytes[8]) & 0x3f) | 0x80);
        $hex = bin2hex($bytes);
        return sprintf(
            '%s-%s-%s-%s-%s',
            substr($hex, 0, 8),
            substr($hex, 8, 4),
            substr($hex, 12, 4),
            substr($hex, 16, 4),
            substr($hex, 20)
        );
    }
}
