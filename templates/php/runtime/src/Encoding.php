<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * How a parameter or a form/multipart property is written (OpenAPI's style, explode, allowReserved, our
 * x-zsdk-deep-object nesting, a content media type). Immutable: each modifier returns a copy.
 */
final class Encoding
{
    private function __construct(
        public readonly string $style,
        public readonly bool $exploded = false,
        public readonly bool $reserved = false,
        public readonly string $nesting = 'indexed',
        public readonly string $contentType = '',
    ) {
    }

    /**
     * An encoding of a style: explode false, allowReserved false, nesting 'indexed', no content type.
     *
     * @param string $style simple, label, matrix, form, spaceDelimited, pipeDelimited or deepObject
     * @return self the encoding
     */
    public static function of(string $style): self
    {
        return new self($style);
    }

    /**
     * This encoding, exploded.
     *
     * @return self the copy
     */
    public function explode(): self
    {
        return new self($this->style, true, $this->reserved, $this->nesting, $this->contentType);
    }

    /**
     * This encoding, keeping reserved characters (query and form values only).
     *
     * @return self the copy
     */
    public function allowReserved(): self
    {
        return new self($this->style, $this->exploded, true, $this->nesting, $this->contentType);
    }

    /**
     * This encoding with deepObject arrays written as `indexed`, `brackets` or `repeat`.
     *
     * @param string $nesting the convention
     * @return self the copy
     */
    public function nesting(string $nesting): self
    {
        return new self($this->style, $this->exploded, $this->reserved, $nesting, $this->contentType);
    }

    /**
     * This encoding with a content media type (a JSON one sends the compact JSON text).
     *
     * @param string $contentType the media type
     * @return self the copy
     */
    public function contentType(string $contentType): self
    {
        return new self($this->style, $this->exploded, $this->reserved, $this->nesting, $contentType);
    }
}
