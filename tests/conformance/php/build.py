"""The PHP conformance build: generate the SDK, dump its Composer autoloader, and run Driver.php beside it.

`composer dump-autoload` (offline: the SDK has no run-time Composer dependencies) writes `sdk/vendor/autoload.php`
from the SDK's own composer.json, the way a user's project loads it. The driver is copied to `driver/` and runs
with the system `php`: `php -r` requires it and calls `Driver::main` (a file that only declares its class, as
PSR-1 wants), with `--autoload` naming the SDK's autoloader ahead of the harness's `--server` and `--scenarios`.
Errors go to stderr, so a notice cannot corrupt the observations on stdout (the driver also turns every notice
into an error of its step).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
RUN = r"require $argv[1]; exit(\Zsdk\Conformance\Driver::main(array_slice($argv, 2)));"


def tool(name: str) -> str:
    """`php` or `composer` from PATH; missing, the test is skipped, but under CI (CI=true) it fails."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found on PATH: the PHP conformance run needs PHP 8.1+ (ext-curl, ext-pcntl) and Composer"
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        pytest.skip(message)
    return path


def build(folder: Path) -> None:
    from ..languages import generate

    tool("php")
    composer = tool("composer")
    generate("php", folder / "sdk")
    driver = folder / "driver"
    driver.mkdir(exist_ok=True)
    shutil.copy(HERE / "Driver.php", driver / "Driver.php")
    result = subprocess.run(
        [composer, "dump-autoload", "--no-interaction", "--working-dir", str(folder / "sdk")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "COMPOSER_ALLOW_SUPERUSER": "1", "COMPOSER_DISABLE_NETWORK": "1"},
    )  # fmt: skip
    if result.returncode != 0:
        raise AssertionError(f"dumping the PHP conformance SDK's autoloader failed:\n{result.stdout}{result.stderr}")


def command(folder: Path, mode: str) -> list[str]:
    return [
        tool("php"), "-d", "display_errors=stderr", "-d", "error_reporting=-1", "-r", RUN, "--",
        str(folder / "driver" / "Driver.php"), "--autoload", str(folder / "sdk" / "vendor" / "autoload.php"),
    ]  # fmt: skip
