"""Issue 14 in the Python runtime: rate-limit headers, X-RateLimit-Reset waits, retry_config, the error field."""

from __future__ import annotations

import httpx
import pytest
from pyrt_support import json_response
from sdkrt._exceptions import APIStatusError, error_field, make_status_error
from sdkrt._response import APIResponse
from sdkrt._retry import RateLimit, RetryConfig, RetryPolicy, parse_rate_limit, retry_delay

POLICY = RetryPolicy(max_retries=3, base_delay=0.5, max_delay=8.0)
NOW = 1_700_000_000.0


def _error(status: int, body: object, headers: dict[str, str] | None = None) -> APIStatusError:
    response = json_response(status, body, headers)
    response.request = httpx.Request("GET", "https://api.example.com/x")
    return make_status_error(response)


def test_rate_limit_headers_are_read_as_whole_numbers() -> None:
    headers = {"X-RateLimit-Limit": "100", "x-ratelimit-remaining": " 7 ", "X-RateLimit-Reset": "soon"}
    assert parse_rate_limit(headers) == RateLimit(limit=100, remaining=7, reset=None)
    assert parse_rate_limit({"content-type": "application/json"}) is None


def test_errors_and_raw_responses_carry_the_rate_limit() -> None:
    error = _error(429, {"message": "slow"}, {"x-ratelimit-limit": "10", "x-ratelimit-reset": "30"})
    assert error.rate_limit == RateLimit(limit=10, remaining=None, reset=30)
    raw = APIResponse(json_response(200, {}, {"x-ratelimit-remaining": "0"}), lambda: None)
    assert raw.rate_limit == RateLimit(limit=None, remaining=0, reset=None)


@pytest.mark.parametrize(
    ("headers", "status", "expected"),
    [
        ({"x-ratelimit-reset": "3"}, 429, 3.0),  # seconds from now
        ({"x-ratelimit-reset": str(int(NOW) + 5)}, 429, 5.0),  # an epoch second
        ({"x-ratelimit-reset": str(int(NOW) - 5)}, 429, 0.0),  # an epoch in the past
        ({"x-ratelimit-reset": "3", "retry-after": "1"}, 429, 1.0),  # Retry-After wins
        ({"x-ratelimit-reset": "3600"}, 429, 0.5),  # over the 60 s ceiling: backoff
        ({"x-ratelimit-reset": "3"}, 503, 0.5),  # a 429's hint only
        ({"x-ratelimit-reset": "3"}, None, 0.5),  # no status: a connection failure
    ],
)
def test_a_429_waits_until_the_reset(headers: dict[str, str], status: int | None, expected: float) -> None:
    assert retry_delay(POLICY, 0, headers, now=NOW, jitter=0.0, status=status) == pytest.approx(expected)


def test_retry_config_changes_only_what_it_sets() -> None:
    assert POLICY.configured(None) is POLICY
    configured = POLICY.configured(RetryConfig(base_delay=0.2, exponential_backoff=False))
    assert (configured.max_retries, configured.base_delay, configured.max_delay) == (3, 0.2, 8.0)
    assert [retry_delay(configured, n, None, now=0.0, jitter=0.0) for n in range(3)] == [0.2, 0.2, 0.2]
    assert POLICY.configured(RetryConfig(max_retries=0)).max_retries == 0


def test_the_error_field_is_the_first_errors_field() -> None:
    body = {"errors": [{"code": "validation_failed", "message": "required", "field": "external_user_id"},
                       {"code": "x", "message": "y", "field": "other"}]}  # fmt: skip
    error = _error(422, body)
    assert (error.field, error.code, error.message) == (
        "external_user_id", "validation_failed", "required; y",
    )  # fmt: skip
    assert error_field({"error": {"message": "m", "field": "name"}}) == "name"
    assert error_field({"errors": [{"message": "m"}]}) is None
    assert error_field("text") is None
