<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * What a client and its services hold: the settings, the transport and the credential providers. Every call
 * goes through execute() or executeRaw(). Immutable after construction (the providers keep their tokens).
 */
final class ClientCore
{
    private readonly ClientConfig $config;
    private readonly Sender $sender;
    private readonly TokenFetcher $tokens;

    /**
     * A client's core.
     *
     * @param ClientDefaults $defaults the SDK's defaults
     * @param array<string, AuthProvider> $auth scheme name => provider
     * @param string|null $baseUrl the base URL, used verbatim (server variables then ignored)
     * @param array<string, string|null> $serverVariables wire name => value (null = the default)
     * @param float|null $timeout seconds per try
     * @param int|null $maxRetries retries after the first try (wins over the retry config's)
     * @param RetryConfig|null $retryConfig retry settings
     * @param AuthConfig|null $authConfig token refresh settings
     * @param array<string, string> $defaultHeaders headers sent with every request
     * @param HttpTransport|null $transport the transport (default: CurlTransport)
     * @param list<Middleware> $middleware middleware seeing every try, token calls included
     * @param Timing|null $timing the clock, waits and jitter (default: SystemTiming)
     * @throws \InvalidArgumentException when a server variable is not one its enum allows
     */
    public function __construct(
        ClientDefaults $defaults,
        array $auth = [],
        ?string $baseUrl = null,
        array $serverVariables = [],
        ?float $timeout = null,
        ?int $maxRetries = null,
        ?RetryConfig $retryConfig = null,
        ?AuthConfig $authConfig = null,
        array $defaultHeaders = [],
        ?HttpTransport $transport = null,
        array $middleware = [],
        ?Timing $timing = null,
    ) {
        $retry = $retryConfig ?? new RetryConfig();
        $refresh = $authConfig ?? new AuthConfig();
        foreach ($auth as $provider) {
            $provider->configure(
                $refresh->refreshBuffer ?? $defaults->refreshBuffer,
                $refresh->maxRefreshRetries ?? $defaults->refreshRetries,
            );
        }
        $this->config = new ClientConfig(
            $baseUrl ?? self::resolveServer($defaults, $serverVariables),
            $defaults->userAgent,
            $timeout ?? $defaults->timeout,
            max(0, $maxRetries ?? $retry->maxRetries ?? $defaults->maxRetries),
            $retry->baseDelay ?? $defaults->baseDelay,
            $retry->maxDelay ?? $defaults->maxDelay,
            $retry->exponentialBackoff,
            $defaultHeaders,
            $defaults->defaultSecurity,
            $transport ?? new CurlTransport(),
            array_values($middleware),
            $auth,
            $timing ?? new SystemTiming(),
        );
        $exchanger = new Exchanger($this->config);
        $this->tokens = new TokenFetcher($this->config, $exchanger);
        $this->sender = new Sender($this->config, $exchanger, $this->tokens);
    }

    /**
     * An environment variable.
     *
     * @param string $name the variable
     * @return string|null its value, null when unset or empty
     */
    public static function env(string $name): ?string
    {
        $value = getenv($name);
        return $value === false || $value === '' ? null : $value;
    }

    /**
     * Runs a call and gives its value.
     *
     * @param Call $call the call
     * @param RequestOptions|null $options the call's options
     * @return mixed the value
     * @throws ApiException when the call failed
     */
    public function execute(Call $call, ?RequestOptions $options = null): mixed
    {
        try {
            return $this->executeRaw($call, $options)->value;
        } catch (ApiStatusException | ApiConnectionException $e) {
            if ($call->isCheck()) {
                return false;
            }
            throw $e;
        }
    }

    /**
     * Runs a call and gives its value with the HTTP response.
     *
     * @param Call $call the call
     * @param RequestOptions|null $options the call's options
     * @return RawResponse<mixed> the value and response
     * @throws ApiException when the call failed
     */
    public function executeRaw(Call $call, ?RequestOptions $options = null): RawResponse
    {
        $options ??= new RequestOptions();
        $prepared = Prepared::of($this->config, $call->request(), $options, $call->streamed());
        $response = $this->sender->send($prepared);
        $body = $call->streamed() ? '' : Exchanger::readAll($response);
        $exchange = new Exchange($this, $options, $call->request(), $response, $body);
        $value = $call->read($exchange);
        return new RawResponse($value, $response->statusCode, $response->headers(), $body);
    }

    /**
     * Calls a login operation (x-zsdk-login) and stores the tokens of its body for the scheme.
     *
     * @param Call $call the login call (its raw body gives the tokens)
     * @param string $scheme the login scheme's name
     * @param RequestOptions|null $options the call's options
     * @throws \InvalidArgumentException when the scheme is not a login scheme
     * @throws ApiException when the login failed
     */
    public function login(Call $call, string $scheme, ?RequestOptions $options = null): void
    {
        $provider = $this->config->auth[$scheme] ?? null;
        if (!$provider instanceof LoginTokenAuth) {
            throw new \InvalidArgumentException('scheme ' . $scheme . ' is not a login scheme');
        }
        $prepared = Prepared::of($this->config, $call->request(), $options ?? new RequestOptions(), false);
        $body = Exchanger::readAll($this->sender->send($prepared));
        [$ok, $decoded] = Json::tryDecode($body);
        if (!$ok) {
            throw new ApiResponseValidationException('Login response is not valid JSON', $body);
        }
        $provider->update($decoded, $this->config->timing->now());
    }

    /**
     * The OAuth2 authorization-code helpers of a scheme.
     *
     * @param string $scheme the scheme's name
     * @return OAuth the helpers
     * @throws \InvalidArgumentException when the scheme has no authorization-code flow
     */
    public function oauth(string $scheme): OAuth
    {
        $provider = $this->config->auth[$scheme] ?? null;
        if (!$provider instanceof AuthorizationCodeAuth) {
            throw new \InvalidArgumentException('scheme ' . $scheme . ' has no authorization code flow');
        }
        return new OAuth($this->config, $this->tokens, $provider);
    }

    /**
     * The base URL calls are sent to.
     *
     * @return string the URL
     */
    public function baseUrl(): string
    {
        return $this->config->baseUrl;
    }

    /**
     * @param array<string, string|null> $values
     */
    private static function resolveServer(ClientDefaults $defaults, array $values): string
    {
        return (string) preg_replace_callback(
            '/\{([^{}]+)\}/',
            static function (array $match) use ($defaults, $values): string {
                $name = $match[1];
                $variable = $defaults->serverVariables[$name] ?? null;
                $value = $values[$name] ?? null;
                if ($value === null) {
                    $value = $variable === null ? $match[0] : $variable[0];
                }
                $allowed = $variable[1] ?? [];
                if ($allowed !== [] && !in_array($value, $allowed, true)) {
                    throw new \InvalidArgumentException(
                        'server variable ' . $name . ' must be one of ' . implode(', ', $allowed)
                        . ', got "' . $value . '"'
                    );
                }
                return $value;
            },
            $defaults->baseUrl,
        );
    }
}
