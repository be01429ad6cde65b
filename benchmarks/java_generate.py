"""Time `zsdk-generator generate --lang java` against OpenAPI Generator's `java` generator (its `native`
library: java.net.http and Jackson, the libraries our SDKs use too) on the largest real specs.

How both are run and measured: benchmarks/openapi_generator.py. Usage:

    python benchmarks/java_generate.py [--runs 3] [--skip-peer] [--specs SPEC ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openapi_generator import Comparison, files_counted, main  # noqa: E402 - a sibling script

JAVA = Comparison(
    lang="java",
    generator="java",
    count_files=files_counted("src/main/java/**/api/*Api.java", "src/main/java/**/model/*.java"),
    peer_properties="library=native",
)

if __name__ == "__main__":
    main(JAVA, __doc__)
