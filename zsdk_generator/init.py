"""`init`: a zsdk.yaml with every setting commented out at its default for one spec, each with a line on what
it does. As written it changes nothing (every line is a comment); uncommented as it is, it still changes nothing
(tests/cli/test_init.py generates both ways and compares)."""

from __future__ import annotations

from dataclasses import fields

import yaml

from .config import Config, Retries
from .ir.model import Api
from .targets.registry import load_target, target_names

_SHARED_HELP = {
    "package_name": "the package name every language derives its own from",
    "client_name": "the client class",
    "version": "the SDKs' version (info.version when it is one)",
    "method_names": "crud (list, get, …) | operation_id",
    "client_methods": "all | none | [operationIds] also on the client",
}
_RETRY_HELP = {
    "max_retries": "retries of a failed request (0: none)",
    "base_delay": "seconds before the first retry",
    "max_delay": "the longest wait between retries, in seconds",
    "timeout": "seconds a request may take",
    "refresh_buffer": "seconds before a login token expires that it is refreshed",
    "refresh_retries": "retries of a token refresh that failed retryably",
}
_COLUMN = 40  # where the comments beside the settings start


def init_text(api: Api, spec_name: str) -> str:
    """The commented zsdk.yaml for `api` (read from `spec_name`)."""
    config = Config()
    shared = config.shared(api)
    lines = [
        f"# zsdk.yaml for {spec_name} ({_one_line(api.title)} {_one_line(api.version)}), by `zsdk-generator init`.",
        "# Every setting is shown at its default for this spec; uncomment the ones to change. A language's block can",
        "# also set the shared settings for that language alone. Check it with `zsdk-generator generate --config`.",
        "",
    ]
    lines += _entries(
        [
            ("package_name", shared.package_name),
            ("client_name", shared.client_name),
            ("version", shared.version),
            ("method_names", config.method_names),
            ("client_methods", "none"),
        ],
        _SHARED_HELP,
        "",
    )
    lines.append("# retries:")
    retries = [(f.name, getattr(shared.retries, f.name)) for f in fields(Retries)]
    lines += _entries(retries, _RETRY_HELP, "  ")
    for language in target_names():
        target = load_target(language)
        if not target.settings:
            continue
        defaults = target.defaults(config.for_language(language, api), api.license)
        lines += ["", f"# {language}:"]
        lines += _entries([(key, defaults.get(key, "")) for key in target.settings], target.setting_help, "  ")
    return "\n".join(lines) + "\n"


def _entries(pairs: list[tuple[str, object]], help_text: dict[str, str], indent: str) -> list[str]:
    out = []
    for key, value in pairs:
        setting = f"# {indent}{key}: {_scalar(value)}"
        note = help_text.get(key, "")
        out.append(f"{setting:<{_COLUMN - 1}} # {note}" if note else setting)
    return out


def _scalar(value: object) -> str:
    """`value` as YAML would read it back (quoted only where it must be)."""
    text: str = yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
    return text.removesuffix("\n...\n").strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())
