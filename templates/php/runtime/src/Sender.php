<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Sends prepared calls: per try, fetch any token, apply credentials, send; a 401 on a refreshable token drops it
 * and tries once more (not counted as a retry); otherwise the retry table decides.
 *
 * @internal
 */
final class Sender
{
    /**
     * A sender.
     *
     * @param ClientConfig $config the client's settings
     * @param Exchanger $exchanger sends one request
     * @param TokenFetcher $tokens fetches tokens
     */
    public function __construct(
        private readonly ClientConfig $config,
        private readonly Exchanger $exchanger,
        private readonly TokenFetcher $tokens,
    ) {
    }

    /**
     * Sends a call with its retries.
     *
     * @param Prepared $p the call
     * @return HttpResponse the successful answer (a streamed body not read yet)
     * @throws ApiException the last try's failure
     */
    public function send(Prepared $p): HttpResponse
    {
        $retries = 0;
        $reauthed = false;
        while (true) {
            try {
                $this->tokens->ensureTokens($p);
                $response = $this->exchanger->exchange($p->build());
                if ($response->statusCode >= 400) {
                    $body = Exchanger::readAll($response);
                    throw ErrorBodies::statusError($response->statusCode, $response->headers(), $body);
                }
                return $response;
            } catch (RefreshFailed $e) {
                throw $e->cause;
            } catch (ApiException $e) {
                if (!$reauthed && self::shouldReauth($p, $e)) {
                    $reauthed = true;
                    continue;
                }
                $delay = RetryPolicy::after($this->config, $e, $retries, $p->maxRetries);
                if ($delay === null) {
                    throw $e;
                }
                $retries++;
                $this->config->timing->sleep($delay);
            }
        }
    }

    private static function shouldReauth(Prepared $p, ApiException $error): bool
    {
        if (!$error instanceof ApiStatusException || $error->statusCode() !== 401) {
            return false;
        }
        $refreshable = false;
        foreach ($p->providers as $provider) {
            if ($provider->invalidate()) {
                $refreshable = true;
            }
        }
        return $refreshable;
    }
}
