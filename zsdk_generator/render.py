"""Rendering: a target's jobs → file contents (Jinja with StrictUndefined, then the target's formatter)."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from .config import LanguageConfig
from .diagnostics import error
from .forked import map_forked, map_pulled, workers_here
from .ir.model import Api
from .plan.build import build_plan
from .plan.model import SdkPlan
from .targets.base import RenderJob, Target, with_header
from .timing import stage


def environment(target: Target, override_dir: Path | None = None) -> jinja2.Environment:
    """Templates from `override_dir` (any single file) first, then the target's own folder."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(override_dir)))
    loaders.append(jinja2.FileSystemLoader(str(target.template_dir)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(target.filters())
    return env


@functools.cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (Jinja's per-user folder in the temporary directory, entries checked
    against each template's source), so a regeneration does not compile them again; none where that folder
    cannot be made. ZSDK_TEMPLATE_CACHE=0 turns it off."""
    if os.environ.get("ZSDK_TEMPLATE_CACHE", "1") == "0":
        return None
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


Sink = Callable[[str, str], None]  # takes each finished file (path, text) as soon as it is made, in any process


def render(
    target: Target, api: Api, config: LanguageConfig, override_dir: Path | None = None, sink: Sink | None = None
) -> dict[str, str]:
    """Every file of the SDK, path → text, in path order; each also goes to `sink` (timed as `write`) as soon as
    it is finished, by whichever process finished it. Raises SpecError when a template fails."""
    env = environment(target, override_dir)
    with stage(f"{target.name} plan"):
        sdk = build_plan(api, config)
    with stage(f"{target.name} render"):
        copied, jobs = _jobs(target, sdk, config)
    if workers_here() > 1 and len(jobs) >= SIDE_BY_SIDE_JOBS:
        files = _render_side_by_side(target, env, jobs, sink)  # the workers send theirs
    else:
        with stage(f"{target.name} render"):
            rendered = {job.path: _render_one(env, job) for job in jobs}
        with stage(f"{target.name} format"):
            formatted = _format_all(target, rendered)
        files = {path: with_header(path, text) for path, text in formatted.items()}
        _send(files, sink)
    _send(copied, sink)
    return dict(sorted({**copied, **files}.items()))


def _send(files: dict[str, str], sink: Sink | None) -> None:
    if sink is not None:
        with stage("write"):
            for path, text in files.items():
                sink(path, text)


def _jobs(target: Target, sdk: SdkPlan, config: LanguageConfig) -> tuple[dict[str, str], list[RenderJob]]:
    """The target's jobs: the copied files (path → text, with their header) and the templates to render."""
    files: dict[str, str] = {}
    jobs: list[RenderJob] = []
    paths: set[str] = set()
    for job in target.lower(sdk, config):
        if job.path in paths:
            raise error(f"{target.name}: two files would be written to {job.path}", None)
        paths.add(job.path)
        if job.source is not None:
            files[job.path] = with_header(job.path, job.source.read_text(encoding="utf-8"))
        else:
            assert job.template is not None
            jobs.append(job)
    return files, jobs


def _render_one(env: jinja2.Environment, job: RenderJob) -> str:
    assert job.template is not None
    try:
        return env.get_template(job.template).render(job.context if job.more is None else {**job.context, **job.more()})
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{getattr(exc, 'filename', None) or job.template}:{line}" if line else job.template
        raise error(f"template {where} failed for {job.path}: {exc}", None) from None


# A target with this many templates to render (Java's and PHP's file per class, on a large spec) renders and
# formats them in forked workers, one per CPU; below it, starting the workers costs more than it saves.
SIDE_BY_SIDE_JOBS = 400


def _render_side_by_side(
    target: Target, env: jinja2.Environment, jobs: Sequence[RenderJob], sink: Sink | None
) -> dict[str, str]:
    """Each job rendered, formatted and given its header (and sent to `sink`) by forked workers that pull the
    next jobs as they finish, path → text in job order. A template error is the first failing job's, as if they
    had run one after another."""

    def finished(job: RenderJob) -> str:
        with stage(f"{target.name} render"):
            text = _render_one(env, job)
        with stage(f"{target.name} format"):
            text = with_header(job.path, target.format(job.path, text))
        if sink is not None:
            with stage("write"):
                sink(job.path, text)
        return text

    for template in dict.fromkeys(job.template for job in jobs if job.template):
        with contextlib.suppress(jinja2.TemplateError):  # a broken one is reported for the first file using it
            env.get_template(template)  # loaded once, here: the workers inherit it
    return dict(zip((job.path for job in jobs), map_pulled(finished, jobs), strict=True))


_PARALLEL_BYTES = 400_000  # below this, starting worker processes costs more than it saves


def _format_all(target: Target, rendered: dict[str, str]) -> dict[str, str]:
    """The target's formatter over every rendered file; a large tree is cut into one batch per CPU (balanced by
    size, biggest files first) formatted side by side in forked workers."""
    count = workers_here()
    if count < 2 or sum(len(t) for t in rendered.values()) < _PARALLEL_BYTES:
        return {path: target.format(path, text) for path, text in rendered.items()}
    batches: list[list[str]] = [[] for _ in range(count)]
    sizes = [0] * count
    for path in sorted(rendered, key=lambda p: -len(rendered[p])):
        smallest = sizes.index(min(sizes))
        batches[smallest].append(path)
        sizes[smallest] += len(rendered[path])

    def batch(paths: list[str]) -> dict[str, str]:
        return {path: target.format(path, rendered[path]) for path in paths}

    formatted: dict[str, str] = {}
    for done in map_forked(batch, [b for b in batches if b]):
        formatted.update(done)
    return {path: formatted[path] for path in rendered}
