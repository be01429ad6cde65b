"""The PHP toolchain the tests run: `php` (8.1+ with curl, json, tokenizer and OPcache), `phpcs` (PSR-12),
`phpunit` 9.6 and `composer` (only `dump-autoload`, offline), all from the system.

Each check runs one process over many files — CI time is tight, and starting PHP per file would dominate it:
`php_lint` compiles every file in one PHP process (`opcache_compile_file`, what `php -l` does per file),
`phpcs` reads one file list, `load_all` loads every class of several SDKs in one PHP process. Without a tool the
tests cannot check PHP: under CI (CI=true) that is a failure, raised loudly; elsewhere the test is skipped with a
message saying what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(message)
    pytest.skip(message)


def tool(name: str) -> str:
    """`php`, `phpcs`, `phpunit` or `composer` from PATH."""
    path = shutil.which(name)
    if path is None:
        _missing(f"{name} not found on PATH: the PHP SDK checks need php 8.1+ (curl, json), phpcs, phpunit, composer")
    assert path is not None
    return path


def run(args: Sequence[str], cwd: Path | None = None, timeout: float = 900,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.php"))


def _list_file(files: Sequence[Path]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="zsdk-php-"))
    path = folder / "files.txt"
    path.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
    return path


# Compiles each file named in the list (one a line) without running it: a syntax or compile error is reported
# with its file, and the process fails.
_LINT = r"""
$files = array_filter(array_map('trim', file($argv[1])));
$current = '';
register_shutdown_function(function () use (&$current) {
    $e = error_get_last();
    if ($e !== null && in_array($e['type'], [E_ERROR, E_PARSE, E_COMPILE_ERROR, E_CORE_ERROR], true)) {
        fwrite(STDERR, "$current: {$e['message']} (line {$e['line']})\n");
    }
});
set_error_handler(function (int $no, string $msg, string $file, int $line) use (&$current): bool {
    fwrite(STDERR, "$current:$line: $msg\n");
    exit(3);
});
$n = 0;
foreach ($files as $f) {
    $current = $f;
    if (!function_exists('opcache_compile_file')) { // no OPcache: `php -l` per file, slower, the same check
        $output = [];
        exec(PHP_BINARY . ' -l ' . escapeshellarg($f) . ' 2>&1', $output, $status);
        if ($status !== 0) {
            fwrite(STDERR, implode("\n", $output) . "\n");
            exit(2);
        }
        $n++;
        continue;
    }
    try {
        if (!opcache_compile_file($f)) {
            fwrite(STDERR, "$f: not compiled\n");
            exit(2);
        }
    } catch (\Throwable $e) {
        fwrite(STDERR, "$f:{$e->getLine()}: {$e->getMessage()}\n");
        exit(2);
    }
    $n++;
}
echo "compiled $n files\n";
"""


def php_lint(files: Sequence[Path]) -> subprocess.CompletedProcess[str]:
    """Compile every file in one PHP process (the check `php -l` makes); fails on the first error, naming it."""
    listing = _list_file(files)
    script = listing.parent / "lint.php"
    script.write_text("<?php\n" + _LINT, encoding="utf-8")
    return run([tool("php"), "-d", "opcache.enable_cli=1", "-d", "opcache.file_cache=", "-d", "display_errors=stderr",
                "-d", "error_reporting=-1", str(script), str(listing)])  # fmt: skip


def phpcs(files: Sequence[Path], warnings: bool = True) -> subprocess.CompletedProcess[str]:
    """`phpcs --standard=PSR12` over every file at once; errors and (with `warnings`) warnings — a line over 120
    columns — both fail."""
    listing = _list_file(files)
    return run([tool("phpcs"), "--standard=PSR12", "--report=emacs", "-q", "--no-colors",
                *([] if warnings else ["--warning-severity=0"]), f"--file-list={listing}"])  # fmt: skip


def dump_autoload(sdk: Path) -> None:
    """`composer dump-autoload` in an SDK folder (offline: composer.json declares PSR-4 and requires only PHP and
    its extensions); `--dev`: the tests' autoload-dev rules too (with no install done, Composer assumes
    --no-dev)."""
    env = {**os.environ, "COMPOSER_HOME": str(Path(tempfile.gettempdir()) / "zsdk-composer-home"),
           "COMPOSER_NO_INTERACTION": "1", "COMPOSER_DISABLE_NETWORK": "1", "COMPOSER_ALLOW_SUPERUSER": "1"}  # fmt: skip
    result = run([tool("composer"), "dump-autoload", "--dev", "--no-interaction", "--quiet"], cwd=sdk, env=env)
    if result.returncode != 0:
        raise AssertionError(f"composer dump-autoload failed in {sdk}:\n{result.stdout}{result.stderr}")


def copy_sdk(source: Path, dest: Path) -> Path:
    """A working copy of an SDK (composer writes vendor/ into it; golden trees stay as they are)."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("vendor"))
    return dest


# Requires each SDK's vendor/autoload.php and loads every class, interface and enum under its src/ with every
# notice, warning and deprecation turned into a failure; a model's #[Field] attributes are instantiated and a
# union's constants read, so a descriptor the runtime does not take fails here.
_LOAD = r"""
error_reporting(E_ALL);
set_error_handler(function (int $no, string $msg, string $file, int $line): bool {
    fwrite(STDERR, "$file:$line: $msg\n");
    exit(3);
});
$n = 0;
foreach (array_slice($argv, 1) as $sdk) {
    require $sdk . '/vendor/autoload.php';
    $composer = json_decode(file_get_contents($sdk . '/composer.json'), true, 512, JSON_THROW_ON_ERROR);
    $namespace = array_search('src/', $composer['autoload']['psr-4'], true);
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($sdk . '/src', FilesystemIterator::SKIP_DOTS));
    $names = [];
    foreach ($files as $file) {
        if ($file->getExtension() === 'php') {
            $relative = substr($file->getPathname(), strlen($sdk . '/src/'), -4);
            $names[] = $namespace . str_replace('/', '\\', $relative);
        }
    }
    sort($names);
    foreach ($names as $name) {
        if (!class_exists($name) && !interface_exists($name) && !enum_exists($name) && !trait_exists($name)) {
            fwrite(STDERR, "$name: not found under its PSR-4 name\n");
            exit(2);
        }
        $class = new ReflectionClass($name);
        $constructor = $class->getConstructor();
        foreach ($constructor ? $constructor->getParameters() : [] as $parameter) {
            foreach ($parameter->getAttributes() as $attribute) {
                $attribute->newInstance();
            }
        }
        $class->getConstants();
        $n++;
    }
}
echo "loaded $n classes\n";
"""


def load_all(sdks: Sequence[Path]) -> subprocess.CompletedProcess[str]:
    """Load every class of the SDKs (each already `dump_autoload`ed; their namespaces distinct) in one process."""
    script = _list_file([]).parent / "load.php"
    script.write_text("<?php\n" + _LOAD, encoding="utf-8")
    return run([tool("php"), "-d", "display_errors=stderr", "-d", "error_reporting=-1", str(script),
                *map(str, sdks)])  # fmt: skip


def phpunit(sdk: Path) -> subprocess.CompletedProcess[str]:
    """The SDK's PHPUnit tests (tests/, the runtime's), with its phpunit.xml.dist; `dump_autoload` it first."""
    return run([tool("phpunit"), "--do-not-cache-result", "--colors=never"], cwd=sdk)
