"""Every golden TypeScript SDK compiles with tsc --strict --noUncheckedIndexedAccess --exactOptionalPropertyTypes,
under each pinned TypeScript (the newest 5.x and the newest release, 7.x), and is prettier-clean.

The pinned typescripts and prettier come from tests/toolchain/node (see node_tools.py): installed on first use,
a failure under CI when node or npm is missing, a skip with a message elsewhere.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import SPECS, run_cli
from tests.golden.golden import GOLDEN_SPECS, golden_dir
from tests.hostile.languages import CHECKS
from tests.toolchain.node_tools import TSC_VERSIONS, node, run, tool, write_node_project

STRICT = ["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes"]


@pytest.mark.parametrize("version", TSC_VERSIONS)
@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_tsc_strict(spec: str, version: str) -> None:
    root = golden_dir(spec, "typescript")
    result = run([tool("tsc", version), "-p", "tsconfig.json", "--noEmit", *STRICT], root)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_prettier_clean(spec: str, tmp_path: Path) -> None:
    # On a copy: prettier leaves a node_modules/.cache folder behind in the folder it checks.
    root = shutil.copytree(golden_dir(spec, "typescript"), tmp_path / "sdk")
    result = run([tool("prettier"), "--check", "."], root)
    assert result.returncode == 0, result.stdout + result.stderr


SMOKE = r"""
import assert from 'node:assert/strict';
import { client, getPet, NotFoundError, Petstore } from './src/index.js';

const seen: Request[] = [];
const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const request = new Request(input as Request, init);
  seen.push(request);
  if (request.url.endsWith('/pets/404')) return new Response('{"detail": "no such pet"}', { status: 404 });
  return new Response('{"id": 7, "name": "Rex", "status": "adopted-elsewhere"}', {
    headers: { 'content-type': 'application/json' },
  });
};

// the flat functions over the shared client: setConfig, then interceptors
client.setConfig({ baseUrl: 'https://pets.example/v1', apiKey: 'k', fetch });
client.interceptors.request.use((request) => request.headers.set('X-Trace', 't'));
const pet = await getPet({ path: { petId: 7 } });
assert.equal(pet.name, 'Rex');
assert.equal(pet.status, 'adopted-elsewhere');
assert.equal(seen[0]!.url, 'https://pets.example/v1/pets/7');
assert.equal(seen[0]!.headers.get('x-api-key'), 'k');
assert.equal(seen[0]!.headers.get('x-trace'), 't');

// the client class, the same call, and a typed error
const petstore = new Petstore({ baseUrl: 'https://pets.example/v1', apiKey: 'k2', fetch, maxRetries: 0 });
const raw = await petstore.pets.get({ path: { petId: 7 } }).withResponse();
assert.equal(raw.response.status, 200);
assert.equal(seen[1]!.headers.get('x-api-key'), 'k2');
await assert.rejects(petstore.pets.get({ path: { petId: 404 } }), (e: unknown) =>
  e instanceof NotFoundError && e.apiMessage === 'no such pet' && e.message === '404 Not Found: no such pet');
console.log('smoke ok');
"""


@pytest.mark.parametrize("version", TSC_VERSIONS)
def test_petstore_sdk_runs_over_a_fake_fetch(version: str, tmp_path: Path) -> None:
    """The golden petstore SDK, compiled with a script using it, runs under node: flat functions and the class."""
    shutil.copytree(golden_dir("petstore", "typescript") / "src", tmp_path / "src")
    (tmp_path / "smoke.ts").write_text(SMOKE, encoding="utf-8")
    write_node_project(tmp_path, ["smoke.ts", "src"])
    compiled = run([tool("tsc", version), "-p", "tsconfig.json"], tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    result = run([node(), "out/smoke.js"], tmp_path)
    assert result.returncode == 0 and "smoke ok" in result.stdout, result.stdout + result.stderr


HOSTILE = r"""
openapi: 3.1.0
info: {title: Promise, version: 1.0.0}
servers: [{url: 'https://x.example/{version}', variables: {version: {default: v1}, baseUrl: {default: a}}}]
paths:
  /request/{constructor}:
    get:
      operationId: client
      tags: [request]
      parameters:
        - {name: constructor, in: path, required: true, schema: {type: string}}
        - {name: options, in: query, schema: {type: string}}
        - {name: params, in: query, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/APIError'}}}}
  /then:
    post:
      operationId: parseJSON
      tags: [then]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Record'}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Promise'}}}}
  /create:
    get:
      operationId: create
      tags: [timeout]
      description: "Ends a comment */ and opens a template ${x} with `backticks`"
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/PromiseOptions'}}}}
components:
  schemas:
    APIError: {type: object, properties: {message: {type: string}}}
    Record: {type: object, properties: {'constructor': {type: string}, '__proto__': {type: string}}}
    Promise: {type: object, properties: {then: {type: string}}}
    PromiseOptions: {type: object, properties: {a: {type: integer, format: int64}}}
    Then: {type: string, enum: ["it's", 'a "b"', "c\\d", "*/"]}
"""


@pytest.mark.parametrize("version", TSC_VERSIONS)
def test_names_typescript_needs_for_itself_are_renamed(version: str, tmp_path: Path) -> None:
    """A client called `Promise`, models called `Promise`/`Record`/`APIError`, operations called `client`,
    `create`, `parseJSON`, resources called `request`/`timeout`/`then`: the SDK still compiles and is clean."""
    spec = tmp_path / "hostile.yaml"
    spec.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "sdk"
    result = run_cli("generate", "--lang", "typescript", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    index = (out / "src" / "index.ts").read_text(encoding="utf-8")
    assert "export { PromiseClient, type PromiseClientOptions } from './client.js';" in index
    tsc = run([tool("tsc", version), "-p", "tsconfig.json", "--noEmit"], out)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
    prettier = run([tool("prettier"), "--check", "."], out)
    assert prettier.returncode == 0, prettier.stdout + prettier.stderr


@pytest.mark.parametrize("version", TSC_VERSIONS)
@pytest.mark.parametrize("title", ["Base Client", "Shared Client", "Api Key Auth"])
def test_client_names_the_runtime_takes_are_renamed(title: str, version: str, tmp_path: Path) -> None:
    """A client class named like a runtime class client.ts or functions.ts imports gets `Client` added."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        f"openapi: 3.1.0\ninfo: {{title: {title}, version: '1'}}\n"
        "components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}\nsecurity: [{key: []}]\n"
        "paths: {/a: {get: {operationId: a, responses: {'204': {description: none}}}}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "sdk"
    result = run_cli("generate", "--lang", "typescript", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    tsc = run([tool("tsc", version), "-p", "tsconfig.json", "--noEmit"], out)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr


KEYS_SMOKE = r"""
import assert from 'node:assert/strict';
import { NamesAndKeys, type Keys } from './src/index.js';

const seen: Request[] = [];
const answers: Response[] = [
  new Response(null, { status: 204 }),
  new Response('{"__proto__": "p", "toString": "t"}', { headers: { 'content-type': 'application/json' } }),
  new Response('{"data": ["a"], "__proto__": "c2"}', { headers: { 'content-type': 'application/json' } }),
  new Response('{"data": []}', { headers: { 'content-type': 'application/json' } }),
];
const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  seen.push(new Request(input as Request, init));
  return answers.shift()!;
};

// wire names every object has are ordinary names: in server variables, security schemes, parameters and fields
const client = new NamesAndKeys({ apiKey: 'k', toString_: 'd', fetch, maxRetries: 0 });
await client.toString_.eval({ query: { toString: 'q' }, headers: { ['__proto__']: 'h' }, cookies: { valueOf: 'v' } });
const url = new URL(seen[0]!.url);
assert.equal(url.origin + url.pathname, 'https://a.example.com/b/d/e/models.list/Stream%3Cx%3E/APIPromise%3Cy%3E/PagePromise%3Cz%3E');
assert.equal(url.search, '?toString=q');
assert.equal(seen[0]!.headers.get('__proto__'), 'h');
assert.equal(seen[0]!.headers.get('x-key'), 'k');

const keys: Keys = await client.valueOf_.hasOwnProperty_({ path: { hasOwnProperty: 'x' } });
assert.equal(keys.__proto__, 'p');
assert.equal(keys.toString, 't');
assert.equal(typeof keys.constructor, 'function'); // absent: Object's, as its type says
const sent: Keys = { ['__proto__']: 'p', toString: 't', valueOf: 1 };
assert.equal(Object.keys(sent).join(), '__proto__,toString,valueOf');

const items: string[] = [];
for await (const item of client.paginator.arguments()) items.push(item);
assert.deepEqual(items, ['a']);
assert.equal(new URL(seen[3]!.url).search, '?constructor=c2');
console.log('keys ok');
"""


@pytest.mark.parametrize("version", TSC_VERSIONS)
def test_names_every_object_has_work_on_the_wire(version: str, tmp_path: Path) -> None:
    """The hostile names-and-keys SDK, used from a script: `__proto__`, `constructor`, `toString`… as server
    variables, security schemes, parameters, fields and pagination fields reach the wire and come back."""
    spec = Path(__file__).resolve().parent.parent / "hostile" / "specs" / "names-and-keys.yaml"
    result = run_cli("generate", "--lang", "typescript", "--spec", str(spec), "--out", str(tmp_path / "sdk"))
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copytree(tmp_path / "sdk" / "src", tmp_path / "src")
    (tmp_path / "smoke.ts").write_text(KEYS_SMOKE, encoding="utf-8")
    write_node_project(tmp_path, ["smoke.ts", "src"])
    compiled = run([tool("tsc", version), "-p", "tsconfig.json"], tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    result = run([node(), "out/smoke.js"], tmp_path)
    assert result.returncode == 0 and "keys ok" in result.stdout, result.stdout + result.stderr


def test_adding_a_schema_and_an_operation_renames_nothing(tmp_path: Path) -> None:
    """Every name is a function of its own plan name or model name: a new schema (named like a resource) and a new
    operation under a new tag leave every identifier of the SDK as it was, in the file it was in."""
    spec = yaml.safe_load((SPECS / "petstore.yaml").read_text(encoding="utf-8"))
    sdks = []
    for label in ("before", "after"):
        if label == "after":
            spec["components"]["schemas"]["Store"] = {"type": "object", "properties": {"name": {"type": "string"}}}
            schema = {"$ref": "#/components/schemas/Store"}
            answer = {"description": "ok", "content": {"application/json": {"schema": schema}}}
            spec["paths"]["/zoo/keepers"] = {"get": {"operationId": "listZooKeepers", "tags": ["zoo"],
                                                     "responses": {"200": answer}}}  # fmt: skip
        path = tmp_path / f"{label}.json"
        path.write_text(json.dumps(spec), encoding="utf-8")
        out = tmp_path / label
        result = run_cli("generate", "--lang", "typescript", "--spec", str(path), "--out", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        found = [item.rsplit(":", 2) for item in CHECKS["typescript"].identifiers(out)]
        sdks.append({(Path(file).relative_to(out).as_posix(), name) for file, _, name in found})
    before, after = sdks
    assert ("src/resources/store.ts", "StoreResource") in before
    assert before <= after, sorted(before - after)
