<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * What one operation call asks for: method, path, parameters, body, security. A generated *Calls method builds
 * one per call (fluent: each method returns $this); the client turns it into HTTP once, however many tries it
 * takes. A null value is not sent. The public properties are read by the runtime only.
 */
final class ApiRequest
{
    /** @internal @var string|null an absolute URL replacing the path (the next page of a Link header) */
    public ?string $url = null;
    /** @internal @var list<array{0: string, 1: mixed, 2: Encoding}> */
    public array $pathParams = [];
    /** @internal @var QueryParams the operation's query parameters */
    public QueryParams $queryParams;
    /** @internal @var list<array{0: string, 1: mixed, 2: Encoding}> */
    public array $headers = [];
    /** @internal @var list<array{0: string, 1: mixed, 2: Encoding}> */
    public array $cookies = [];
    /** @internal @var mixed the JSON body */
    public mixed $json = null;
    /** @internal @var mixed the form body */
    public mixed $form = null;
    /** @internal @var bool whether a form body was given */
    public bool $hasForm = false;
    /** @internal @var array<string, Encoding> form and multipart properties' encodings */
    public array $encodings = [];
    /** @internal @var list<array{0: string, 1: mixed, 2: ?Encoding, 3: bool}> multipart properties */
    public array $parts = [];
    /** @internal @var string|null a binary or text body */
    public ?string $content = null;
    /** @internal @var string the binary or text body's content type */
    public string $contentType = '';
    /** @internal @var list<list<string>>|null the security alternatives, null = the client's default */
    public ?array $securityAlternatives = null;
    /** @internal @var bool whether an Idempotency-Key is sent */
    public bool $isIdempotent = false;
    /** @internal @var list<string> the payload's path in the body */
    public array $envelopePath = [];
    /** @internal @var string|null the Accept header */
    public ?string $acceptType = null;

    /**
     * A call of a method on a path template.
     *
     * @param string $method the HTTP method
     * @param string $pathTemplate the path, with `{name}` for each path parameter
     */
    public function __construct(public readonly string $method, public readonly string $pathTemplate)
    {
        $this->queryParams = QueryParams::none();
    }

    /**
     * Fills `{wire}` in the path.
     *
     * @param string $wire the parameter's name
     * @param mixed $value its value
     * @param Encoding|null $enc its encoding (null: simple)
     * @return $this
     * @throws \InvalidArgumentException when the value is missing or empty
     */
    public function pathParam(string $wire, mixed $value, ?Encoding $enc = null): self
    {
        $enc ??= Encoding::of('simple');
        $tree = Wire::paramValue($value, $enc);
        if ($tree === null) {
            throw new \InvalidArgumentException('path parameter ' . $wire . ' is missing');
        }
        if ($tree === '' || WireSyntax::url()->simpleText($wire, $tree, $enc) === '') {
            throw new \InvalidArgumentException('path parameter ' . $wire . ' must not be empty');
        }
        $this->pathParams[] = [$wire, $tree, $enc];
        return $this;
    }

    /**
     * Adds a query parameter, in call order (an absent one keeps its place).
     *
     * @param string $wire the parameter's name
     * @param mixed $value its value, null = not sent
     * @param Encoding|null $enc its encoding (null: form, exploded)
     * @return $this
     */
    public function query(string $wire, mixed $value, ?Encoding $enc = null): self
    {
        $enc ??= Encoding::of('form')->explode();
        $tree = Wire::paramValue($value, $enc);
        $pairs = $tree === null ? [] : WireSyntax::url()->pairs($wire, $tree, $enc);
        $this->queryParams = $this->queryParams->append($wire, $pairs);
        return $this;
    }

    /**
     * Sets a header parameter (never percent-encoded).
     *
     * @param string $wire the header's name
     * @param mixed $value its value, null = not sent
     * @param Encoding|null $enc its encoding (null: simple)
     * @return $this
     */
    public function header(string $wire, mixed $value, ?Encoding $enc = null): self
    {
        $this->headers[] = [$wire, $value, $enc ?? Encoding::of('simple')];
        return $this;
    }

    /**
     * Sends a cookie parameter.
     *
     * @param string $wire the cookie's name
     * @param mixed $value its value, null = not sent
     * @param Encoding|null $enc its encoding (null: form, exploded)
     * @return $this
     */
    public function cookie(string $wire, mixed $value, ?Encoding $enc = null): self
    {
        $this->cookies[] = [$wire, $value, $enc ?? Encoding::of('form')->explode()];
        return $this;
    }

    /**
     * Sends a JSON body.
     *
     * @param mixed $body a model, enum, array or scalar; null = no body
     * @return $this
     */
    public function jsonBody(mixed $body): self
    {
        $this->json = $body;
        return $this;
    }

    /**
     * Sends an application/x-www-form-urlencoded body, its properties in their order.
     *
     * @param mixed $body a model or array<string, mixed>
     * @return $this
     */
    public function formBody(mixed $body): self
    {
        $this->form = $body;
        $this->hasForm = true;
        return $this;
    }

    /**
     * Says how a form or multipart property is written when it is not by its default.
     *
     * @param string $wire the property's name
     * @param Encoding $enc its encoding
     * @return $this
     */
    public function fieldEncoding(string $wire, Encoding $enc): self
    {
        $this->encodings[$wire] = $enc;
        return $this;
    }

    /**
     * Adds a multipart property (a null one is left out).
     *
     * @param string $wire the property's name
     * @param mixed $value its value
     * @param Encoding|null $enc its encoding
     * @return $this
     */
    public function multipartField(string $wire, mixed $value, ?Encoding $enc = null): self
    {
        $this->parts[] = [$wire, $value, $enc, false];
        return $this;
    }

    /**
     * Adds a multipart file property.
     *
     * @param string $wire the property's name
     * @param FileUpload|list<FileUpload>|null $files one file or a list
     * @return $this
     */
    public function fileField(string $wire, FileUpload|array|null $files): self
    {
        $this->parts[] = [$wire, $files, null, true];
        return $this;
    }

    /**
     * Sends a binary body.
     *
     * @param FileUpload|string $body a file (its own content type wins when given) or the bytes
     * @param string $mediaType its media type ('' = application/octet-stream)
     * @return $this
     */
    public function binaryBody(FileUpload|string $body, string $mediaType): self
    {
        $type = $mediaType === '' ? 'application/octet-stream' : $mediaType;
        if ($body instanceof FileUpload) {
            $this->content = $body->content();
            $type = $body->hasContentType() ? $body->contentType() : $type;
        } else {
            $this->content = $body;
        }
        $this->contentType = $type;
        return $this;
    }

    /**
     * Sends a text body.
     *
     * @param string $body the text
     * @param string $mediaType its media type ('' = text/plain)
     * @return $this
     */
    public function textBody(string $body, string $mediaType): self
    {
        $this->content = $body;
        $this->contentType = $mediaType === '' ? 'text/plain' : $mediaType;
        return $this;
    }

    /**
     * Sets the operation's security alternatives; [] makes it public. Not called: the client's default.
     *
     * @param list<list<string>> $alternatives each a list of scheme names
     * @return $this
     */
    public function security(array $alternatives): self
    {
        $this->securityAlternatives = $alternatives;
        return $this;
    }

    /**
     * Gives the call an Idempotency-Key (a v4 UUID), the same on every try.
     *
     * @return $this
     */
    public function idempotent(): self
    {
        $this->isIdempotent = true;
        return $this;
    }

    /**
     * Says where the payload is inside the response body.
     *
     * @param list<string> $path the property names leading to it
     * @return $this
     */
    public function envelope(array $path): self
    {
        $this->envelopePath = $path;
        return $this;
    }

    /**
     * Sets the Accept header (default application/json).
     *
     * @param string $mediaType the media type
     * @return $this
     */
    public function accept(string $mediaType): self
    {
        $this->acceptType = $mediaType;
        return $this;
    }

    /**
     * A copy for another page, with a query value set in place.
     *
     * @internal
     * @param string $name the parameter
     * @param string $value its value
     * @return self the copy
     */
    public function withQueryValue(string $name, string $value): self
    {
        $next = clone $this;
        $next->queryParams = $this->queryParams->setValue($name, $value);
        return $next;
    }
}
