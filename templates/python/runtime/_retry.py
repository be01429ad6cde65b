"""When to retry and how long to wait: pure functions over a ``RetryPolicy``.

| outcome                                  | retried |
|------------------------------------------|---------|
| connection error, timeout                | yes     |
| 408, 429, 500, 502, 503, 504             | yes     |
| 409 with ``x-should-retry: true``        | yes     |
| any status with ``x-should-retry: false``| no      |
| anything else                            | no      |

Delay before retry ``n`` (0-based): a server hint (``retry-after-ms``, then
``Retry-After`` as seconds or an HTTP-date, then, on a 429 only,
``X-RateLimit-Reset``) when it is between 0 and ``max_retry_after`` seconds;
otherwise ``min(max_delay, base_delay * 2**n)`` (``min(max_delay,
base_delay)`` with ``exponential_backoff`` off) times a jitter factor in
``[0.75, 1.0]``.

``X-RateLimit-Reset`` is seconds from now, or an epoch time in seconds when
it is larger than ``EPOCH_THRESHOLD`` (10**9, September 2001).
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass, replace

__all__ = [
    "RETRYABLE_STATUSES",
    "RateLimit",
    "RetryConfig",
    "RetryPolicy",
    "parse_rate_limit",
    "parse_retry_after",
    "retry_delay",
    "should_retry_status",
]

RETRYABLE_STATUSES: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504})
RETRY_IF_ASKED_STATUSES: frozenset[int] = frozenset({409})
EPOCH_THRESHOLD = 10**9


@dataclass(frozen=True)
class RetryPolicy:
    """Retry settings; the SDK's defaults come from generated code."""

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    exponential_backoff: bool = True

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("retry delays must be >= 0")

    def configured(self, config: RetryConfig | None) -> RetryPolicy:
        """This policy with the fields ``config`` sets."""
        if config is None:
            return self
        given = {name: getattr(config, name) for name in RETRY_CONFIG_FIELDS}
        return replace(self, **{k: v for k, v in given.items() if v is not None})


@dataclass(frozen=True)
class RetryConfig:
    """The client's ``retry_config``: each field left ``None`` keeps the
    SDK's default. Delays are seconds; with ``exponential_backoff`` off every
    retry waits ``base_delay``."""

    max_retries: int | None = None
    base_delay: float | None = None
    max_delay: float | None = None
    exponential_backoff: bool | None = None


RETRY_CONFIG_FIELDS = ("max_retries", "base_delay", "max_delay", "exponential_backoff")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    # httpx.Headers is case-insensitive; plain dicts in tests may not be.
    value = headers.get(name)
    if value is None:
        for key, candidate in headers.items():
            if key.lower() == name:
                return candidate
    return value


@dataclass(frozen=True)
class RateLimit:
    """The ``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset`` headers of a
    response, each ``None`` when absent or not a whole number. ``reset`` is as
    the server sent it: seconds from now, or an epoch time in seconds when it
    is larger than 10**9."""

    limit: int | None
    remaining: int | None
    reset: int | None


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    value = _header(headers, name)
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def parse_rate_limit(headers: Mapping[str, str]) -> RateLimit | None:
    """The rate-limit headers, or ``None`` when the response has none."""
    limit = _int_header(headers, "x-ratelimit-limit")
    remaining = _int_header(headers, "x-ratelimit-remaining")
    reset = _int_header(headers, "x-ratelimit-reset")
    if limit is None and remaining is None and reset is None:
        return None
    return RateLimit(limit=limit, remaining=remaining, reset=reset)


def rate_limit_reset_delay(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds until ``X-RateLimit-Reset``, or ``None`` without one."""
    reset = _int_header(headers, "x-ratelimit-reset")
    if reset is None:
        return None
    if reset > EPOCH_THRESHOLD:
        return max(0.0, reset - now)
    return max(0.0, float(reset))


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
    status: int | None = None,
) -> float:
    """Seconds to sleep before the next try.

    ``retries_done`` is how many retries already happened (0 before the
    first); ``jitter`` is a uniform random number in ``[0, 1)``; ``status``
    is the status that is retried (``None`` for a connection failure).
    """
    if headers is not None:
        hinted = parse_retry_after(headers, now)
        if hinted is None and status == 429:
            hinted = rate_limit_reset_delay(headers, now)
        if hinted is not None and hinted <= policy.max_retry_after:
            return hinted
    growth = 2.0 ** min(retries_done, 62) if policy.exponential_backoff else 1.0
    backoff = min(policy.max_delay, policy.base_delay * growth)
    return max(0.0, backoff * (1.0 - 0.25 * jitter))
