<?php

declare(strict_types=1);

namespace Zsdk\Runtime\Tests;

use Zsdk\Runtime\ClientCore;
use Zsdk\Runtime\ClientDefaults;
use Zsdk\Runtime\HttpTransport;
use Zsdk\Runtime\RetryConfig;

/**
 * Builds clients over a fake transport and clock.
 */
final class Fixtures
{
    /**
     * A client core over a transport.
     *
     * @param HttpTransport $transport the transport
     * @param FakeTiming $timing the clock
     * @param array<string, \Zsdk\Runtime\AuthProvider> $auth the providers
     * @param list<list<string>> $security the default security
     * @param int|null $maxRetries the retries
     * @param RetryConfig|null $retry the retry settings
     * @param array<string, mixed> $more extra named arguments of ClientCore
     * @return ClientCore the core
     */
    public static function core(
        HttpTransport $transport,
        FakeTiming $timing,
        array $auth = [],
        array $security = [],
        ?int $maxRetries = null,
        ?RetryConfig $retry = null,
        array $more = [],
    ): ClientCore {
        $defaults = new ClientDefaults('https://api.test/v1', [], $security, userAgent: 'test/1.0 php');
        $args = [
            'auth' => $auth,
            'maxRetries' => $maxRetries,
            'retryConfig' => $retry,
            'transport' => $transport,
            'timing' => $timing,
        ];
        return new ClientCore($defaults, ...($more + $args));
    }
}
