"""The Java conformance build: generate the SDK, then compile its sources and Driver.java in one javac run.

The SDK's main sources and the driver are compiled together into `classes/` beside the SDK (lint on, warnings
are errors, as for every SDK the tests compile), against the jars tests/toolchain/java_tools.py fetched once.
The driver runs with `java -cp classes:<jars> Driver`; its mode `async` drives the same scenarios through
`client.async()`, each future joined.

`java.net.http` resends a GET or HEAD once by itself when its connection fails before the response's first byte
(any connection, fresh or pooled), which no client setting turns off (docs/runtime-behaviour.md, "Java: the JDK's
own resend of a GET"). The driver's JVM turns it off with the JVM-wide switch documented there, so a call made with
max_retries 0 sends one request, as the scenarios expect (the switch also caps the JDK's own redirect following,
which no scenario uses). Without it, retry.connection-reset-not-retried and health.connection-failure fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ...toolchain import java_tools

HERE = Path(__file__).resolve().parent
MODES = {"default": "default", "async": "async"}  # the label's mode → the driver's --mode
NO_JDK_RESEND = "-Djdk.httpclient.redirects.retrylimit=1"


def build(folder: Path) -> None:
    from ..languages import generate

    generate("java", folder / "sdk")
    driver = folder / "driver"
    driver.mkdir(exist_ok=True)
    shutil.copy(HERE / "Driver.java", driver / "Driver.java")
    sources = [*java_tools.sources(folder / "sdk" / "src" / "main" / "java"), driver / "Driver.java"]
    result = java_tools.javac(sources, folder / "classes")
    if result.returncode != 0:
        raise AssertionError(f"compiling the Java conformance SDK and driver failed:\n{result.stdout}{result.stderr}")


def command(folder: Path, mode: str) -> list[str]:
    classpath = os.pathsep.join([str(folder / "classes"), java_tools.classpath()])
    return [java_tools.tool("java"), NO_JDK_RESEND, "-cp", classpath, "Driver", "--mode", MODES[mode]]
