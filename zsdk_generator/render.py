"""Rendering: a target's jobs → file contents (Jinja with StrictUndefined, then the target's formatter)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .config import LanguageConfig
from .diagnostics import error
from .ir.model import Api
from .targets.base import Target, with_header


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
    )
    env.filters.update(target.filters())
    return env


def render(target: Target, api: Api, config: LanguageConfig, override_dir: Path | None = None) -> dict[str, str]:
    """Every file of the SDK, path → text, in path order. Raises SpecError when a template fails."""
    env = environment(target, override_dir)
    files: dict[str, str] = {}
    for job in target.plan(api, config):
        if job.path in files:
            raise error(f"{target.name}: two files would be written to {job.path}", None)
        if job.source is not None:
            text = job.source.read_text(encoding="utf-8")
        else:
            assert job.template is not None
            try:
                text = env.get_template(job.template).render(job.context)
            except jinja2.TemplateError as exc:
                line = getattr(exc, "lineno", None)
                where = f"{getattr(exc, 'filename', None) or job.template}:{line}" if line else job.template
                raise error(f"template {where} failed for {job.path}: {exc}", None) from None
            text = target.format(job.path, text)
        files[job.path] = with_header(job.path, text)
    return dict(sorted(files.items()))
