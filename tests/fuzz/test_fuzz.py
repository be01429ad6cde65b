"""Fuzzing with hostile documents: no traceback, no internal error, no hang, no memory blow-up — anywhere.

Two sources, both deterministic and bounded (about a minute together):

(a) hypothesis-generated small documents: JSON-like trees shaped like OpenAPI 3.x and Swagger 2.0, mostly
    well-typed, with wrong types (strings, numbers, lists, nulls, booleans, huge integers, control characters,
    lone surrogates) in the right places and `$ref`s pointing anywhere (so cycles too);
(b) seeded mutations of real specs (specs/*.yaml always, a sample of ../shared/specs when present): delete,
    replace, retype or rename random nodes, point them elsewhere by `$ref`, share them (YAML aliases, cycles).

Each document goes through `pipeline.run` in a worker process (tests/fuzz/worker.py: 2 GB of address space,
10 s per document) and, when it builds an IR, through every installed target's `render` in memory. Only
SpecError may stop a stage; every diagnostic needs a message and a place. Budgets: ZSDK_FUZZ_EXAMPLES
(hypothesis examples, default 300) and ZSDK_FUZZ_MUTATIONS (mutants per spec, default 10).
"""

from __future__ import annotations

import copy
import json
import os
import random
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SHARED_SPECS, SPECS
from zsdk_generator.spec.yaml12 import load_yaml

EXAMPLES = int(os.environ.get("ZSDK_FUZZ_EXAMPLES", "300"))
MUTATIONS = int(os.environ.get("ZSDK_FUZZ_MUTATIONS", "10"))
SEED = 20240611
NO_ANSWER_SECONDS = 40  # the worker's own alarm fires at 10 s; this catches what an alarm cannot interrupt
BIG = "__ZSDK_FUZZ_BIG_INTEGER__"  # written out as a 5000-digit integer literal


# ---------------------------------------------------------------------------------------------- the worker


class Worker:
    """One long-lived worker process; restarted after a hang or a crash."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.documents = self.built = 0  # how many documents were checked, and how many reached the targets

    def check(self, path: Path) -> str | None:
        """None when the document went through cleanly, else what went wrong."""
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.fuzz.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                cwd=ROOT,
            )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"path": str(path)}) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], NO_ANSWER_SECONDS)
        if not ready:
            self.close()
            return f"no answer in {NO_ANSWER_SECONDS} s: a hang the alarm could not interrupt"
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            self.process = None
            return f"the worker died (exit status {code}): a crash or the memory limit"
        answer = json.loads(line)
        self.documents += 1
        self.built += bool(answer.get("built"))
        return None if answer["ok"] else f"{answer['stage']}: {answer['error']}"

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.close()
    print(f"\nfuzz: {running.documents} documents, {running.built} built an IR and were rendered by every target")


@pytest.fixture(scope="module")
def spec_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def dump(document: Any, fmt: str) -> tuple[str, str]:
    """(text, format): YAML when asked for or when the document shares nodes in a cycle JSON cannot write."""
    if fmt == "json":
        try:
            return json.dumps(document, indent=1).replace(f'"{BIG}"', "9" * 5000), "json"
        except ValueError:  # a cycle
            pass
    try:
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=False, width=200)
    except yaml.YAMLError:  # a lone surrogate YAML cannot write: JSON can
        return json.dumps(document, indent=1).replace(f'"{BIG}"', "9" * 5000), "json"
    return text.replace(BIG, "9" * 5000), "yaml"


def check(worker: Worker, spec_dir: Path, document: Any, fmt: str) -> tuple[str | None, str, Path]:
    text, fmt = dump(document, fmt)
    path = spec_dir / f"document.{fmt}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return worker.check(path), text, path


# ---------------------------------------------------------------------------------------------- (a) generated

TEXT = st.text(
    alphabet=st.sampled_from([*"ab{}/ ~.-", "\x00", "\n", "\x1b", "\u2028", "\ud800", "é", "²", "١"]), max_size=6
)
NAMES = st.one_of(st.sampled_from(["A", "B", "C", "id", "data", "items", "next_cursor", "has_more", "name"]), TEXT)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
# A 5000-digit integer stops the whole document at load: rare, so that the rest gets to the targets.
NUMBER = st.one_of(*[st.integers(-(2**70), 2**70)] * 15, st.floats(allow_nan=True, allow_infinity=True), st.just(BIG))
JUNK = st.one_of(SCALAR, st.lists(SCALAR, max_size=3), st.dictionaries(NAMES, SCALAR, max_size=3))
LOCAL_REFS = [
    "#/components/schemas/A", "#/components/schemas/B", "#/components/schemas/C", "#/components/schemas/A/properties/a",
    "#/components/schemas/A/items", "#/components/schemas/B/oneOf/0", "#/components/parameters/P",
    "#/components/responses/R", "#/definitions/A", "#/definitions/B", "#/parameters/P", "#/responses/R",
]  # fmt: skip
ODD_REFS = [
    "#/paths", "#", "#/info/title", "#/x-nowhere", "#/components/schemas/١", "#/components/schemas/~1", "#foo",
    "other.yaml#/A", "http://example.com/a.yaml",
]  # fmt: skip
TYPES = st.sampled_from(["object", "array", "string", "integer", "number", "boolean", "null", "file", "x"])
MEDIA = st.sampled_from(
    ["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded",
     "application/octet-stream", "text/event-stream", "*/*", "application/vnd.x+json"]
)  # fmt: skip


def dicts(keys: st.SearchStrategy[Any], values: st.SearchStrategy[Any], size: int = 3) -> st.SearchStrategy[Any]:
    return st.dictionaries(keys, values, max_size=size)


def documents(hostile: bool) -> st.SearchStrategy[dict[str, Any]]:
    """OpenAPI 3.x and Swagger 2.0 documents; `hostile` ones have wrong types anywhere, a few per document.

    Well-typed documents still have refs pointing anywhere (cycles), odd names and control characters: they
    are the ones that reach the IR builder and the targets.
    """

    def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        """Mostly the right shape, sometimes (in a hostile document) anything else."""
        return st.one_of(*[strategy] * 7, JUNK) if hostile else strategy

    def some(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        """A mapping with any of these fields."""
        return st.fixed_dictionaries({}, optional={key: maybe(value) for key, value in fields.items()})

    def named(names: list[str], value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        """Schemas A, B, C (so refs mostly land): all of them, or (hostile) any few."""
        if hostile:
            return dicts(st.sampled_from(names), value, len(names))
        return st.fixed_dictionaries({name: value for name in names})

    REFS = st.sampled_from(LOCAL_REFS + ODD_REFS) if hostile else st.sampled_from(LOCAL_REFS)
    REF = st.fixed_dictionaries({"$ref": maybe(REFS)})
    SCHEMA: st.SearchStrategy[Any] = st.deferred(
        lambda: st.one_of(
            st.booleans(),
            REF,
            some(
                **{"$ref": REFS},
                type=st.one_of(TYPES, st.lists(TYPES, max_size=3)),
                properties=dicts(NAMES, SCHEMA),
                items=SCHEMA,
                additionalProperties=st.one_of(st.booleans(), SCHEMA),
                allOf=st.lists(SCHEMA, max_size=3),
                anyOf=st.lists(SCHEMA, max_size=3),
                oneOf=st.lists(SCHEMA, max_size=3),
                enum=st.lists(SCALAR, max_size=4),
                const=SCALAR,
                required=st.lists(NAMES, max_size=3),
                nullable=st.booleans(),
                discriminator=st.one_of(NAMES, some(propertyName=NAMES, mapping=dicts(NAMES, st.one_of(REFS, NAMES)))),
                format=st.sampled_from(["int64", "date-time", "binary", "byte", "uuid"]),
                maximum=NUMBER,
                default=JUNK,
                description=TEXT,
                **{"x-zsdk-name": NAMES},
            ),
        )
    )
    HEADER = st.one_of(REF, some(schema=SCHEMA, description=TEXT, required=st.booleans()))
    MEDIA_OBJECT = some(schema=SCHEMA, encoding=dicts(NAMES, some(headers=dicts(NAMES, HEADER)), 2))
    CONTENT = dicts(MEDIA, MEDIA_OBJECT, 2)
    PARAMETER = st.one_of(
        REF,
        some(
            name=NAMES,
            schema=SCHEMA,
            required=st.booleans(),
            style=st.sampled_from(["form", "simple", "deepObject", "x"]),
            explode=st.booleans(),
            content=CONTENT,
            type=TYPES,
            items=SCHEMA,
            collectionFormat=st.sampled_from(["csv", "multi", "pipes", "x"]),
            **{"in": st.sampled_from(["query", "path", "header", "cookie", "body", "formData", "x"])},
        ),
    )
    RESPONSE = st.one_of(
        REF,
        some(
            description=TEXT,
            content=CONTENT,
            headers=dicts(NAMES, HEADER, 2),
            schema=SCHEMA,
            **{"x-zsdk-envelope": st.one_of(NAMES, st.booleans())},
        ),
    )
    STATUS = st.sampled_from(["200", "201", "204", "2XX", "default", "404", "500", "x-ext", "abc"])
    PAGINATION = st.one_of(
        st.booleans(),
        some(
            style=st.sampled_from(["cursor", "offset", "page", "link", "x"]),
            items=NAMES,
            cursor_param=NAMES,
            next_cursor=NAMES,
        ),
    )
    OPERATION = some(
        operationId=NAMES,
        tags=st.lists(NAMES, max_size=2),
        parameters=st.lists(PARAMETER, max_size=3),
        requestBody=st.one_of(REF, some(content=CONTENT, required=st.booleans())),
        responses=dicts(STATUS, RESPONSE),
        security=st.lists(dicts(NAMES, st.lists(NAMES, max_size=1), 2), max_size=2),
        consumes=st.lists(MEDIA, max_size=2),
        produces=st.lists(MEDIA, max_size=2),
        **{
            "x-zsdk-pagination": PAGINATION,
            "x-zsdk-envelope": st.one_of(NAMES, st.booleans()),
            "x-zsdk-login": some(scheme=NAMES, credentials=st.lists(NAMES, max_size=2), token=NAMES),
            "x-zsdk-resource": st.sampled_from(["a.b", "x", "", ".", "a..b"]),
            "x-zsdk-name": NAMES,
            "x-zsdk-idempotent": st.booleans(),
        },
    )
    PATHS = st.sampled_from(
        ["/pets", "/pets/{id}", "/v1/pets/{id}/toys", "/{a}/{b}", "/", "", "/a#frag", "/{", "/x/{id\n}"]
    )
    PATH_ITEM = st.one_of(
        REF,
        some(
            parameters=st.lists(PARAMETER, max_size=2), get=OPERATION, post=OPERATION, put=OPERATION, delete=OPERATION
        ),
    )
    SECURITY_SCHEME = some(
        type=st.sampled_from(["apiKey", "http", "oauth2", "openIdConnect", "mutualTLS", "basic", "x"]),
        name=NAMES,
        scheme=st.sampled_from(["bearer", "basic", "digest"]),
        bearerFormat=TEXT,
        flows=dicts(
            st.sampled_from(["implicit", "password", "clientCredentials", "authorizationCode", "x"]),
            some(tokenUrl=TEXT, authorizationUrl=TEXT, scopes=dicts(NAMES, TEXT, 2)),
            2,
        ),
        flow=st.sampled_from(["implicit", "password", "application", "accessCode"]),
        scopes=dicts(NAMES, TEXT, 2),
        **{"in": st.sampled_from(["header", "query", "cookie"])},
    )
    SECURITY = st.lists(dicts(NAMES, st.lists(NAMES, max_size=1), 2), max_size=2)
    INFO = some(title=TEXT, version=st.sampled_from(["1.0.0", "1.²", "v2", "١.٢"]), description=TEXT)
    TAGS = st.lists(some(name=NAMES, description=TEXT), max_size=2)
    OPENAPI = st.fixed_dictionaries(
        {
            "openapi": maybe(st.sampled_from(["3.1.0", "3.0.3", "3.0", "4.0.0"] if hostile else ["3.1.0", "3.0.3"])),
            "info": maybe(INFO),
        },
        optional={
            "paths": maybe(dicts(PATHS, PATH_ITEM)),
            "webhooks": maybe(dicts(NAMES, PATH_ITEM, 1)),
            "components": some(
                schemas=named(["A", "B", "C"], SCHEMA),
                parameters=dicts(st.just("P"), PARAMETER, 1),
                responses=dicts(st.just("R"), RESPONSE, 1),
                requestBodies=dicts(NAMES, some(content=CONTENT), 1),
                headers=dicts(NAMES, HEADER, 1),
                securitySchemes=dicts(NAMES, SECURITY_SCHEME, 2),
            ),
            "servers": maybe(
                st.lists(some(url=TEXT, variables=dicts(NAMES, some(default=TEXT, enum=st.lists(SCALAR)))))
            ),
            "security": maybe(SECURITY),
            "tags": maybe(TAGS),
            "x-zsdk-envelope": maybe(st.one_of(NAMES, st.booleans())),
        },
    )
    SWAGGER = st.fixed_dictionaries(
        {"swagger": maybe(st.sampled_from(["2.0", "2", "3.0"] if hostile else ["2.0"])), "info": maybe(INFO)},
        optional={
            "host": maybe(TEXT),
            "basePath": maybe(TEXT),
            "schemes": maybe(st.lists(st.sampled_from(["http", "https", "ws"]), max_size=2)),
            "consumes": maybe(st.lists(MEDIA, max_size=2)),
            "produces": maybe(st.lists(MEDIA, max_size=2)),
            "paths": maybe(dicts(PATHS, PATH_ITEM)),
            "definitions": maybe(named(["A", "B", "C"], SCHEMA)),
            "parameters": maybe(dicts(st.just("P"), PARAMETER, 1)),
            "responses": maybe(dicts(st.just("R"), RESPONSE, 1)),
            "securityDefinitions": maybe(dicts(NAMES, SECURITY_SCHEME, 2)),
            "security": maybe(SECURITY),
            "tags": maybe(TAGS),
        },
    )
    return st.one_of(OPENAPI, OPENAPI, SWAGGER)


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(document=st.one_of(documents(hostile=False), documents(hostile=True)), fmt=st.sampled_from(["json", "yaml"]))
def test_generated_documents(worker: Worker, spec_dir: Path, document: dict[str, Any], fmt: str) -> None:
    failure, text, _ = check(worker, spec_dir, document, fmt)
    assert failure is None, f"{failure}\n--- the document ---\n{text[:4000]}"


# ---------------------------------------------------------------------------------------------- (b) mutated


def _bases() -> list[Path]:
    own = sorted(p for p in SPECS.glob("*.yaml") if not p.name.endswith(".zsdk.yaml"))
    shared = sorted(
        p
        for folder in ("real", "peer-tests", "corpus-oas3", "corpus-swagger2")
        for p in (SHARED_SPECS / folder).glob("*")
        if p.suffix in (".json", ".yaml", ".yml") and p.stat().st_size < 60_000
    )
    return own + random.Random(SEED).sample(shared, min(8, len(shared)))


JUNK_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**70, 1.5, float("nan"), float("inf"), "", "x", "\x00\n\x1b", "\ud800", "{id}",
    [], {}, [1, "a", None], {"a": 1}, {"$ref": "#"}, BIG,
]  # fmt: skip


def _slots(document: Any) -> list[tuple[Any, Any, tuple[str, ...]]]:
    """Every (container, key or index, path) in the document."""
    found: list[tuple[Any, Any, tuple[str, ...]]] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(document, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        items = (
            list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        )
        for key, value in items:
            found.append((node, key, path + (str(key),)))
            if isinstance(value, (dict, list)):
                stack.append((value, path + (str(key),)))
    return found


def _pointer(path: tuple[str, ...]) -> str:
    return "#" + "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path)


def mutate(document: dict[str, Any], rng: random.Random) -> str:
    """Apply one random change in place; say what it was."""
    slots = _slots(document)
    holder, key, path = rng.choice(slots)
    value = holder[key]
    kind = rng.choice(["delete", "junk", "junk", "retype", "ref", "share", "rename", "deep", "fan-out"])
    if kind == "rename" and not isinstance(holder, dict):
        kind = "fan-out"
    where = "/" + "/".join(path)
    if kind == "delete":
        del holder[key]
    elif kind == "junk":
        holder[key] = rng.choice(JUNK_VALUES)
    elif kind == "retype":
        if isinstance(value, dict):
            holder[key] = list(value.values())
        elif isinstance(value, list):
            holder[key] = {str(i): v for i, v in enumerate(value)}
        elif isinstance(value, str):
            holder[key] = {"$ref": value} if rng.random() < 0.5 else len(value)
        else:
            holder[key] = [value]
    elif kind == "ref":
        target = rng.choice(slots)[2] if rng.random() < 0.8 else ("nowhere",)
        holder[key] = {"$ref": _pointer(target)}
    elif kind == "share":  # the same node in two places: a YAML alias (a cycle when it is an ancestor)
        other = rng.choice([slot for slot in slots if isinstance(slot[0][slot[1]], (dict, list))] or slots)
        holder[key] = other[0][other[1]]
        where += f" ← /{'/'.join(other[2])}"
    elif kind == "rename":
        holder[rng.choice(["", "x\ny", "a/b~", "$ref", "x-zsdk-name", "١"])] = holder.pop(key)
    elif kind == "deep":
        deep: Any = value
        for _ in range(rng.choice([20, 150])):
            deep = [deep]
        holder[key] = deep
    else:  # fan-out: many references to one node
        holder[key] = [value] * rng.choice([10, 300])
    return f"{kind} {where}"


@pytest.mark.parametrize("base", _bases(), ids=lambda p: str(p.relative_to(p.parents[1])))
def test_mutated_specs(worker: Worker, spec_dir: Path, base: Path) -> None:
    text = base.read_text(encoding="utf-8-sig")
    original = json.loads(text) if base.suffix == ".json" else load_yaml(text)
    failures = []
    for i in range(MUTATIONS):
        rng = random.Random(f"{SEED}:{base.name}:{i}")
        document = copy.deepcopy(original)
        changes = [mutate(document, rng) for _ in range(rng.randint(1, 4))]
        failure, written, path = check(worker, spec_dir, document, rng.choice(["json", "yaml"]))
        if failure is not None:
            kept = path.with_name(f"failure-{base.stem}-{i}{path.suffix}")
            kept.write_text(written, encoding="utf-8", errors="surrogatepass")
            failures.append(f"mutant {i} ({'; '.join(changes)}), kept as {kept}:\n{failure}")
    assert not failures, "\n\n".join(failures)
