"""The Python conformance driver: every scenario through the generated `conformance` SDK, one JSON line each.

    python driver.py --server URL --scenarios FILE --mode sync|async|positional [--calls FILE]

The harness puts the generated package on PYTHONPATH and every CONFORMANCE_<CREDENTIAL> in the environment.
Scenario steps name calls as `resource.method` with wire-name arguments; here they become SDK calls. The
positional mode drives the SDK generated with `python: {body: positional}` synchronously: a call's path
parameters and its body go positionally, in the order `--calls` (build.py's calls.json) gives.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import signal
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Iterator
from typing import Any

import conformance
import pydantic
from conformance import models

CREDENTIALS = {
    "api_key": "test-key",
    "api_key_query": "query-key",
    "bearer_auth_token": "bearer-token",
    "username": "user",
    "password": "pass",
    "client_id": "client-id",
    "client_secret": "client-secret",
}
BODY_MODELS: dict[str, type[pydantic.BaseModel]] = {
    "widgets.create": models.WidgetCreate,
    "widgets.update": models.WidgetUpdate,
    "wire.form": models.WireForm,
}
PARAMETER_NAMES = {"exclusiveStartKey": "exclusive_start_key"}
CANCEL_GRACE = 0.5  # seconds a cancelled call may take to end
OPTION_NAMES = {"headers": "extra_headers", "query": "extra_query"}
# The positional mode's calls: `resource.method` → {path: wire names in order, body: takes one}; empty otherwise.
POSITIONAL: dict[str, dict[str, Any]] = {}


def client_arguments(spec: dict[str, Any], server: str, hooks: list[int]) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    if spec.get("credentials", "given") == "given":
        arguments.update(CREDENTIALS)
    if "region" in spec:
        host, _, port = server.removeprefix("http://").partition(":")
        arguments.update(host=host, port=port, region=spec["region"])
    if "region" not in spec or spec.get("base_url") == "given":
        arguments["base_url"] = server + "/us"
    for name in ("max_retries", "timeout", "default_headers"):
        if name in spec:
            arguments[name] = spec[name]
    if "retry_config" in spec:
        arguments["retry_config"] = conformance.RetryConfig(**spec["retry_config"])
    if "auth_config" in spec:
        arguments["auth_config"] = conformance.AuthConfig(**spec["auth_config"])
    if "oauth_tokens" in spec:
        stored = spec["oauth_tokens"]
        expires_at = time.time() + stored["expires_in"]
        arguments["tokens"] = conformance.OAuthTokens(stored["access_token"], stored["refresh_token"], expires_at)
    arguments["on_tokens"] = lambda tokens: SAVED_TOKENS.append(tokens.refresh_token)
    if spec.get("hooks"):
        arguments["on_request"] = [lambda request: request.headers.__setitem__("X-Hook", "on")]
        arguments["on_response"] = [lambda response: hooks.append(response.status_code)]
    return arguments


def call_arguments(step: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """The call's positional arguments (in the positional mode: its path parameters, then its body) and the rest
    by keyword."""
    arguments: dict[str, Any] = {}
    args = dict(step.get("args", {}))
    positional: list[Any] = []
    if step["call"] in POSITIONAL:
        shape = POSITIONAL[step["call"]]
        for name in [*shape["path"], *(["body"] if shape["body"] else [])]:
            if name not in args:  # a later one cannot go positionally either
                break
            positional.append(argument(step, name, args.pop(name)))
    for name, value in args.items():
        if "-" in name:  # a header: X-Rate-Limit is x_rate_limit
            name = name.lower().replace("-", "_")
        arguments[PARAMETER_NAMES.get(name, name)] = argument(step, name, value)
    for name, value in step.get("options", {}).items():
        arguments[OPTION_NAMES.get(name, name)] = value
    return positional, arguments


def argument(step: dict[str, Any], name: str, value: Any) -> Any:
    """One scenario argument as the SDK takes it: a body as its model, a file as a tuple."""
    if name == "body":
        return BODY_MODELS[step["call"]].model_validate(value)
    if name == "file":
        return (value["filename"], value["text"].encode(), value["content_type"])
    return value


def wire(value: Any) -> Any:
    """A result as JSON with wire names, fields that were not sent left out, unknown fields kept."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def error_observation(error: conformance.APIError) -> dict[str, Any]:
    observed: dict[str, Any] = {"type": type(error).__name__}
    if isinstance(error, conformance.APIStatusError):
        observed.update(
            status=error.status_code, message=error.message, code=error.code, request_id=error.request_id,
            body=error.body, text=str(error), field=error.field, rate_limit=rate_limit_observation(error.rate_limit),
        )  # fmt: skip
    return observed


def rate_limit_observation(rate_limit: Any) -> dict[str, Any] | None:
    if rate_limit is None:
        return None
    return {"limit": rate_limit.limit, "remaining": rate_limit.remaining, "reset": rate_limit.reset}


def refused(error: ValueError) -> dict[str, Any]:
    """A value the SDK refused before sending anything (a ValueError here)."""
    return {"error": {"type": "invalid_argument", "message": str(error)}}


def raw_observation(raw: Any) -> dict[str, Any]:
    body = raw.json()
    return {
        "status": raw.status_code, "request_id": raw.request_id, "result": wire(raw.parse()), "body": body,
        "rate_limit": rate_limit_observation(raw.rate_limit),
    }  # fmt: skip


class Cancelled(BaseException):
    """What the driver's alarm raises into a sync call it cancels, the way Ctrl-C's KeyboardInterrupt does."""


@contextlib.contextmanager
def alarm(seconds: float | None) -> Iterator[None]:
    """Cancel the sync call in the block after `seconds` (SIGALRM): Python's one way to stop a blocking call."""
    if seconds is None:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise Cancelled

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


async def cancel_after(seconds: float | None, call: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    """Await `call`, cancelling its task after `seconds`."""
    task = asyncio.ensure_future(call)
    timer = None if seconds is None else asyncio.get_running_loop().call_later(seconds, task.cancel)
    try:
        return await task
    finally:
        if timer is not None:
            timer.cancel()


def cancelled(step: dict[str, Any], started: float) -> dict[str, Any]:
    """A cancelled call: prompt when it ended within CANCEL_GRACE seconds of the cancel."""
    late = time.monotonic() - started - step["cancel_after"] > CANCEL_GRACE
    return {"cancelled": "late" if late else "prompt"}


# ------------------------------------------------------------------------------------------------ OAuth2

SAVED_TOKENS: list[str | None] = []  # the refresh token of every set the client's on_tokens hook heard of


def oauth_url(client: conformance.Conformance | conformance.AsyncConformance, args: dict[str, Any]) -> dict[str, Any]:
    request = client.oauth.authorization_url(**args)
    url = urllib.parse.urlsplit(request.url)
    query = dict(urllib.parse.parse_qsl(url.query))
    return {"authorization_url": {"path": url.path, "query": query, "raw_query": url.query},
            "state": request.state, "code_verifier": request.code_verifier}  # fmt: skip


def tokens_observation(tokens: conformance.OAuthTokens | None) -> dict[str, Any]:
    found = tokens and {"access_token": tokens.access_token, "refresh_token": tokens.refresh_token,
                        "expires": tokens.expires_at is not None}  # fmt: skip
    return {"tokens": found or None, "saved": list(SAVED_TOKENS)}


def oauth_step(client: conformance.Conformance, step: dict[str, Any]) -> dict[str, Any] | None:
    """A step of the OAuth2 authorization code flow, or None for any other step."""
    if "oauth_url" in step:
        return oauth_url(client, step["oauth_url"])
    if "oauth_exchange" in step:
        return tokens_observation(client.oauth.exchange_code(**step["oauth_exchange"]))
    if "oauth_tokens" in step:
        return tokens_observation(client.oauth.tokens)
    if "oauth_revoke" in step:
        client.oauth.revoke(**step["oauth_revoke"])
        return {"revoked": True}
    return None


async def async_oauth_step(client: conformance.AsyncConformance, step: dict[str, Any]) -> dict[str, Any] | None:
    if "oauth_url" in step:
        return oauth_url(client, step["oauth_url"])
    if "oauth_exchange" in step:
        return tokens_observation(await client.oauth.exchange_code(**step["oauth_exchange"]))
    if "oauth_tokens" in step:
        return tokens_observation(client.oauth.tokens)
    if "oauth_revoke" in step:
        await client.oauth.revoke(**step["oauth_revoke"])
        return {"revoked": True}
    return None


def begin(server: str, scenario_id: str) -> None:
    SAVED_TOKENS.clear()
    url = f"{server}/_conformance/begin?scenario={urllib.parse.quote(scenario_id)}"
    urllib.request.urlopen(urllib.request.Request(url, method="POST"), timeout=10).close()


# ------------------------------------------------------------------------------------------------ sync


def run_sync(scenario: dict[str, Any], server: str) -> dict[str, Any]:
    hooks: list[int] = []
    steps: list[dict[str, Any]] = []
    try:
        client = conformance.Conformance(**client_arguments(scenario.get("client", {}), server, hooks))
    except ValueError as error:  # a client that cannot be made: every step sees why
        return observation(scenario, [refused(error) for _ in scenario["steps"]], hooks)
    with client:
        for step in scenario["steps"]:
            started = time.monotonic()
            try:
                with alarm(step.get("cancel_after")):
                    steps.append(sync_step(client, step))
            except Cancelled:
                steps.append(cancelled(step, started))
            except conformance.APIError as error:
                steps.append({"error": error_observation(error)})
            except ValueError as error:
                steps.append(refused(error))
    return observation(scenario, steps, hooks)


def sync_step(client: conformance.Conformance, step: dict[str, Any]) -> dict[str, Any]:
    if "sleep" in step:
        time.sleep(step["sleep"])
        return {"slept": step["sleep"]}
    if "authenticate" in step:
        client.authenticate(**step["authenticate"])
        return {"authenticated": True}
    oauth = oauth_step(client, step)
    if oauth is not None:
        return oauth
    resource_name, method_name = step["call"].split(".")
    observe = step.get("observe", "result")
    resource = getattr(client, resource_name)
    positional, keywords = call_arguments(step)
    if observe == "raw":
        return {"raw": raw_observation(getattr(resource.with_raw_response, method_name)(*positional, **keywords))}
    result = getattr(resource, method_name)(*positional, **keywords)
    if observe == "walk":
        return {"walk": [item.id for item in result]}
    if observe == "events":
        return {"events": [wire(event) for event in result]}
    return observed_value(observe, result, step.get("field", "shape"))


def observed_value(observe: str, result: Any, field: str) -> dict[str, Any]:
    """Observations that need no further I/O."""
    if observe == "page":
        return {"page": {"items": [item.id for item in result.items], "has_next": result.has_next_page()}}
    if observe == "bytes":
        return {"bytes": {"length": len(result.content), "sha256": hashlib.sha256(result.content).hexdigest()}}
    if observe == "variant":
        variant = getattr(result, field)
        return {"variant": None if variant is None else type(variant).__name__}
    return {"result": wire(result)}


# ------------------------------------------------------------------------------------------------ async


async def run_async(scenario: dict[str, Any], server: str) -> dict[str, Any]:
    hooks: list[int] = []
    steps: list[dict[str, Any]] = []
    try:
        client = conformance.AsyncConformance(**client_arguments(scenario.get("client", {}), server, hooks))
    except ValueError as error:  # a client that cannot be made: every step sees why
        return observation(scenario, [refused(error) for _ in scenario["steps"]], hooks)
    async with client:
        for step in scenario["steps"]:
            started = time.monotonic()
            try:
                steps.append(await cancel_after(step.get("cancel_after"), async_step(client, step)))
            except asyncio.CancelledError:
                steps.append(cancelled(step, started))
            except conformance.APIError as error:
                steps.append({"error": error_observation(error)})
            except ValueError as error:
                steps.append(refused(error))
    return observation(scenario, steps, hooks)


async def async_step(client: conformance.AsyncConformance, step: dict[str, Any]) -> dict[str, Any]:
    if "sleep" in step:
        await asyncio.sleep(step["sleep"])
        return {"slept": step["sleep"]}
    if "authenticate" in step:
        await client.authenticate(**step["authenticate"])
        return {"authenticated": True}
    oauth = await async_oauth_step(client, step)
    if oauth is not None:
        return oauth
    resource_name, method_name = step["call"].split(".")
    observe = step.get("observe", "result")
    resource = getattr(client, resource_name)
    positional, keywords = call_arguments(step)
    if observe == "raw":
        raw = await getattr(resource.with_raw_response, method_name)(*positional, **keywords)
        return {"raw": raw_observation(raw)}
    result = await getattr(resource, method_name)(*positional, **keywords)
    if observe == "walk":
        return {"walk": [item.id async for item in result]}
    if observe == "events":
        return {"events": [wire(event) async for event in result]}
    return observed_value(observe, result, step.get("field", "shape"))


# ------------------------------------------------------------------------------------------------ main


def observation(scenario: dict[str, Any], steps: list[dict[str, Any]], hooks: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {"scenario": scenario["id"], "steps": steps}
    if scenario.get("client", {}).get("hooks"):
        out["hooks"] = hooks
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", required=True)
    parser.add_argument("--scenarios", required=True)
    parser.add_argument("--mode", choices=("sync", "async", "positional"), default="sync")
    parser.add_argument("--calls", help="the positional mode's calls.json")
    args = parser.parse_args()
    if args.mode == "positional":
        if not args.calls:
            sys.exit("the positional mode needs --calls")
        with open(args.calls, encoding="utf-8") as handle:
            POSITIONAL.update(json.load(handle))
    with open(args.scenarios, encoding="utf-8") as handle:
        scenarios = json.load(handle)
    if os.environ.get("CONFORMANCE_API_KEY") is None:
        sys.exit("CONFORMANCE_API_KEY is not set (the harness sets it)")
    for scenario in scenarios:
        begin(args.server, scenario["id"])
        if args.mode in ("sync", "positional"):
            result = run_sync(scenario, args.server)
        else:
            result = asyncio.run(run_async(scenario, args.server))
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
