"""Generate one spec's SDK in one language, build its driver, and give the driver's command line.

Every SDK is generated with tests/realservers/zsdk.yaml (package `rsapi`, client `Rsapi`, Go module
example.com/rsapi), so the three drivers can name it without knowing the spec.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from ..conftest import run_cli
from ..toolchain import go_tools
from ..toolchain.node_tools import DEFAULT_TSC, TYPES, node, run, tool

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "zsdk.yaml"
GO_MODULE = "example.com/rsapi"
LANGUAGES = ("python", "typescript", "go")


def generate(language: str, spec: Path, out: Path) -> None:
    result = run_cli("generate", "--lang", language, "--spec", str(spec), "--config", str(CONFIG), "--out", str(out))
    if result.returncode != 0:
        raise AssertionError(f"generating the {language} SDK of {spec.name} failed:\n{result.stdout}{result.stderr}")


def build(language: str, spec: Path, folder: Path) -> tuple[list[str], dict[str, str]]:
    """Build into `folder` (a fresh temporary folder); the driver's command and extra environment."""
    return BUILDERS[language](spec, folder)


def build_python(spec: Path, folder: Path) -> tuple[list[str], dict[str, str]]:
    generate("python", spec, folder / "sdk")
    return [sys.executable, str(HERE / "python" / "driver.py")], {"PYTHONPATH": str(folder / "sdk")}


def build_typescript(spec: Path, folder: Path) -> tuple[list[str], dict[str, str]]:
    node_binary = node()
    tsc = tool("tsc", DEFAULT_TSC)
    generate("typescript", spec, folder / "sdk")
    shutil.copytree(folder / "sdk" / "src", folder / "src")
    shutil.copy(HERE / "typescript" / "driver.ts", folder / "driver.ts")
    (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    config = {
        "compilerOptions": {
            "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": ["node"], "typeRoots": [str(TYPES)],
            "strict": True, "noUncheckedIndexedAccess": True, "exactOptionalPropertyTypes": True,
            "outDir": "out", "rootDir": ".", "skipLibCheck": True,
        },
        "include": ["driver.ts", "src"],
    }  # fmt: skip
    (folder / "tsconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    compiled = run([tsc, "-p", "tsconfig.json"], folder, timeout=900)
    if compiled.returncode != 0:
        raise AssertionError(
            f"tsc failed for the TypeScript driver of {spec.name}:\n{compiled.stdout}{compiled.stderr}"
        )
    return [node_binary, str(folder / "out" / "driver.js")], {}


def build_go(spec: Path, folder: Path) -> tuple[list[str], dict[str, str]]:
    go = go_tools.go()
    generate("go", spec, folder / "sdk")
    driver = folder / "driver"
    driver.mkdir()
    shutil.copy(HERE / "go" / "driver.go", driver / "main.go")
    (driver / "go.mod").write_text(
        f"module realservers/driver\n\ngo 1.24\n\nrequire {GO_MODULE} v0.0.0\n\nreplace {GO_MODULE} => ../sdk\n",
        encoding="utf-8",
    )
    result = go_tools.run([go, "build", "-trimpath", "-o", "driver", "."], driver, timeout=1200)
    if result.returncode != 0:
        raise AssertionError(f"building the Go driver of {spec.name} failed:\n{result.stdout}{result.stderr}")
    return [str(driver / "driver")], {}


BUILDERS = {"python": build_python, "typescript": build_typescript, "go": build_go}
