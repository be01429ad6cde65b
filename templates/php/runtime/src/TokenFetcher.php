<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Fetches the tokens providers ask for (client credentials, login refreshes, OAuth2 refreshes) and makes the
 * OAuth helpers' token endpoint calls.
 *
 * @internal
 */
final class TokenFetcher
{
    /**
     * A token fetcher.
     *
     * @param ClientConfig $config the client's settings
     * @param Exchanger $exchanger sends the token requests
     */
    public function __construct(private readonly ClientConfig $config, private readonly Exchanger $exchanger)
    {
    }

    /**
     * Fetches the token of every provider of a call that needs one, in turn.
     *
     * @param Prepared $p the call
     * @throws ApiException when a fetch failed (the try fails)
     * @throws RefreshFailed when a login refresh failed for good (the call fails)
     */
    public function ensureTokens(Prepared $p): void
    {
        foreach ($p->providers as $provider) {
            if ($provider->tokenRequest($this->config->timing->now()) !== null) {
                $this->fetchTokens($p, $provider);
            }
        }
    }

    /**
     * Makes a token endpoint call.
     *
     * @param TokenRequest $token the call
     * @param float $timeout seconds it may take
     * @return mixed the decoded body (the text when not JSON)
     * @throws ApiException when it failed
     */
    public function sendToken(TokenRequest $token, float $timeout): mixed
    {
        $headers = [];
        if ($this->config->userAgent !== '') {
            $headers['User-Agent'] = $this->config->userAgent;
        }
        foreach ($this->config->defaultHeaders as $name => $value) {
            $headers[$name] = $value;
        }
        $headers['Accept'] = 'application/json';
        $body = null;
        if ($token->form !== null) {
            $pairs = array_map(
                fn (array $p): string => self::formEscape($p[0]) . '=' . self::formEscape($p[1]),
                $token->form
            );
            $body = implode('&', $pairs);
            $headers['Content-Type'] = 'application/x-www-form-urlencoded';
        } elseif ($token->json !== null) {
            $body = Json::encode($token->json);
            $headers['Content-Type'] = 'application/json';
        }
        $request = new HttpRequest($token->method, $this->config->absolute($token->url), $headers, $body, $timeout);
        $response = $this->exchanger->exchange($request);
        $text = Exchanger::readAll($response);
        if ($response->statusCode >= 400) {
            throw ErrorBodies::statusError($response->statusCode, $response->headers(), $text);
        }
        [$ok, $decoded] = Json::tryDecode($text);
        return $ok ? $decoded : $text;
    }

    /**
     * A form value as Go's url.QueryEscape writes it: percent-encoded, a space as `+`.
     *
     * @param string $text the text
     * @return string the encoded text
     */
    public static function formEscape(string $text): string
    {
        return str_replace('%20', '+', Wire::percent($text));
    }

    /**
     * Fetches a provider's token; a provider with refresh retries (login) tries again while the retry table and
     * that limit allow, then ends the call. Any other failure fails the try.
     */
    private function fetchTokens(Prepared $p, AuthProvider $provider): void
    {
        $tries = 0;
        while (true) {
            try {
                $token = $provider->tokenRequest($this->config->timing->now());
                if ($token !== null) {
                    $body = $this->sendToken($token, $p->timeout);
                    $provider->acceptToken($body, $this->config->timing->now());
                }
                return;
            } catch (ApiException $e) {
                $limit = $provider->maxRefreshRetries();
                if ($limit < 0) {
                    throw $e;
                }
                $delay = RetryPolicy::after($this->config, $e, $tries, $limit);
                if ($delay === null) {
                    throw new RefreshFailed($e);
                }
                $tries++;
                $this->config->timing->sleep($delay);
            }
        }
    }
}
