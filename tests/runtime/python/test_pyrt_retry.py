"""Retry table, delays (backoff, jitter, cap, Retry-After) and the send loop."""

from __future__ import annotations

import email.utils
from typing import Any

import httpx
import pytest
from pyrt_support import json_response, sequence
from sdkrt._exceptions import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)
from sdkrt._request import RequestOptions
from sdkrt._retry import (
    RetryPolicy,
    parse_retry_after,
    retry_delay,
    should_retry_status,
)

GET = RequestOptions(method="GET", path="/things")
OK = json_response(200, {"ok": True})


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(status: int) -> None:
    assert should_retry_status(status, {})
    assert not should_retry_status(status, {"x-should-retry": "false"})


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 501])
def test_not_retryable_statuses(status: int) -> None:
    assert not should_retry_status(status, {})


def test_409_only_when_asked() -> None:
    assert should_retry_status(409, {"x-should-retry": "true"})
    assert should_retry_status(409, {"X-Should-Retry": "TRUE"})
    assert not should_retry_status(409, {"x-should-retry": "false"})
    assert not should_retry_status(400, {"x-should-retry": "true"})


def test_backoff_growth_cap_and_jitter() -> None:
    policy = RetryPolicy(max_retries=10, base_delay=0.5, max_delay=8.0)
    delays = [retry_delay(policy, n, None, now=0.0, jitter=0.0) for n in range(7)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    # jitter scales into [0.75, 1.0] of the backoff
    assert retry_delay(policy, 2, None, now=0.0, jitter=1.0) == pytest.approx(1.5)
    assert retry_delay(policy, 2, None, now=0.0, jitter=0.5) == pytest.approx(1.75)
    assert retry_delay(policy, 10_000, None, now=0.0, jitter=0.0) == 8.0


def test_retry_after_forms() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 7, usegmt=True)
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after({"retry-after": "3"}, now) == 3.0
    assert parse_retry_after({"retry-after": "1.5"}, now) == 1.5
    assert parse_retry_after({"retry-after": date}, now) == pytest.approx(7.0)
    assert parse_retry_after({"retry-after": past}, now) == 0.0
    assert parse_retry_after({"retry-after-ms": "250"}, now) == 0.25
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}, now) == 0.25
    assert parse_retry_after({"retry-after": "-4"}, now) == 0.0
    assert parse_retry_after({"retry-after": "soon"}, now) is None
    assert parse_retry_after({}, now) is None


def test_retry_after_beyond_limit_falls_back_to_backoff() -> None:
    policy = RetryPolicy()
    assert retry_delay(policy, 0, {"retry-after": "120"}, now=0.0, jitter=0.0) == 0.5
    assert retry_delay(policy, 0, {"retry-after": "60"}, now=0.0, jitter=0.0) == 60.0


def test_policy_validation() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_client_retries_each_retryable_status(harness: Any, status: int) -> None:
    h = harness(sequence(json_response(status, {"message": "x"}), OK))
    assert h.call("request", GET, dict) == {"ok": True}
    assert len(h.requests) == 2
    assert h.sleeps == [0.5]


def test_client_retries_409_only_with_header(harness: Any) -> None:
    h = harness(sequence(json_response(409, {}, {"x-should-retry": "true"}), OK))
    assert h.call("request", GET, dict) == {"ok": True}
    h = harness(sequence(json_response(409, {}), OK))
    with pytest.raises(ConflictError):
        h.call("request", GET, dict)
    assert len(h.requests) == 1


def test_x_should_retry_false_forbids(harness: Any) -> None:
    h = harness(sequence(json_response(503, {}, {"x-should-retry": "false"}), OK))
    with pytest.raises(InternalServerError):
        h.call("request", GET, dict)
    assert len(h.requests) == 1


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (401, AuthenticationError), (404, NotFoundError)],
)
def test_client_does_not_retry_client_errors(harness: Any, status: int, cls: type[Exception]) -> None:
    h = harness(sequence(json_response(status, {}), OK))
    with pytest.raises(cls):
        h.call("request", GET, dict)
    assert len(h.requests) == 1
    assert h.sleeps == []


def test_exhausted_retries_raise_last_error(harness: Any) -> None:
    h = harness(
        sequence(
            json_response(500, {"message": "first"}),
            json_response(502, {"message": "second"}),
            json_response(503, {"message": "last"}),
            OK,
        )
    )
    with pytest.raises(InternalServerError) as info:
        h.call("request", GET, dict)
    assert info.value.message == "last"
    assert info.value.status_code == 503
    assert len(h.requests) == 3  # 1 + max_retries (2)
    assert h.sleeps == [0.5, 1.0]


def test_max_retries_zero_disables(harness: Any) -> None:
    h = harness(sequence(json_response(503, {}), OK), max_retries=0)
    with pytest.raises(InternalServerError):
        h.call("request", GET, dict)
    assert len(h.requests) == 1
    assert h.sleeps == []


def test_per_call_max_retries_override(harness: Any) -> None:
    h = harness(sequence(json_response(503, {})))
    with pytest.raises(InternalServerError):
        h.call("request", RequestOptions(method="GET", path="/x", max_retries=4), dict)
    assert len(h.requests) == 5
    h = harness(sequence(json_response(503, {}), OK))
    with pytest.raises(InternalServerError):
        h.call("request", RequestOptions(method="GET", path="/x", max_retries=0), dict)
    assert len(h.requests) == 1


def test_policy_from_generated_defaults(harness: Any) -> None:
    h = harness(
        sequence(json_response(500, {})),
        retry_policy=RetryPolicy(max_retries=3, base_delay=1.0, max_delay=60.0),
    )
    with pytest.raises(InternalServerError):
        h.call("request", GET, dict)
    assert h.sleeps == [1.0, 2.0, 4.0]
    assert h.client.max_retries == 3


def test_backoff_cap_in_client(harness: Any) -> None:
    h = harness(
        sequence(json_response(500, {})),
        max_retries=6,
        retry_policy=RetryPolicy(base_delay=1.0, max_delay=5.0),
    )
    with pytest.raises(InternalServerError):
        h.call("request", GET, dict)
    assert h.sleeps == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


def test_jitter_from_injected_random(harness: Any) -> None:
    h = harness(sequence(json_response(500, {}), OK), rand=lambda: 1.0)
    h.call("request", GET, dict)
    assert h.sleeps == [0.375]


def test_retry_after_seconds_honoured(harness: Any) -> None:
    h = harness(sequence(json_response(429, {}, {"Retry-After": "7"}), OK))
    assert h.call("request", GET, dict) == {"ok": True}
    assert h.sleeps == [7.0]


def test_retry_after_http_date_honoured(harness: Any) -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 12, usegmt=True)
    h = harness(sequence(json_response(503, {}, {"Retry-After": date}), OK), clock=lambda: now)
    h.call("request", GET, dict)
    assert h.sleeps == [pytest.approx(12.0)]


def test_retry_after_ms_honoured(harness: Any) -> None:
    h = harness(sequence(json_response(429, {}, {"retry-after-ms": "1500"}), OK))
    h.call("request", GET, dict)
    assert h.sleeps == [1.5]


def test_rate_limit_exhausted(harness: Any) -> None:
    h = harness(sequence(json_response(429, {"error": {"message": "slow down"}}, {"Retry-After": "1"})))
    with pytest.raises(RateLimitError) as info:
        h.call("request", GET, dict)
    assert h.sleeps == [1.0, 1.0]
    assert info.value.message == "slow down"


def test_connection_errors_retried_then_raised(harness: Any) -> None:
    h = harness(sequence(httpx.ConnectError("refused")))
    with pytest.raises(APIConnectionError) as info:
        h.call("request", GET, dict)
    assert not isinstance(info.value, APITimeoutError)
    assert len(h.requests) == 3
    assert h.sleeps == [0.5, 1.0]


def test_timeouts_retried_then_raised(harness: Any) -> None:
    h = harness(sequence(httpx.ReadTimeout("slow")))
    with pytest.raises(APITimeoutError):
        h.call("request", GET, dict)
    assert len(h.requests) == 3


def test_connection_error_then_success(harness: Any) -> None:
    h = harness(sequence(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), OK))
    assert h.call("request", GET, dict) == {"ok": True}
    assert len(h.requests) == 3


def test_idempotency_key_reused_across_retries(harness: Any) -> None:
    h = harness(sequence(json_response(500, {}), httpx.ConnectError("x"), OK))
    options = RequestOptions(method="POST", path="/pets", json_body={"name": "a"}, idempotent=True)
    h.call("request", options, dict)
    keys = [r.headers["Idempotency-Key"] for r in h.requests]
    assert len(keys) == 3
    assert len(set(keys)) == 1
    assert len(keys[0]) == 36

    h.requests.clear()
    h.call("request", options, dict)
    assert h.requests[0].headers["Idempotency-Key"] != keys[0]  # new key per call


def test_caller_idempotency_key_honoured(harness: Any) -> None:
    h = harness(sequence(json_response(503, {}), OK))
    options = RequestOptions(method="POST", path="/pets", idempotent=True, idempotency_key="my-key")
    h.call("request", options, dict)
    assert [r.headers["Idempotency-Key"] for r in h.requests] == ["my-key", "my-key"]
    # also for operations not flagged idempotent
    h = harness(sequence(OK))
    h.call("request", RequestOptions(method="GET", path="/x", idempotency_key="k2"), dict)
    assert h.requests[0].headers["Idempotency-Key"] == "k2"


def test_idempotency_header_param_kept_and_not_added_when_not_idempotent(
    harness: Any,
) -> None:
    h = harness(sequence(OK))
    h.call(
        "request",
        RequestOptions(
            method="POST",
            path="/x",
            idempotent=True,
            headers={"Idempotency-Key": "from-param"},
        ),
        dict,
    )
    h.call("request", RequestOptions(method="GET", path="/x"), dict)
    assert h.requests[0].headers["Idempotency-Key"] == "from-param"
    assert "Idempotency-Key" not in h.requests[1].headers
