"""The Rust conformance build: generate the SDK, then compile driver.rs against it (a path dependency).

`driver/Cargo.toml` is written here: the crate `driver` depends on the generated SDK (`../sdk`) and on crates the
SDK already builds (serde_json, tokio, futures-util, reqwest, sha2), so nothing else is compiled. A debug build
(much faster to compile than a release one) in the target folder every Rust SDK the tests build shares —
CARGO_TARGET_DIR when set, else ~/.cache/zsdk-rust-target — so a rerun compiles only the SDK and the driver. The
binary is copied beside the Cargo.toml, so a later build into the shared folder does not change what this run
executes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CRATE = "conformance"  # the crate name of package_name `conformance`

CARGO_TOML = f"""\
[package]
name = "driver"
version = "0.0.0"
edition = "2024"
rust-version = "1.85"  # the SDK's: dependencies resolved as for its users on the oldest supported Rust
publish = false

[[bin]]
name = "driver"
path = "driver.rs"

[dependencies]
{CRATE} = {{ path = "../sdk" }}
futures-util = {{ version = "0.3", default-features = false, features = ["std"] }}
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "stream"] }}
serde = "1"
serde_json = "1"
sha2 = "0.10"
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "time"] }}

[workspace]
"""


def cargo() -> str:
    path = shutil.which("cargo") or shutil.which(str(Path.home() / ".cargo" / "bin" / "cargo"))
    if path is None:
        message = "cargo not found on PATH: the Rust conformance driver needs Rust 1.85+"
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        pytest.skip(message)
    assert path is not None
    return path


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR") or Path.home() / ".cache" / "zsdk-rust-target")


def build(folder: Path) -> None:
    from ..languages import generate

    cargo_binary = cargo()
    generate("rust", folder / "sdk")
    driver = folder / "driver"
    driver.mkdir(exist_ok=True)
    shutil.copy(HERE / "driver.rs", driver / "driver.rs")
    (driver / "Cargo.toml").write_text(CARGO_TOML, encoding="utf-8")
    target = target_dir()
    result = subprocess.run(
        [cargo_binary, "build", "--quiet", "--bin", "driver"],
        cwd=driver, capture_output=True, text=True, timeout=1800,
        env={**os.environ, "CARGO_TARGET_DIR": str(target), "CARGO_TERM_COLOR": "never"},
    )  # fmt: skip
    if result.returncode != 0:
        raise AssertionError(f"building the Rust conformance driver failed:\n{result.stdout}{result.stderr}")
    shutil.copy(target / "debug" / "driver", driver / "driver")


def command(folder: Path, mode: str) -> list[str]:
    return [str(folder / "driver" / "driver")]
