"""File I/O shared by the gazetteer and the atlas: reading data and articles, writing atomically.

Kept apart from the pure modules (as osmnx keeps its I/O apart) so that the rest
can be tested on in-memory data. Public: :mod:`geo` writes its exports through
:func:`write_text_atomic` and :func:`atomic_path`.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .exc import ArticleError, DataError, Problem, WriteError

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
    """Read an article file as text, by the rules every door shares (see :func:`decode_article`).

    Only a regular file is read: a directory, a device (``/dev/zero``), a FIFO
    or a socket is refused before it is opened, so nothing hangs or fills memory.
    The size cap is enforced while reading, not only by the file's stated size.

    Raises
    ------
    ArticleError
        Naming the file: missing/unreadable, not a regular file, empty, too large,
        binary, or not UTF-8/UTF-16.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError as e:
        raise ArticleError(str(p), f"cannot read: {e.strerror or e}") from e
    if stat.S_ISDIR(st.st_mode):
        raise ArticleError(str(p), "is a directory; expected an article file")
    if not stat.S_ISREG(st.st_mode):
        raise ArticleError(str(p), "is not a regular file (a device, FIFO or socket); expected an article file")
    if st.st_size > max_bytes:
        raise ArticleError(
            str(p), f"file is {st.st_size:,} bytes; expected at most {max_bytes:,} bytes of article text"
        )
    try:
        with open(p, "rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as e:
        raise ArticleError(str(p), f"cannot read: {e.strerror or e}") from e
    if len(raw) > max_bytes:
        raise ArticleError(str(p), f"file grew past {max_bytes:,} bytes while read; expected article text")
    return decode_article(raw, name=str(p))


def decode_article(raw: bytes, *, name: str, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Bytes of an article as text: the one rule of the command line, the dashboard's upload and bulk ingest.

    UTF-8 (a leading BOM dropped), or UTF-16 when the bytes start with its BOM.
    A U+FFFD already in the text (a character the source lost) is kept; bytes
    that are not valid in the encoding are an error, because guessing could
    shift every offset we cite. ``name`` (a path or an upload's name) is put in
    every error.

    Raises
    ------
    ArticleError
        Too large, empty, binary (a NUL byte), or undecodable.
    """
    if len(raw) > max_bytes:
        raise ArticleError(name, f"file is {len(raw):,} bytes; expected at most {max_bytes:,} bytes of article text")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")  # the BOM says which byte order, and is dropped
        except UnicodeDecodeError as e:
            raise ArticleError(name, f"not UTF-16 after its byte-order mark: undecodable at offset {e.start}") from e
        if not text.strip():
            raise ArticleError(name, "file is empty; expected article text")
        if "\x00" in text:
            raise ArticleError(name, f"binary data (NUL character at offset {text.index(chr(0))}); expected text")
        return text
    if not raw.strip():
        raise ArticleError(name, "file is empty; expected article text")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ArticleError(name, f"binary data (NUL byte at offset {nul}); expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArticleError(name, f"not UTF-8: undecodable byte 0x{raw[e.start]:02x} at offset {e.start}") from e
    text = text.removeprefix("\ufeff")
    if not text.strip():  # Unicode white space that bytes.strip does not know (U+001C, U+00A0, ...)
        raise ArticleError(name, "file is empty; expected article text")
    return text


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def output_path(path: str | os.PathLike) -> Path:
    """Where a write to ``path`` lands: the path itself, or a symlink's target (the link is kept).

    Raises
    ------
    WriteError
        When ``path`` is a directory or a special file (a device, FIFO or socket):
        an output must be a regular file, written whole or not at all.
    """
    p = Path(path)
    target = p.resolve() if p.is_symlink() else p
    try:
        st = target.stat()
    except FileNotFoundError:
        return target
    except OSError as e:
        raise WriteError(str(p), f"cannot write: {e.strerror or e}") from e
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(str(p), "is a directory; expected a file name to write")
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(str(p), "is not a regular file (a device, FIFO or socket); expected a file name to write")
    return target


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[str]:
    """A temporary path next to ``path``; renamed onto it when the block succeeds.

    A crash or an error midway leaves the old file (or none), never half a
    file, and removes the temporary one; one left by a killed process is
    removed by the next write to the same path. The result gets the permissions a
    plain ``open()`` would give (``mkstemp`` makes files private). A symlink is
    written through (its target replaced, the link kept); a directory or a
    special file is refused, and any OS failure becomes a :class:`WriteError`
    naming ``path``.
    """
    p = output_path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        for left in p.parent.glob(f".{glob.escape(p.name)}.*.tmp"):  # a killed write's leftover
            if left.is_file():
                left.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    except OSError as e:
        raise WriteError(str(path), f"cannot write: {e.strerror or e}") from e
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, p)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, WriteError):
            raise
        raise WriteError(str(path), f"cannot write: {e.strerror or e}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """A new, empty folder beside ``path``; it takes ``path``'s place when the block succeeds.

    What is left is the whole new folder or the old one, never a mix of old and
    new files. A failure removes the new folder; a folder left by a run that was
    killed (``.NAME.*.tmp``) is removed by the next run, and an old folder moved
    aside (``.NAME.*.old``) is put back if the new one never took its place.
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise WriteError(str(p), "is not a folder; expected a folder to write into")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        _tidy_leftovers(p)
        tmp = Path(tempfile.mkdtemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent))
    except OSError as e:
        raise WriteError(str(p), f"cannot write: {e.strerror or e}") from e
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        if p.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{p.name}.", suffix=".old", dir=p.parent))
            os.replace(p, old)  # an empty folder is replaced: the old one takes its name
            os.replace(tmp, p)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, p)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, WriteError):
            raise
        raise WriteError(str(p), f"cannot write: {e.strerror or e}") from e
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _tidy_leftovers(p: Path) -> None:
    """Remove what a killed :func:`atomic_dir` left beside ``p``; restore an old folder that lost its place."""
    for left in p.parent.glob(f".{glob.escape(p.name)}.*.tmp"):
        shutil.rmtree(left, ignore_errors=True)
    for old in p.parent.glob(f".{glob.escape(p.name)}.*.old"):
        if p.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, p)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically: see :func:`atomic_path`."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
