<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A token endpoint call a provider asks for: a form or a JSON body.
 *
 * @internal
 */
final class TokenRequest
{
    /**
     * A token request.
     *
     * @param string $method the HTTP method
     * @param string $url the URL (relative to the base URL, or absolute)
     * @param list<array{0: string, 1: string}>|null $form form pairs
     * @param array<string, string>|null $json a JSON object
     */
    public function __construct(
        public readonly string $method,
        public readonly string $url,
        public readonly ?array $form = null,
        public readonly ?array $json = null,
    ) {
    }

    /**
     * A POST of a form.
     *
     * @param string $url the URL
     * @param list<array{0: string, 1: string}> $form the pairs
     * @return self the request
     */
    public static function post(string $url, array $form): self
    {
        return new self('POST', $url, $form);
    }
}
