"""The credentials an API's SDKs take, and where each SDK reads one it was not given: the environment variable
`<PREFIX>_<CREDENTIAL>`, the same in every language (`VIBECAAS_API_KEY`). The plan's client (plan/build.py) and
every target ask `plan_credentials`; each target then spells the names its own way (`api_key`, `apiKey`,
`WithAPIKey`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import LanguageConfig
from ..ir.model import Api, SecurityScheme
from ..ir.naming import words

# Words a package name often ends with that say nothing about the API: `@vibecaas/sdk`, `zatabase-js`.
GENERIC_PACKAGE_WORDS = ("client", "sdk", "js", "ts", "node", "api")


@dataclass(frozen=True)
class Credential:
    name: str  # snake_case, unique in the API: api_key, bearer_auth_token, username, client_id, access_token…
    env: str  # the environment variable read when it is not given


def env_prefix(package_name: str) -> str:
    """The package name's words upper-cased and joined by `_`, an npm scope's words included and trailing generic
    words left out: `vibecaas` and `@vibecaas/sdk` → VIBECAAS, `zatabase-js` → ZATABASE, `edge_cases` → EDGE_CASES."""
    found = [w for part in package_name.lstrip("@").split("/") for w in words(part)]
    while len(found) > 1 and found[-1] in GENERIC_PACKAGE_WORDS:
        found.pop()
    return "_".join(w.upper() for w in found) or "SDK"


def plan_credentials(api: Api, config: LanguageConfig) -> dict[str, tuple[Credential, ...]]:
    """The credentials of each security scheme an SDK can use, by scheme name, in the order the scheme takes them:
    an API key or bearer token (the API's first one is `api_key`, a later one is named after its scheme), HTTP
    basic's username and password, OAuth2 client credentials' or authorization code's client_id and client_secret
    (another OAuth2 flow: access_token) and a login's access_token. Every one is read from its environment
    variable when not given."""
    prefix = env_prefix(config.env_package_name or config.package_name)
    taken: set[str] = set()
    login = api.login.scheme if api.login else None
    first_key = True

    def credential(wanted: str) -> Credential:
        name = base = "_".join(words(wanted)) or "credential"
        n = 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        return Credential(name, f"{prefix}_{name.upper()}")

    out: dict[str, tuple[Credential, ...]] = {}
    for scheme in api.security_schemes:
        if scheme.name == login:
            out[scheme.name] = (credential("access_token"),)
        elif scheme.kind in ("api_key", "bearer"):
            out[scheme.name] = (credential("api_key" if first_key else _key_name(scheme)),)
            first_key = False
        elif scheme.kind == "basic":
            out[scheme.name] = (credential("username"), credential("password"))
        elif scheme.kind == "oauth2":
            if any(flow.kind in ("client_credentials", "authorization_code") for flow in scheme.flows):
                out[scheme.name] = (credential("client_id"), credential("client_secret"))
            else:
                out[scheme.name] = (credential("access_token"),)
    if login is not None and login not in out:
        out[login] = (credential("access_token"),)
    return out


def _key_name(scheme: SecurityScheme) -> str:
    return scheme.name if scheme.kind == "api_key" else f"{scheme.name}_token"
