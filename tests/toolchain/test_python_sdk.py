"""Every golden Python SDK passes mypy --strict, ruff and black, imports cleanly, and works over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import mypy_cache
from tests.golden.golden import GOLDEN_SPECS, golden_dir


def _package(root: Path) -> str:
    return next(p.name for p in sorted(root.iterdir()) if p.is_dir() and (p / "__init__.py").exists())


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MYPY_CACHE_DIR": mypy_cache(),
        "RUFF_NO_CACHE": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_mypy_strict(spec: str) -> None:
    root = golden_dir(spec, "python")
    result = _run([sys.executable, "-m", "mypy", "--strict", _package(root)], root)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_ruff_and_black(spec: str) -> None:
    root = golden_dir(spec, "python")
    ruff = _run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], root)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    # The SDK's own pyproject.toml as black's configuration: found on its own, black would take this repository's
    # (its .git is the nearer project root), which excludes golden/ and so checks nothing.
    black = _run([sys.executable, "-m", "black", "--check", "--config", "pyproject.toml", "."], root)
    assert black.returncode == 0 and "left unchanged" in black.stderr, black.stdout + black.stderr


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_imports_cleanly(spec: str) -> None:
    root = golden_dir(spec, "python")
    package = _package(root)
    code = f"import {package}, {package}.models, {package}.resources; print({package}.__version__)"
    result = _run([sys.executable, "-W", "error", "-c", code], root)
    assert result.returncode == 0, result.stderr


SMOKE = r"""
import json, httpx, petstore
seen = []
def handler(request):
    seen.append(request)
    if request.url.path.endswith("/pets/7"):
        return httpx.Response(200, json={"id": 7, "name": "Rex", "pet_type": "dog", "created_at": "2026-01-02T03:04:05Z", "extra": 1})
    return httpx.Response(404, json={"error": {"message": "no such pet", "code": "not_found"}},
                          headers={"x-request-id": "req_1"})
client = petstore.Petstore(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
pet = client.pets.get(7)
raw = client.pets.with_raw_response.get(7)
try:
    client.pets.get(8)
    error = None
except petstore.NotFoundError as exc:
    error = [exc.status_code, exc.message, exc.request_id]
print(json.dumps({"type": type(pet).__name__, "name": pet.name, "extra": pet.to_dict().get("extra"),
                  "key": seen[0].headers.get("x-api-key"), "ua": seen[0].headers["user-agent"].split(" ")[0],
                  "raw": [raw.status_code, raw.parse().name], "error": error}))
"""


def test_petstore_sdk_round_trip() -> None:
    result = _run([sys.executable, "-c", SMOKE], golden_dir("petstore", "python"))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen == {"type": "Dog", "name": "Rex", "extra": 1, "key": "k", "ua": "petstore/1.4.0",
                    "raw": [200, "Rex"], "error": [404, "no such pet", "req_1"]}  # fmt: skip


def test_user_code_names_fields_as_the_models_spell_them(tmp_path: Path) -> None:
    """A field renamed from its wire name (`type` → `type_`, `nextKey` → `next_key`) is a constructor argument of
    that name for a type checker too — not only at run time — and it is sent under its wire name."""
    root = golden_dir("vibedasher", "python")
    user = tmp_path / "user.py"
    user.write_text(
        "from vibedasher.models import DatasetCreate, DatasetList, DatasetType\n"
        "created = DatasetCreate(name='Sales', type_=DatasetType.FLAT_FILE)\n"
        "listed = DatasetList(datasets=[], next_key=3)\n"
        "print(created.to_dict(), listed.to_dict())\n",
        encoding="utf-8",
    )
    checked = _run([sys.executable, "-m", "mypy", "--strict", str(user)], root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    env = {**os.environ, "PYTHONPATH": str(root)}
    ran = subprocess.run([sys.executable, str(user)], capture_output=True, text=True, timeout=60, env=env)
    assert ran.stdout.strip() == "{'name': 'Sales', 'type': 'flat_file'} {'datasets': [], 'nextKey': 3}", ran.stderr
