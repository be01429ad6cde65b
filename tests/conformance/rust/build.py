"""The Rust conformance build: generate the SDK, then compile driver.rs against it (a path dependency).

`driver/Cargo.toml` is written here: the crate `driver` depends on the generated SDK (`../sdk`) and on crates the
SDK already builds (serde_json, tokio, reqwest, sha2; pages and streams need no futures import), so nothing else
is compiled. A debug build (much faster to compile than a release one) in the target folder every Rust SDK the
tests build shares (tests/toolchain/rust_tools.py: CARGO_TARGET_DIR when set, else ~/.cache/zsdk-rust-target), so
a rerun compiles only the SDK and the driver. The binary is copied beside the Cargo.toml, so a later build into
the shared folder does not change what this run executes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ...toolchain import rust_tools

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
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "stream"] }}
serde = "1"
serde_json = "1"
sha2 = "0.10"
tokio = {{ version = "1", features = ["macros", "rt-multi-thread", "time"] }}

[workspace]
"""


def build(folder: Path) -> None:
    from ..languages import generate

    cargo = rust_tools.cargo()
    generate("rust", folder / "sdk")
    driver = folder / "driver"
    driver.mkdir(exist_ok=True)
    shutil.copy(HERE / "driver.rs", driver / "driver.rs")
    (driver / "Cargo.toml").write_text(CARGO_TOML, encoding="utf-8")
    result = rust_tools.run([cargo, "build", "--quiet", "--bin", "driver"], driver)
    if result.returncode != 0:
        raise AssertionError(f"building the Rust conformance driver failed:\n{result.stdout}{result.stderr}")
    shutil.copy(rust_tools.target_dir() / "debug" / "driver", driver / "driver")


def command(folder: Path, mode: str) -> list[str]:
    return [str(folder / "driver" / "driver")]
