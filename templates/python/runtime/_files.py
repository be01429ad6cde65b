"""File uploads (multipart parts, raw bodies) and binary downloads.

Upload content is read into memory once per call, so every retry sends the
same bytes.
"""

from __future__ import annotations

import io
import mimetypes
import os
import pathlib
from collections.abc import Iterator
from typing import IO

import httpx

from ._types import FileContent, FileTypes

__all__ = [
    "BinaryResponse",
    "HttpxFile",
    "read_content",
    "to_httpx_file",
]

HttpxFile = tuple[str | None, bytes, str | None]
"""``(filename, content, content_type)`` as httpx's ``files=`` takes it."""


def read_content(content: FileContent | str) -> bytes:
    """Bytes of ``bytes``, ``str`` (UTF-8), a binary file object or a path."""
    if isinstance(content, bytes):
        return content
    if isinstance(content, str):
        return content.encode()
    if isinstance(content, (bytearray, memoryview)):
        return bytes(content)
    if isinstance(content, os.PathLike):
        return pathlib.Path(content).read_bytes()
    if isinstance(content, io.IOBase) or hasattr(content, "read"):
        data = content.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    raise TypeError(f"Unsupported file content: {type(content).__name__}")


def _guess_name(content: FileContent) -> str | None:
    if isinstance(content, os.PathLike):
        return pathlib.Path(content).name
    name = getattr(content, "name", None)
    if isinstance(name, str) and name:
        return os.path.basename(name)
    return None


def to_httpx_file(value: FileTypes) -> HttpxFile:
    """One upload as ``(filename, bytes, content_type)``.

    The filename defaults to the path's or file object's name, else
    ``"upload"``; the content type to a guess from the filename.
    """
    filename: str | None
    content_type: str | None = None
    if isinstance(value, tuple):
        if len(value) == 2:
            filename, content = value
        else:
            filename, content, content_type = value
    else:
        content = value
        filename = None
    if filename is None:
        filename = _guess_name(content) or "upload"
    if content_type is None:
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return filename, read_content(content), content_type


class BinaryResponse:
    """A downloaded body: ``content``, ``headers``, streaming and saving."""

    def __init__(self, response: httpx.Response) -> None:
        self.http_response = response

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def content_type(self) -> str | None:
        value = self.http_response.headers.get("content-type")
        return value if isinstance(value, str) else None

    def iter_bytes(self, chunk_size: int = 65536) -> Iterator[bytes]:
        data = self.content
        for start in range(0, len(data), chunk_size):
            yield data[start : start + chunk_size]

    def write_to_file(self, path: str | os.PathLike[str] | IO[bytes]) -> None:
        """Save the body to a path or an open binary file."""
        if isinstance(path, (str, os.PathLike)):
            pathlib.Path(path).write_bytes(self.content)
        else:
            path.write(self.content)
