"""Time `zsdk-generator generate --lang go` against OpenAPI Generator's `go` generator on the largest real specs.

How both are run and measured: benchmarks/openapi_generator.py. Usage:

    python benchmarks/go_generate.py [--runs 3] [--skip-peer] [--specs SPEC ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openapi_generator import Comparison, files_counted, main  # noqa: E402 - a sibling script

GO = Comparison(lang="go", generator="go", count_files=files_counted("api_*.go", "model_*.go"))

if __name__ == "__main__":
    main(GO, __doc__)
