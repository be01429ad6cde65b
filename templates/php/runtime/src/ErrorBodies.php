<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Reads message, code and field from an error body and builds the typed error. Envelopes, in order:
 * {error: {message, code|type}}, {error: "text"} (with OAuth's error_description), {errors: [{code, message,
 * field}]}, {message, code}, {detail: str | [{msg}]}, {title}.
 *
 * @internal
 */
final class ErrorBodies
{
    private const CLASSES = [
        400 => BadRequestException::class,
        401 => AuthenticationException::class,
        403 => PermissionDeniedException::class,
        404 => NotFoundException::class,
        409 => ConflictException::class,
        422 => UnprocessableEntityException::class,
        429 => RateLimitException::class,
    ];

    /**
     * Message and code of a decoded error body, each '' when absent.
     *
     * @param mixed $body the decoded body
     * @return array{0: string, 1: string} message and code
     */
    public static function extract(mixed $body): array
    {
        if (!is_array($body) || ($body !== [] && array_is_list($body))) {
            return ['', ''];
        }
        $error = $body['error'] ?? null;
        if (is_array($error)) {
            $message = self::text($error['message'] ?? null);
            $code = self::code($error['code'] ?? null);
            if ($code === '') {
                $code = self::code($error['type'] ?? null);
            }
            if ($message !== '' || $code !== '') {
                return [$message, $code];
            }
        } elseif (is_string($error) && $error !== '') {
            $description = self::text($body['error_description'] ?? null);
            if ($description !== '') {
                return [$description, $error];
            }
            return [$error, self::code($body['code'] ?? null)];
        }
        $errors = $body['errors'] ?? null;
        if (is_array($errors) && $errors !== []) {
            $found = self::fromList($errors);
            if ($found[0] !== '') {
                return $found;
            }
        }
        $message = self::text($body['message'] ?? null);
        if ($message !== '') {
            return [$message, self::code($body['code'] ?? null)];
        }
        $detail = $body['detail'] ?? null;
        if (is_string($detail) && $detail !== '') {
            return [$detail, self::code($body['code'] ?? null)];
        }
        if (is_array($detail)) {
            $found = self::fromList($detail);
            if ($found[0] !== '') {
                return $found;
            }
        }
        $title = self::text($body['title'] ?? null);
        if ($title !== '') {
            return [$title, self::code($body['code'] ?? null)];
        }
        return ['', ''];
    }

    /**
     * `errors[0].field` or `error.field`, when a string.
     *
     * @param mixed $body the decoded body
     * @return string the field, '' when none
     */
    public static function field(mixed $body): string
    {
        if (!is_array($body)) {
            return '';
        }
        $first = $body['error'] ?? null;
        $errors = $body['errors'] ?? null;
        if (is_array($errors) && $errors !== [] && array_is_list($errors)) {
            $first = $errors[0];
        }
        return is_array($first) ? self::text($first['field'] ?? null) : '';
    }

    /**
     * The typed error of an error status.
     *
     * @param int $status the status
     * @param array<string, list<string>> $headers the response headers
     * @param string $body the raw body
     * @return ApiStatusException the error
     */
    public static function statusError(int $status, array $headers, string $body): ApiStatusException
    {
        [, $decoded] = Json::tryDecode($body);
        [$message, $code] = self::extract($decoded);
        $field = self::field($decoded);
        $class = self::CLASSES[$status]
            ?? ($status >= 500 ? InternalServerException::class : ApiStatusException::class);
        return new $class(
            $status,
            $headers,
            $body,
            $message === '' ? 'Error code: ' . $status : $message,
            $code === '' ? null : $code,
            $field === '' ? null : $field,
        );
    }

    /**
     * @param array<mixed> $items
     * @return array{0: string, 1: string}
     */
    private static function fromList(array $items): array
    {
        $messages = [];
        $code = '';
        foreach ($items as $item) {
            if (is_string($item)) {
                $messages[] = $item;
            } elseif (is_array($item)) {
                $text = self::text($item['message'] ?? null);
                if ($text === '') {
                    $text = self::text($item['msg'] ?? null);
                }
                if ($text !== '') {
                    $messages[] = $text;
                }
                if ($code === '') {
                    $code = self::code($item['code'] ?? null);
                }
            }
        }
        return [implode('; ', $messages), $code];
    }

    private static function text(mixed $value): string
    {
        return is_string($value) ? $value : '';
    }

    private static function code(mixed $value): string
    {
        if (is_string($value)) {
            return $value;
        }
        return is_int($value) ? (string) $value : '';
    }
}
