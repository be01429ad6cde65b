"""A fuzz worker: reads spec paths (one JSON request a line), runs the pipeline and every target on each.

It runs in its own process under an address-space limit (RLIMIT_AS) and a per-document alarm, so a hang or
a memory blow-up is a finding about that document, not a stuck test run. One JSON answer a line:
{"ok": true} or {"ok": false, "stage": "pipeline" | "ir-json" | "render:<target>", "error": "<traceback or reason>"}.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
import traceback
from typing import Any

MEMORY_BYTES = 2 * 1024**3
SECONDS = 10


class Timeout(BaseException):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Timeout(f"took more than {SECONDS} s")


def check(path: str, render_targets: bool) -> dict[str, Any]:
    from zsdk_generator.config import Config
    from zsdk_generator.diagnostics import SpecError
    from zsdk_generator.ir.serialize import to_json
    from zsdk_generator.pipeline import run
    from zsdk_generator.render import render
    from zsdk_generator.targets.registry import load_target, target_names

    stage = "pipeline"
    try:
        result = run(path)
        for found in result.diagnostics:
            line = found.format()
            if not found.message or (found.pointer is None and not found.file) or "\n" in line:
                return {"ok": False, "stage": stage, "error": f"a finding without a place or on two lines: {line!r}"}
        if result.api is None:
            return {"ok": True, "built": False}
        stage = "ir-json"  # what `zsdk-generator ir` prints
        to_json(result.api)
        if not render_targets:
            return {"ok": True, "built": True}
        for name in target_names():
            stage = f"render:{name}"
            try:
                render(load_target(name), result.api, Config().for_language(name, result.api))
            except SpecError as exc:  # a clear stop is allowed; one that asks to be reported is a bug
                if "please report" in exc.diagnostic.message:
                    return {"ok": False, "stage": stage, "error": exc.diagnostic.format()}
        return {"ok": True, "built": True}
    except Timeout as exc:
        return {"ok": False, "stage": stage, "error": str(exc)}
    except BaseException:  # noqa: B036 — everything else is a finding, MemoryError and RecursionError included
        return {"ok": False, "stage": stage, "error": traceback.format_exc(limit=-12)}


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.signal(signal.SIGALRM, _alarm)
    for line in sys.stdin:
        request = json.loads(line)
        signal.alarm(SECONDS)
        try:
            answer = check(request["path"], request.get("render", True))
        except Timeout as exc:  # between the checks
            answer = {"ok": False, "stage": "worker", "error": str(exc)}
        finally:
            signal.alarm(0)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
