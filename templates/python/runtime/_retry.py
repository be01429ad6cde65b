"""When to retry and how long to wait: pure functions over a ``RetryPolicy``.

| outcome                                  | retried |
|------------------------------------------|---------|
| connection error, timeout                | yes     |
| 408, 429, 500, 502, 503, 504             | yes     |
| 409 with ``x-should-retry: true``        | yes     |
| any status with ``x-should-retry: false``| no      |
| anything else                            | no      |

Delay before retry ``n`` (0-based): a server hint (``retry-after-ms``, then
``Retry-After`` as seconds or an HTTP-date) when it is between 0 and
``max_retry_after`` seconds; otherwise ``min(max_delay, base_delay * 2**n)``
times a jitter factor in ``[0.75, 1.0]``.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "RETRYABLE_STATUSES",
    "RetryPolicy",
    "parse_retry_after",
    "retry_delay",
    "should_retry_status",
]

RETRYABLE_STATUSES: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})
RETRY_IF_ASKED_STATUSES: frozenset[int] = frozenset({409})


@dataclass(frozen=True)
class RetryPolicy:
    """Retry settings; the SDK's defaults come from generated code."""

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("retry delays must be >= 0")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    # httpx.Headers is case-insensitive; plain dicts in tests may not be.
    value = headers.get(name)
    if value is None:
        for key, candidate in headers.items():
            if key.lower() == name:
                return candidate
    return value


def should_retry_status(status: int, headers: Mapping[str, str]) -> bool:
    """The retry table above, for a response that arrived."""
    hint = (_header(headers, "x-should-retry") or "").strip().lower()
    if hint == "false":
        return False
    if status in RETRYABLE_STATUSES:
        return True
    return hint == "true" and status in RETRY_IF_ASKED_STATUSES


def parse_retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds the server asked us to wait, or ``None`` when it did not say.

    ``retry-after-ms`` wins over ``Retry-After``; an HTTP-date in the past
    gives 0.
    """
    millis = _header(headers, "retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = _header(headers, "retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


def retry_delay(
    policy: RetryPolicy,
    retries_done: int,
    headers: Mapping[str, str] | None,
    *,
    now: float,
    jitter: float,
) -> float:
    """Seconds to sleep before the next try.

    ``retries_done`` is how many retries already happened (0 before the
    first); ``jitter`` is a uniform random number in ``[0, 1)``.
    """
    if headers is not None:
        hinted = parse_retry_after(headers, now)
        if hinted is not None and hinted <= policy.max_retry_after:
            return hinted
    backoff = min(policy.max_delay, policy.base_delay * (2.0 ** min(retries_done, 62)))
    return max(0.0, backoff * (1.0 - 0.25 * jitter))
