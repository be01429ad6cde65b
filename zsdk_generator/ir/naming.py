"""Canonical names: splitting any spelling into words, and the neutral casings the IR stores."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(
    r"[A-Z]{2,}s(?![a-z])|[A-Z]{2,}(?=[A-Z][a-z]|[a-z][0-9])|[A-Z][a-z]+[A-Z](?![A-Za-z])|[A-Z]?[a-z]+(?:[0-9]+[a-z]*)?|[A-Z]+(?![a-z])[0-9]*|[0-9]+[a-z]*"
)


_CACHED = 1 << 16  # names remembered (the same few thousand are asked for again and again)


@lru_cache(maxsize=_CACHED)
def _words(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").replace("'", "")
    out: list[str] = []
    for chunk in re.split(r"[^A-Za-z0-9]+", text):
        out.extend(m.group(0).lower() for m in _WORD.finditer(chunk))
    return tuple(out)


def words(text: str) -> list[str]:
    """`listJobArtifacts` → [list, job, artifacts]; `HTTPValidationError` → [http, validation, error]."""
    return list(_words(text))


@lru_cache(maxsize=_CACHED)
def snake(text: str) -> str:
    return "_".join(_words(text))


@lru_cache(maxsize=_CACHED)
def pascal(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _words(text))


def model_name(text: str) -> str:
    """A PascalCase model name; one that would start with a digit gets a `Model` prefix."""
    name = pascal(text)
    if not name:
        return "Model"
    return "Model" + name if name[0].isdigit() else name


_IRREGULAR = {"people": "person", "children": "child", "data": "data", "status": "status", "news": "news"}


def singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def strip_resource_words(name_words: list[str], resource_words: list[str]) -> list[str]:
    """Drop the resource's own words from a method name: (list, job, artifacts) in jobs → (list, artifacts)."""
    if not resource_words:
        return name_words
    out = list(name_words)
    for run in (resource_words, resource_words[:-1] + [singular(resource_words[-1])]):
        n = len(run)
        start = 0
        while start <= len(out) - n:
            if out[start : start + n] == run and len(out) > n:
                del out[start : start + n]
            else:
                start += 1
    return out
