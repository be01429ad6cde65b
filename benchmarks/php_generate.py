"""Time `zsdk-generator generate --lang php` against OpenAPI Generator's `php` generator (Guzzle-based; ours
needs only ext-curl) on the largest real specs.

How both are run and measured: benchmarks/openapi_generator.py. Usage:

    python benchmarks/php_generate.py [--runs 3] [--skip-peer] [--specs SPEC ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openapi_generator import Comparison, files_counted, main  # noqa: E402 - a sibling script

PHP = Comparison(lang="php", generator="php", count_files=files_counted("lib/Api/*Api.php", "lib/Model/*.php"))

if __name__ == "__main__":
    main(PHP, __doc__)
