"""The Go conformance build: generate the SDK, then compile driver.go against it (a `replace` directive)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ...toolchain import go_tools

HERE = Path(__file__).resolve().parent
MODULE = "github.com/conformance/conformance-go"  # the default module path for package_name `conformance`


def build(folder: Path) -> None:
    from ..languages import generate

    go = go_tools.go()
    generate("go", folder / "sdk")
    driver = folder / "driver"
    driver.mkdir(exist_ok=True)
    shutil.copy(HERE / "driver.go", driver / "main.go")
    (driver / "go.mod").write_text(
        f"module conformance/driver\n\ngo 1.24\n\nrequire {MODULE} v0.0.0\n\nreplace {MODULE} => ../sdk\n",
        encoding="utf-8",
    )
    result = go_tools.run([go, "build", "-o", "driver", "."], driver)
    if result.returncode != 0:
        raise AssertionError(f"building the Go conformance driver failed:\n{result.stdout}{result.stderr}")


def command(folder: Path, mode: str) -> list[str]:
    return [str(folder / "driver" / "driver")]
