"""gofmt leaves every comment the Go target writes as it is (issue 11): spec text in doc comments — on
declarations, where gofmt rewrites old-style headings, `` and '', and moves link definitions, and in struct
fields — and a `+build` line in any comment, which gofmt would move to the top of the file as a build
constraint. And the Go names the target keeps as data (zsdk_generator/targets/go_names.py) are the ones of the
toolchain the tests run."""

from __future__ import annotations

import random
from pathlib import Path

from tests.toolchain import go_tools
from zsdk_generator.targets.go_layout import comment_lines, doc_comment
from zsdk_generator.targets.go_names import KEYWORDS, PREDECLARED, STD_PACKAGES

UNIVERSE = Path(__file__).resolve().parent.parent / "hostile" / "lexers" / "go_universe.go"

# Pieces that each meet one of gofmt's doc-comment rules (or a near miss), joined at random into comments.
PIECES = [
    "Heading", "Old Heading", "It's Bob's", "a..b", "Title.x", "# H", "#  H", "#", "+build", "+build x", "+buildx",
    "[a]: https://x.y", "[b]: ftp://q", "[c]: foo://q", "``", "```", "''", "'''", "`", "- item", "1. one",
    "  indented", "\ttab", "Deprecated: x", "x", "Hello World", "end.", "\u00a0nbsp", "Ünïcode Heading", "{", "}",
    "\\", "//go:generate x", "go:build x", "line 1", "export x", "A2", "https://a.b/c''d", "*", "> q", "<b>",
    "[Name]", "[pkg.Name]", "[*x.Y]", "http://x.com/``y", "\u2003", "\u3000lead", "\r", "\x85", "\u2028", "ABC",
    "A.B", "A. B", "Bob's Heading", "x\x00y", "\ufeff", "\u202e", "--", "==", "\n", "\n\n", "\n\n\n", " ",
]  # fmt: skip
NOTES = [[], ["Deprecated: the API marks this schema as deprecated."], ["Values other than these decode too."]]


def _comments(seed: int, count: int) -> str:
    pick = random.Random(seed)
    out = ["package x", ""]
    for i in range(count):
        text = "".join(pick.choice(PIECES) + pick.choice(["", " ", "\n", "\n\n"]) for _ in range(pick.randint(1, 8)))
        notes = pick.choice(NOTES)
        if pick.random() < 0.5:
            lines = doc_comment(text, f"T{i}", f"T{i} is x.", notes)
        else:
            lines = comment_lines([f"T{i} calls GET /x.", text, *notes])
        field = ["\t" + line for line in doc_comment(text, "", "")]
        out += [*lines, f"type T{i} int", "", f"type S{i} struct {{", *field, "\tF int", "}", ""]
    return "\n".join(out)


def test_gofmt_leaves_doc_comments_alone(tmp_path: Path) -> None:
    gofmt = str(Path(go_tools.go()).with_name("gofmt"))
    for seed in range(4):
        (tmp_path / f"c{seed}.go").write_text(_comments(seed, 300), encoding="utf-8")
    result = go_tools.run([gofmt, "-d", "."], tmp_path)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout[-4000:] + result.stderr[-2000:]


def test_go_names_match_the_toolchain(tmp_path: Path) -> None:
    go = go_tools.go()
    listed = go_tools.run([go, "list", "std"], tmp_path).stdout.split()
    public = {p.rsplit("/", 1)[-1] for p in listed if "internal" not in p.split("/") and not p.startswith("vendor/")}
    assert public <= STD_PACKAGES, f"add to go_names.STD_PACKAGES: {sorted(public - STD_PACKAGES)}"
    universe = set(go_tools.run([go, "run", str(UNIVERSE)], tmp_path).stdout.split())
    assert universe == KEYWORDS | PREDECLARED, sorted(universe ^ (KEYWORDS | PREDECLARED))
