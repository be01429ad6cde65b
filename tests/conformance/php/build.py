"""The PHP conformance build: generate the SDK, dump its Composer autoloader, and run Driver.php beside it.

`composer dump-autoload` (offline: the SDK has no run-time Composer dependencies; tests/toolchain/php_tools.py)
writes `sdk/vendor/autoload.php` from the SDK's own composer.json, the way a user's project loads it. The driver
is copied to `driver/` and runs with the system `php`: `php -r` requires it and calls `Driver::main` (the file
only declares its class, as PSR-1 wants), `--autoload` naming the SDK's autoloader ahead of the harness's
`--server` and `--scenarios`. PHP's own errors go to stderr, so a notice cannot corrupt the observations on stdout
(the driver also turns every notice into an error of its step). Cancelling a call needs ext-pcntl and ext-posix
(Debian's php-cli has both).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ...toolchain import php_tools

HERE = Path(__file__).resolve().parent
RUN = r"require $argv[1]; exit(\Zsdk\Conformance\Driver::main(array_slice($argv, 2)));"


def build(folder: Path) -> None:
    from ..languages import generate

    php_tools.tool("php")
    generate("php", folder / "sdk")
    driver = folder / "driver"
    driver.mkdir(exist_ok=True)
    shutil.copy(HERE / "Driver.php", driver / "Driver.php")
    php_tools.dump_autoload(folder / "sdk")


def command(folder: Path, mode: str) -> list[str]:
    return [
        php_tools.tool("php"), "-d", "display_errors=stderr", "-d", "error_reporting=-1", "-r", RUN, "--",
        str(folder / "driver" / "Driver.php"), "--autoload", str(folder / "sdk" / "vendor" / "autoload.php"),
    ]  # fmt: skip
