"""The data the conformance server serves and the credentials it accepts (the scenarios quote these values)."""

from __future__ import annotations

import base64
from typing import Any

API_KEY = "test-key"  # X-API-Key given to the client
QUERY_KEY = "query-key"
BEARER_TOKEN = "bearer-token"
BASIC = "Basic " + base64.b64encode(b"user:pass").decode()
CLIENT_ID, CLIENT_SECRET = "client-id", "client-secret"
LOGIN = ("user@example.com", "hunter2")
# The OAuth2 authorization code the conformance "user" granted, for this redirect URI and PKCE challenge: the
# S256 of RFC 7636 appendix B's verifier (the scenarios build their authorization URL with that verifier).
OAUTH_CODE, OAUTH_REDIRECT_URI = "code-1", "https://app.example.com/callback"
OAUTH_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
OAUTH_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
OAUTH_STORED = ("at_stored", "rt_stored")  # a token set every scenario's server knows (a client made with it)

# Every credential again, as the drivers' environment holds it: an SDK given none reads these.
ENVIRONMENT = {
    "CONFORMANCE_API_KEY": "env-key",
    "CONFORMANCE_API_KEY_QUERY": "env-query-key",
    "CONFORMANCE_BEARER_AUTH_TOKEN": "env-bearer-token",
    "CONFORMANCE_USERNAME": "env-user",
    "CONFORMANCE_PASSWORD": "env-pass",
    "CONFORMANCE_CLIENT_ID": "env-client-id",
    "CONFORMANCE_CLIENT_SECRET": "env-client-secret",
    "CONFORMANCE_ACCESS_TOKEN": "sess_env",  # a session the server knows without a login
}
ENV_API_KEY = ENVIRONMENT["CONFORMANCE_API_KEY"]
ENV_QUERY_KEY = ENVIRONMENT["CONFORMANCE_API_KEY_QUERY"]
ENV_BEARER_TOKEN = ENVIRONMENT["CONFORMANCE_BEARER_AUTH_TOKEN"]
ENV_BASIC = "Basic " + base64.b64encode(b"env-user:env-pass").decode()  # CONFORMANCE_USERNAME, _PASSWORD
ENV_CLIENT = (ENVIRONMENT["CONFORMANCE_CLIENT_ID"], ENVIRONMENT["CONFORMANCE_CLIENT_SECRET"])
ENV_ACCESS_TOKEN = ENVIRONMENT["CONFORMANCE_ACCESS_TOKEN"]

WIDGETS: list[dict[str, Any]] = [
    {
        "id": "w_1",
        "name": "First",
        "status": "active",
        "count": 9007199254740993,  # 2^53 + 1: a float or a JavaScript number would round it
        "launch_date": "2024-02-29",
        "created_at": "2024-03-01T12:34:56Z",
        "description": None,
        "tags": ["a", "b"],
        "shape": {"kind": "circle", "radius": 1.5},
    },
    {
        "id": "w_2",
        "name": "Second",
        "status": "archived",
        "count": -42,
        "created_at": "2024-03-02T00:00:00Z",
        "description": "two",
        "shape": {"kind": "square", "side": 2.0},
    },
    {
        "id": "w_3",
        "name": "Third",
        "status": "recalled",  # not in the spec's enum: SDKs must keep it
        "count": 3,
        "created_at": "2024-03-03T00:00:00Z",
        "colour": "teal",  # not in the spec at all: SDKs must keep it
    },
    {"id": "w_4", "name": "Fourth", "status": "active", "count": 4, "created_at": "2024-03-04T00:00:00Z"},
    {"id": "w_5", "name": "Fifth", "status": "active", "count": 5, "created_at": "2024-03-05T00:00:00Z"},
]

# Gadgets: a required field that is a nullable reference (`failure`), a union whose discriminator has no mapping
# and whose values are not the schemas' names (`part`), and a nullable union with a mapping (`casing`).
GADGETS: list[dict[str, Any]] = [
    {
        "id": "g_1",
        "failure": None,
        "part": {"type": "spring_part", "stiffness": 0.5},
        "casing": {"kind": "square", "side": 3.0},
    },
    {
        "id": "g_2",
        "failure": {"code": "jammed", "message": "The gear jammed."},
        "part": {"type": "gear_part", "teeth": 12},
        "casing": None,
    },
]

RECORDS: list[dict[str, Any]] = [{"id": f"r_{n}", "position": n} for n in range(1, 6)]

DOWNLOAD = bytes((n * 7 + 3) % 256 for n in range(300_000))

EVENTS = [
    ": the stream begins\n\n",
    'id: 1\nevent: progress\ndata: {"id": "e1", "type": "progress", "progress": 50}\n\n',
    'data: {"id": "e2",\ndata:  "type": "progress", "progress": 100}\n\n',
    'event: done\ndata: {"id": "e3", "type": "done", "extra": true}\n\n',
]
