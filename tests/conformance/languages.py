"""The languages the conformance suite runs: how to build each one's SDK and start its driver (data only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import ROOT, run_cli
from .go import build as go_build
from .java import build as java_build
from .php import build as php_build
from .python import build as python_build
from .rust import build as rust_build
from .typescript import build as typescript_build

SPEC = ROOT / "specs" / "conformance.yaml"
CONFIG = ROOT / "specs" / "conformance.zsdk.yaml"


def generate(language: str, out: Path) -> None:
    """The conformance SDK for `language`, generated into `out` the way a user would."""
    result = run_cli("generate", "--lang", language, "--spec", str(SPEC), "--config", str(CONFIG), "--out", str(out))
    if result.returncode != 0:
        raise AssertionError(f"generating the {language} conformance SDK failed:\n{result.stdout}{result.stderr}")


@dataclass(frozen=True)
class Language:
    name: str
    modes: tuple[str, ...]
    build: Callable[[Path], None]  # generate (and compile) the SDK into the folder
    command: Callable[[Path, str], list[str]]  # the driver's command line for the built folder and a mode
    env: Callable[[Path, str], dict[str, str]] = field(default=lambda sdk, mode: {})  # the driver's, by mode


LANGUAGES = [
    Language(
        name="python",
        modes=tuple(python_build.MODES),
        build=lambda sdk: python_build.build(sdk),
        command=lambda sdk, mode: python_build.command(sdk, mode),
        env=lambda sdk, mode: python_build.env(sdk, mode),
    ),
    Language(
        name="typescript",
        modes=tuple(typescript_build.MODES),
        build=lambda sdk: typescript_build.build(sdk),
        command=lambda sdk, mode: typescript_build.command(sdk, mode),
    ),
    Language(
        name="go",
        modes=("default",),
        build=lambda sdk: go_build.build(sdk),
        command=lambda sdk, mode: go_build.command(sdk, mode),
    ),
    Language(
        name="rust",
        modes=("default",),
        build=lambda sdk: rust_build.build(sdk),
        command=lambda sdk, mode: rust_build.command(sdk, mode),
    ),
    Language(
        name="java",
        modes=tuple(java_build.MODES),
        build=lambda sdk: java_build.build(sdk),
        command=lambda sdk, mode: java_build.command(sdk, mode),
    ),
    Language(
        name="php",
        modes=("default",),
        build=lambda sdk: php_build.build(sdk),
        command=lambda sdk, mode: php_build.command(sdk, mode),
    ),
]
