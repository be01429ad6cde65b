<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * A token refresh that failed for good: the call fails with its cause (getPrevious()), without retrying.
 *
 * @internal
 */
final class RefreshFailed extends \RuntimeException
{
    /**
     * A failed refresh.
     *
     * @param ApiException $cause the refresh's error
     */
    public function __construct(public readonly ApiException $cause)
    {
        parent::__construct($cause->getMessage(), 0, $cause);
    }
}
