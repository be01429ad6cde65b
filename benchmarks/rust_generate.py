"""Time `zsdk-generator generate --lang rust` against OpenAPI Generator's `rust` generator on the largest real
specs.

How both are run and measured: benchmarks/openapi_generator.py. The peer runs with its defaults (reqwest,
the library our SDKs use too). Usage:

    python benchmarks/rust_generate.py [--runs 3] [--skip-peer] [--specs SPEC ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openapi_generator import Comparison, files_counted, main  # noqa: E402 - a sibling script

RUST = Comparison(lang="rust", generator="rust", count_files=files_counted("src/apis/*_api.rs", "src/models/*.rs"))

if __name__ == "__main__":
    main(RUST, __doc__)
