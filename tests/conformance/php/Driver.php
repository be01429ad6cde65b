<?php

declare(strict_types=1);

namespace Zsdk\Conformance;

use Conformance\ConformanceClient;
use Conformance\Core\ApiConnectionException;
use Conformance\Core\ApiException;
use Conformance\Core\ApiResponseValidationException;
use Conformance\Core\ApiStatusException;
use Conformance\Core\ApiTimeoutException;
use Conformance\Core\AuthConfig;
use Conformance\Core\AuthenticationException;
use Conformance\Core\BadRequestException;
use Conformance\Core\BinaryResponse;
use Conformance\Core\ConflictException;
use Conformance\Core\EventStream;
use Conformance\Core\FileUpload;
use Conformance\Core\HttpRequest;
use Conformance\Core\HttpResponse;
use Conformance\Core\InternalServerException;
use Conformance\Core\Middleware;
use Conformance\Core\NotFoundException;
use Conformance\Core\OAuthTokens;
use Conformance\Core\Page;
use Conformance\Core\PermissionDeniedException;
use Conformance\Core\RateLimit;
use Conformance\Core\RateLimitException;
use Conformance\Core\RawResponse;
use Conformance\Core\RequestOptions;
use Conformance\Core\RetryConfig;
use Conformance\Core\UnprocessableEntityException;
use Conformance\Models\Filter;
use Conformance\Models\LineItem;
use Conformance\Models\Rgb;
use Conformance\Models\WidgetCreate;
use Conformance\Models\WidgetUpdate;
use Conformance\Models\WireForm;

/**
 * The PHP conformance driver: every scenario through the generated conformance SDK, one JSON line each.
 *
 *     php -r 'require $argv[1]; exit(\Zsdk\Conformance\Driver::main(array_slice($argv, 2)));' -- \
 *         Driver.php --autoload SDK/vendor/autoload.php --server URL --scenarios FILE
 *
 * The build step (tests/conformance/php/build.py) generates the SDK and dumps its Composer autoloader. Scenario
 * steps name calls as `resource.method` with wire-name arguments; here they become SDK calls with named
 * arguments, and what the SDK returned or threw is printed the way the Python driver prints it. A step with
 * `cancel_after` is cancelled the way Ctrl-C cancels a PHP program: a signal (SIGALRM, sent by a forked timer
 * process) whose handler throws into the call: a retry's wait (usleep) ends at the signal, a curl transfer first
 * runs to its end.
 */
final class Driver
{
    /** Every credential but the login token, by the client's argument name. */
    private const CREDENTIALS = [
        'apiKey' => 'test-key',
        'apiKeyQuery' => 'query-key',
        'bearerAuthToken' => 'bearer-token',
        'username' => 'user',
        'password' => 'pass',
        'clientId' => 'client-id',
        'clientSecret' => 'client-secret',
    ];

    /** A call's body, by call: the model it is given as. */
    private const BODIES = [
        'widgets.create' => WidgetCreate::class,
        'widgets.update' => WidgetUpdate::class,
        'wire.form' => WireForm::class,
    ];

    /** Arguments given as models, by wire name (a list: a list of that model). */
    private const MODELS = [
        'o' => Rgb::class,
        'oe' => Rgb::class,
        'o_flat' => Rgb::class,
        'o_space' => Rgb::class,
        'o_pipe' => Rgb::class,
        'deep' => Rgb::class,
        'json' => Rgb::class,
        'X-O' => Rgb::class,
        'X-O-Exploded' => Rgb::class,
        'c_o' => Rgb::class,
        'c_o_flat' => Rgb::class,
        'meta' => Rgb::class,
        'deep_nested' => Filter::class,
        'deep_brackets' => Filter::class,
        'deep_repeat' => Filter::class,
        'link' => Filter::class,
        'items' => [LineItem::class],
    ];

    /** The Python class name of each status error, subclasses first. */
    private const STATUS_ERRORS = [
        BadRequestException::class => 'BadRequestError',
        AuthenticationException::class => 'AuthenticationError',
        PermissionDeniedException::class => 'PermissionDeniedError',
        NotFoundException::class => 'NotFoundError',
        ConflictException::class => 'ConflictError',
        UnprocessableEntityException::class => 'UnprocessableEntityError',
        RateLimitException::class => 'RateLimitError',
        InternalServerException::class => 'InternalServerError',
    ];

    /** Seconds a cancelled call may take to end. */
    private const CANCEL_GRACE = 0.5;

    private const JSON = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION
        | JSON_THROW_ON_ERROR;

    /** @var list<?string> the refresh token of every set the client's token hook heard of, this scenario */
    private array $savedTokens = [];

    /** @var list<int> the status of every response the middleware saw, this scenario */
    private array $hooks = [];

    /** Whether the signal handler cancels the running step. */
    private bool $armed = false;

    /** Whether the running step was cancelled. */
    private bool $cancelled = false;

    private function __construct(private readonly string $server)
    {
    }

    /**
     * Runs every scenario of the file against the server, printing one observation per line.
     *
     * @param list<string> $args `--autoload FILE --server URL --scenarios FILE`
     * @return int the exit status
     */
    public static function main(array $args): int
    {
        $options = [];
        for ($i = 0; $i + 1 < count($args); $i += 2) {
            $options[ltrim($args[$i], '-')] = $args[$i + 1];
        }
        foreach (['autoload', 'server', 'scenarios'] as $required) {
            if (!isset($options[$required])) {
                fwrite(STDERR, "usage: Driver --autoload FILE --server URL --scenarios FILE\n");
                return 2;
            }
        }
        if (getenv('CONFORMANCE_API_KEY') === false) {
            fwrite(STDERR, "CONFORMANCE_API_KEY is not set (the harness sets it)\n");
            return 1;
        }
        require $options['autoload'];
        set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
            if ((error_reporting() & $severity) === 0) {
                return false;
            }
            throw new \ErrorException($message, 0, $severity, $file, $line);
        });
        $scenarios = json_decode((string) file_get_contents($options['scenarios']), true, 512, JSON_THROW_ON_ERROR);
        $driver = new self($options['server']);
        pcntl_async_signals(true);
        pcntl_signal(SIGALRM, $driver->interrupt(...));
        foreach ($scenarios as $scenario) {
            $driver->begin($scenario['id']);
            echo json_encode($driver->run($scenario), self::JSON), "\n";
        }
        return 0;
    }

    /** Tells the server which scenario the next requests belong to. */
    private function begin(string $id): void
    {
        $this->savedTokens = [];
        $this->hooks = [];
        $handle = curl_init($this->server . '/_conformance/begin?scenario=' . rawurlencode($id));
        curl_setopt_array($handle, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10]);
        $answered = curl_exec($handle);
        $status = curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        curl_close($handle);
        if ($answered === false || intdiv($status, 100) !== 2) {
            throw new \RuntimeException("beginning $id: " . ($answered === false ? 'no answer' : $status));
        }
    }

    // -------------------------------------------------------------------------------------------- the client

    /**
     * The scenario's observation: what each step gave.
     *
     * @param array<string, mixed> $scenario
     * @return array<string, mixed>
     */
    private function run(array $scenario): array
    {
        $spec = $scenario['client'] ?? [];
        try {
            $client = $this->client($spec);
        } catch (\InvalidArgumentException $e) { // a client that cannot be made: every step sees why
            $client = null;
            $refused = ['error' => self::errorObservation($e)];
        }
        $steps = [];
        foreach ($scenario['steps'] as $step) {
            $steps[] = $client === null ? $refused : $this->observe($client, $step);
        }
        $out = ['scenario' => $scenario['id'], 'steps' => $steps];
        if ($spec['hooks'] ?? false) {
            $out['hooks'] = $this->hooks;
        }
        return $out;
    }

    /**
     * The scenario's client, made with named arguments as a user makes it.
     *
     * @param array<string, mixed> $spec
     */
    private function client(array $spec): ConformanceClient
    {
        $args = ($spec['credentials'] ?? 'given') === 'given' ? self::CREDENTIALS : [];
        if (isset($spec['region'])) {
            [$host, $port] = explode(':', substr($this->server, strlen('http://')), 2);
            $args += ['host' => $host, 'port' => $port, 'region' => $spec['region']];
        }
        if (!isset($spec['region']) || ($spec['base_url'] ?? '') === 'given') {
            $args['baseUrl'] = $this->server . '/us';
        }
        if (isset($spec['timeout'])) {
            $args['timeout'] = (float) $spec['timeout'];
        }
        if (isset($spec['max_retries'])) {
            $args['maxRetries'] = $spec['max_retries'];
        }
        if (isset($spec['retry_config'])) { // the scenarios give every field
            $config = $spec['retry_config'];
            $args['retryConfig'] = new RetryConfig(
                maxRetries: $config['max_retries'],
                baseDelay: (float) $config['base_delay'],
                maxDelay: (float) $config['max_delay'],
                exponentialBackoff: $config['exponential_backoff'],
            );
        }
        if (isset($spec['auth_config'])) {
            $config = $spec['auth_config'];
            $args['authConfig'] = new AuthConfig(
                refreshBuffer: isset($config['refresh_buffer_seconds']) ? (float) $config['refresh_buffer_seconds']
                    : null,
                maxRefreshRetries: $config['max_refresh_retries'] ?? null,
            );
        }
        if (isset($spec['default_headers'])) {
            $args['defaultHeaders'] = $spec['default_headers'];
        }
        if ($spec['hooks'] ?? false) {
            $args['middleware'] = [$this->recorder()];
        }
        if (isset($spec['oauth_tokens'])) {
            $stored = $spec['oauth_tokens'];
            $args['oauthTokens'] = new OAuthTokens(
                accessToken: $stored['access_token'],
                refreshToken: $stored['refresh_token'],
                expiresAt: self::secondsFromNow((float) $stored['expires_in']),
            );
        }
        $client = new ConformanceClient(...$args);
        $client->oauth()->onTokens(function (OAuthTokens $tokens): void {
            $this->savedTokens[] = $tokens->refreshToken;
        });
        return $client;
    }

    /** The moment `$seconds` from now. */
    private static function secondsFromNow(float $seconds): \DateTimeImmutable
    {
        return (new \DateTimeImmutable())->modify(sprintf('%+d microseconds', (int) round($seconds * 1e6)));
    }

    /** The middleware of a client with hooks: `X-Hook: on` on every request, every response's status kept. */
    private function recorder(): Middleware
    {
        $hooks = &$this->hooks;
        return new class ($hooks) implements Middleware {
            /** @param list<int> $statuses */
            public function __construct(private array &$statuses)
            {
            }

            /** Adds the header, and records the response's status. */
            public function handle(HttpRequest $request, callable $next): HttpResponse
            {
                $response = $next($request->withHeader('X-Hook', 'on'));
                $this->statuses[] = $response->statusCode;
                return $response;
            }
        };
    }

    // -------------------------------------------------------------------------------------------- steps

    /**
     * The step's observation: what it gave, or how it failed, or that it was cancelled.
     *
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    private function observe(ConformanceClient $client, array $step): array
    {
        $started = microtime(true);
        $timer = isset($step['cancel_after']) ? $this->cancelAfter((float) $step['cancel_after']) : null;
        try {
            return $this->runStep($client, $step);
        } catch (\Throwable $e) {
            if ($this->cancelled) {
                $late = microtime(true) - $started - $step['cancel_after'] > self::CANCEL_GRACE;
                return ['cancelled' => $late ? 'late' : 'prompt'];
            }
            return ['error' => self::errorObservation($e)];
        } finally {
            $this->armed = false;
            $this->cancelled = false;
            if ($timer !== null) {
                posix_kill($timer, SIGKILL);
                pcntl_waitpid($timer, $status);
            }
        }
    }

    /** Starts a process that sends this one SIGALRM after `$seconds`; its id. */
    private function cancelAfter(float $seconds): int
    {
        $pid = pcntl_fork();
        if ($pid === -1) {
            throw new \RuntimeException('cannot fork the cancel timer');
        }
        if ($pid === 0) { // the timer: signals, then ends without running any of the parent's cleanup
            usleep((int) round($seconds * 1e6));
            posix_kill(posix_getppid(), SIGALRM);
            posix_kill(posix_getpid(), SIGKILL);
        }
        $this->armed = true;
        return $pid;
    }

    /** SIGALRM's handler: cancels the running step by throwing into it. */
    private function interrupt(): void
    {
        if ($this->armed) {
            $this->armed = false;
            $this->cancelled = true;
            throw new \RuntimeException('cancelled');
        }
    }

    /**
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    private function runStep(ConformanceClient $client, array $step): array
    {
        if (array_key_exists('sleep', $step)) {
            usleep((int) round($step['sleep'] * 1e6));
            return ['slept' => $step['sleep']];
        }
        if (array_key_exists('authenticate', $step)) {
            $client->authenticate(email: $step['authenticate']['email'], password: $step['authenticate']['password']);
            return ['authenticated' => true];
        }
        return $this->oauthStep($client, $step) ?? $this->callStep($client, $step);
    }

    /**
     * A call: `resource.method` with the step's arguments by name, observed as the step asks.
     *
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    private function callStep(ConformanceClient $client, array $step): array
    {
        [$resource, $method] = array_map(self::camel(...), explode('.', $step['call']));
        $service = $client->{$resource};
        $args = [];
        foreach ($step['args'] ?? [] as $name => $value) {
            $args[self::camel((string) $name)] = self::argument($step['call'], (string) $name, $value);
        }
        if (isset($step['options'])) {
            $args['options'] = self::options($step['options']);
        }
        $observe = $step['observe'] ?? 'result';
        if ($observe === 'raw') {
            return ['raw' => self::raw($service->withRawResponse->{$method}(...$args))];
        }
        $result = $service->{$method}(...$args);
        return match ($observe) {
            'page' => ['page' => self::page($result)],
            'walk' => ['walk' => self::walk($result)],
            'bytes' => ['bytes' => self::bytes($result)],
            'events' => ['events' => self::events($result)],
            'variant' => ['variant' => self::variant($result->{self::camel($step['field'] ?? 'shape')})],
            default => ['result' => $result],
        };
    }

    /** A scenario argument as the SDK takes it: a body or an object as its model, a file as a FileUpload. */
    private static function argument(string $call, string $name, mixed $value): mixed
    {
        if ($name === 'body') {
            return self::BODIES[$call]::fromArray($value);
        }
        if ($name === 'file') {
            return FileUpload::fromString($value['text'], $value['filename'], $value['content_type']);
        }
        $model = self::MODELS[$name] ?? null;
        if (is_array($model)) {
            return array_map(static fn (array $item): object => $model[0]::fromArray($item), $value);
        }
        return $model === null ? $value : $model::fromArray($value);
    }

    /**
     * The step's per-call options.
     *
     * @param array<string, mixed> $options
     */
    private static function options(array $options): RequestOptions
    {
        return new RequestOptions(
            timeout: isset($options['timeout']) ? (float) $options['timeout'] : null,
            maxRetries: $options['max_retries'] ?? null,
            idempotencyKey: $options['idempotency_key'] ?? null,
            headers: $options['headers'] ?? [],
            query: $options['query'] ?? [],
        );
    }

    /** A wire name as the SDK's lowerCamel PHP name: `widget_id` is widgetId, `X-O-Exploded` xOExploded. */
    private static function camel(string $wire): string
    {
        $words = preg_split('/[-_]/', $wire);
        return lcfirst(array_shift($words)) . implode('', array_map(ucfirst(...), $words));
    }

    // -------------------------------------------------------------------------------------------- OAuth2

    /**
     * A step of the OAuth2 authorization code flow; null for any other step.
     *
     * @param array<string, mixed> $step
     * @return array<string, mixed>|null
     */
    private function oauthStep(ConformanceClient $client, array $step): ?array
    {
        if (array_key_exists('oauth_url', $step)) {
            $args = $step['oauth_url'];
            $request = $client->oauth()->authorizationUrl(
                $args['redirect_uri'],
                scopes: $args['scopes'] ?? null,
                state: $args['state'] ?? null,
                codeVerifier: $args['code_verifier'] ?? null,
            );
            return [
                'authorization_url' => self::splitUrl($request->url),
                'state' => $request->state,
                'code_verifier' => $request->codeVerifier,
            ];
        }
        if (array_key_exists('oauth_exchange', $step)) {
            $args = $step['oauth_exchange'];
            return $this->tokensObservation($client->oauth()->exchangeCode(
                $args['code'],
                $args['redirect_uri'],
                codeVerifier: $args['code_verifier'] ?? null,
            ));
        }
        if (array_key_exists('oauth_tokens', $step)) {
            return $this->tokensObservation($client->oauth()->tokens());
        }
        if (array_key_exists('oauth_revoke', $step)) {
            $client->oauth()->revoke($step['oauth_revoke']['token'] ?? null);
            return ['revoked' => true];
        }
        return null;
    }

    /**
     * A URL's path and its query, parsed (the first value of each name) and as built.
     *
     * @return array<string, mixed>
     */
    private static function splitUrl(string $url): array
    {
        $query = (string) parse_url($url, PHP_URL_QUERY);
        $parsed = [];
        foreach (explode('&', $query) as $pair) {
            if ($pair !== '') {
                [$name, $value] = array_pad(explode('=', $pair, 2), 2, '');
                $parsed[urldecode($name)] ??= urldecode($value);
            }
        }
        return ['path' => parse_url($url, PHP_URL_PATH), 'query' => (object) $parsed, 'raw_query' => $query];
    }

    /** @return array<string, mixed> */
    private function tokensObservation(?OAuthTokens $tokens): array
    {
        $found = $tokens === null ? null : [
            'access_token' => $tokens->accessToken,
            'refresh_token' => $tokens->refreshToken,
            'expires' => $tokens->expiresAt !== null,
        ];
        return ['tokens' => $found, 'saved' => $this->savedTokens];
    }

    // -------------------------------------------------------------------------------------------- observations

    /** @return array<string, mixed> */
    private static function errorObservation(\Throwable $error): array
    {
        if ($error instanceof ApiStatusException) {
            return [
                'type' => self::statusErrorType($error),
                'status' => $error->statusCode(),
                'message' => $error->getMessage(),
                'code' => $error->code(),
                'request_id' => $error->requestId(),
                'body' => self::errorBody($error->body()),
                'text' => (string) $error,
                'field' => $error->field(),
                'rate_limit' => self::rateLimit($error->rateLimit()),
            ];
        }
        return match (true) {
            $error instanceof ApiTimeoutException => ['type' => 'APITimeoutError'],
            $error instanceof ApiConnectionException => ['type' => 'APIConnectionError'],
            $error instanceof ApiResponseValidationException => ['type' => 'APIResponseValidationError'],
            $error instanceof ApiException => ['type' => 'APIError', 'message' => $error->getMessage()],
            $error instanceof \InvalidArgumentException => [
                'type' => 'invalid_argument',
                'message' => $error->getMessage(),
            ],
            default => ['type' => 'PHPError', 'message' => get_class($error) . ': ' . $error->getMessage()],
        };
    }

    private static function statusErrorType(ApiStatusException $error): string
    {
        foreach (self::STATUS_ERRORS as $class => $type) {
            if ($error instanceof $class) {
                return $type;
            }
        }
        return 'APIStatusError';
    }

    /** An error's body as JSON, else as text (null when empty). */
    private static function errorBody(string $body): mixed
    {
        if ($body === '') {
            return null;
        }
        try {
            return json_decode($body, false, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException) {
            return $body;
        }
    }

    /** @return array<string, ?int>|null */
    private static function rateLimit(?RateLimit $limit): ?array
    {
        if ($limit === null) {
            return null;
        }
        return ['limit' => $limit->limit, 'remaining' => $limit->remaining, 'reset' => $limit->reset];
    }

    /** @return array<string, mixed> */
    private static function raw(RawResponse $raw): array
    {
        try {
            $body = json_decode($raw->body(), false, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException) {
            $body = null;
        }
        return [
            'status' => $raw->statusCode(),
            'request_id' => $raw->requestId(),
            'result' => $raw->value,
            'body' => $body,
            'rate_limit' => self::rateLimit($raw->rateLimit()),
        ];
    }

    /** @return array<string, mixed> */
    private static function page(Page $page): array
    {
        return ['items' => array_map(static fn (object $item): string => $item->id, $page->items()),
            'has_next' => $page->hasNextPage()];
    }

    /** @return list<string> */
    private static function walk(Page $page): array
    {
        $ids = [];
        foreach ($page->autoPager() as $item) {
            $ids[] = $item->id;
        }
        return $ids;
    }

    /** @return array<string, mixed> */
    private static function bytes(BinaryResponse $binary): array
    {
        $content = $binary->body();
        return ['length' => strlen($content), 'sha256' => hash('sha256', $content)];
    }

    /** @return list<mixed> */
    private static function events(EventStream $stream): array
    {
        $events = [];
        try {
            foreach ($stream as $event) {
                $events[] = $event;
            }
        } finally {
            $stream->close();
        }
        return $events;
    }

    /** The class a union decoded into (null for null). */
    private static function variant(?object $value): ?string
    {
        return $value === null ? null : (new \ReflectionClass($value))->getShortName();
    }
}
