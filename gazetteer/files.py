"""File I/O shared by the gazetteer and the atlas: reading data and articles, writing atomically.

Kept apart from the pure modules (as osmnx keeps its I/O apart) so that the rest
can be tested on in-memory data. Public: :mod:`geo` writes its exports through
:func:`write_text_atomic` and :func:`atomic_path`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .exc import ArticleError, DataError, Problem

#: The shipped gazetteer.
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "places.geojson"

#: Articles larger than this are refused: no news article is 5 MB of text.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def read_json(path: str | os.PathLike) -> Any:
    """Read a JSON file, raising :class:`DataError` that names the file on any failure."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise DataError(
            str(p), [Problem("<file>", "file", "a readable file", f"{type(e).__name__}: {e.strerror or e}")]
        ) from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataError(
            str(p), [Problem("<file>", "encoding", "UTF-8", f"undecodable byte at offset {e.start}")]
        ) from e
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError(
            str(p), [Problem("<file>", "json", "valid JSON", f"{e.msg} at line {e.lineno}, column {e.colno}")]
        ) from e


def read_article(path: str | os.PathLike, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Read an article as text.

    A U+FFFD already in the text (a character the source lost) is kept; bytes
    that are not UTF-8 are an error, because guessing their encoding could
    shift every offset we cite.

    Parameters
    ----------
    path : path-like
        The article file.
    max_bytes : int, keyword-only
        Refuse larger files.

    Raises
    ------
    ArticleError
        Naming the file: missing/unreadable, empty, too large, binary, or not UTF-8.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ArticleError(str(p), f"file is {size:,} bytes; expected at most {max_bytes:,} bytes of article text")
        raw = p.read_bytes()
    except ArticleError:
        raise
    except OSError as e:
        raise ArticleError(str(p), f"cannot read: {e.strerror or e}") from e
    if not raw.strip():
        raise ArticleError(str(p), "file is empty; expected article text")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ArticleError(str(p), f"binary data (NUL byte at offset {nul}); expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArticleError(str(p), f"not UTF-8: undecodable byte 0x{raw[e.start]:02x} at offset {e.start}") from e
    return text.removeprefix("\ufeff")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[str]:
    """A temporary path next to ``path``; renamed onto it when the block succeeds.

    A crash or an error midway leaves the old file (or none), never half a
    file, and removes the temporary one. The result gets the permissions a
    plain ``open()`` would give (``mkstemp`` makes files private).
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically: see :func:`atomic_path`."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
