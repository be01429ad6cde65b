<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A file to upload: its bytes (read once, so retries resend identical bytes), its file name and content type.
 */
final class FileUpload
{
    private function __construct(
        private readonly string $content,
        private readonly string $filename,
        private readonly ?string $contentType,
    ) {
    }

    /**
     * A file read from disk now.
     *
     * @param string $path the file's path
     * @param string|null $contentType its content type (default application/octet-stream)
     * @return self the upload
     * @throws \InvalidArgumentException when the file cannot be read
     */
    public static function fromPath(string $path, ?string $contentType = null): self
    {
        $content = is_file($path) && is_readable($path) ? file_get_contents($path) : false;
        if ($content === false) {
            throw new \InvalidArgumentException('cannot read file ' . $path);
        }
        return new self($content, basename($path), $contentType);
    }

    /**
     * A file of bytes in memory.
     *
     * @param string $bytes the content
     * @param string $filename the file name sent
     * @param string|null $contentType its content type
     * @return self the upload
     */
    public static function fromString(string $bytes, string $filename, ?string $contentType = null): self
    {
        return new self($bytes, $filename, $contentType);
    }

    /**
     * A file read from a stream now (to its end).
     *
     * @param resource $resource an open stream
     * @param string $filename the file name sent
     * @param string|null $contentType its content type
     * @return self the upload
     * @throws \InvalidArgumentException when the stream cannot be read
     */
    public static function fromStream($resource, string $filename, ?string $contentType = null): self
    {
        $content = is_resource($resource) ? stream_get_contents($resource) : false;
        if ($content === false) {
            throw new \InvalidArgumentException('cannot read the stream of ' . $filename);
        }
        return new self($content, $filename, $contentType);
    }

    /**
     * The bytes.
     *
     * @return string the content
     */
    public function content(): string
    {
        return $this->content;
    }

    /**
     * The file name sent.
     *
     * @return string the name
     */
    public function filename(): string
    {
        return $this->filename;
    }

    /**
     * The content type sent.
     *
     * @return string the given type, else application/octet-stream
     */
    public function contentType(): string
    {
        return $this->contentType ?? 'application/octet-stream';
    }

    /**
     * Whether a content type was given.
     *
     * @return bool true when given
     */
    public function hasContentType(): bool
    {
        return $this->contentType !== null;
    }
}
