"""Static checks: the runtime and generated-style code pass ``mypy --strict``,
and the sample generated client works end to end."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from pyrt_support import RUNTIME_DIR, make_package


def test_runtime_and_sample_pass_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    make_package(tmp_path, "typed_sdk")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "typed_sdk",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_runtime_folder_is_plain() -> None:
    names = sorted(p.name for p in RUNTIME_DIR.iterdir() if p.name != "__pycache__")
    assert "py.typed" in names
    assert "__init__.py" not in names
    for path in RUNTIME_DIR.glob("*.py"):
        text = path.read_text()
        assert "from __future__ import annotations" in text, path.name
        assert "import sdkrt" not in text and "from sdkrt" not in text, path.name
        assert len(text.splitlines()) < 550, path.name


def handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/v1/pets/1":
        return httpx.Response(200, json={"data": {"id": 1, "name": "rex", "status": "adopted"}})
    if path == "/v1/pets" and request.method == "POST":
        return httpx.Response(201, json={"id": 2, **json.loads(request.content)})
    if path == "/v1/pets":
        after = request.url.params.get("starting_after")
        if after is None:
            return httpx.Response(200, json={"data": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]})
        if after == "2":
            return httpx.Response(200, json={"data": [{"id": 3, "name": "c"}]})
        return httpx.Response(200, json={"data": []})
    if path == "/v1/pets/1/photo":
        return httpx.Response(200, content=b"PNG")
    if request.method == "DELETE":
        return httpx.Response(204)
    return httpx.Response(404, json={"error": {"message": "no route"}})


def test_sample_client_end_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    from sdkrt.sample_sdk import AsyncPetstore, Pet, PetStatus, Petstore

    monkeypatch.setenv("PETSTORE_API_KEY", "sk_env")
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(handler)
    with Petstore(
        region="eu",
        http_client=httpx.Client(transport=transport),
        on_request=[seen.append],
    ) as client:
        assert client.base_url == "https://eu.petstore.example.com/v1"
        pet = client.pets.get(1)
        assert pet.status is not None and not pet.status.is_known
        assert isinstance(pet.status, PetStatus)
        assert seen[-1].headers["X-API-Key"] == "sk_env"
        assert seen[-1].headers["User-Agent"].startswith("petstore/1.0.0 python/")

        created = client.pets.create(name="c", extra_headers={"X-Debug": "1"})
        assert created == Pet(id=2, name="c")
        assert json.loads(seen[-1].content) == {"name": "c"}
        assert "Idempotency-Key" in seen[-1].headers

        assert [p.id for p in client.pets.list(limit=2)] == [1, 2, 3]
        assert "X-API-Key" not in seen[-1].headers  # list is public (security=[])

        raw = client.pets.with_raw_response.get(1)
        assert raw.status_code == 200
        assert raw.parse().name == "rex"
        assert client.pets.with_raw_response.delete(5).status_code == 204
        assert client.pets.delete(5) is None
        assert client.pets.photo(1).content == b"PNG"
        page = client.pets.with_raw_response.list().parse()
        assert [p.id for p in page.items] == [1, 2]

    async def run() -> None:
        async with AsyncPetstore(api_key="sk_arg", http_client=httpx.AsyncClient(transport=transport)) as client:
            assert client.base_url == "https://us.petstore.example.com/v1"
            assert (await client.pets.get(1)).name == "rex"
            raw = await client.pets.with_raw_response.get(1)
            assert raw.request_id is None
            assert raw.http_response.request.headers["X-API-Key"] == "sk_arg"
            page = await client.pets.list()
            assert [p.id async for p in page] == [1, 2, 3]

    asyncio.run(run())
