"""The inputs of an ingest, one article at a time, in a fixed order.

Folders are walked recursively in sorted order (names starting with a dot are
left out: editor and system files, not articles); files are read in the order
given. The kind of a file is its suffix: ``.jsonl``/``.ndjson`` (JSON Lines) and
``.csv`` hold one article per row, ``.html``/``.htm``/``.xhtml`` are saved web
pages, anything else is plain text. The same file reached twice (a folder and a
file in it) is read once.

Everything here is streamed: a row is read, handed on and forgotten, so a CSV
of a million rows costs the memory of one. A problem (an unreadable, empty,
binary or undecodable file, a row without text, a bad JSON line) becomes an
:class:`Item` with ``error`` set, naming the file and line, and the walk goes on.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from gazetteer import ArticleError, decode_article, read_article
from gazetteer.files import MAX_ARTICLE_BYTES

#: Suffixes of files holding one article per row.
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
#: Suffixes of saved web pages.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: The fields of a row (JSON Lines or CSV) that are read; others are ignored.
ROW_FIELDS = ("text", "html", "url", "outlet", "title", "published")


@dataclass(frozen=True, slots=True)
class Item:
    """One article as read, before any work on it; ``error`` set when it could not be read.

    ``source`` names where it was read (``path``, ``path:line 3``, ``path:row 3``);
    exactly one of ``text``/``html`` is set when ``error`` is ``None``.
    """

    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    error: str | None = None


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Every file under ``paths``, folders walked recursively in sorted order, each file once."""
    seen: set[Path] = set()
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted(
                (f for f in p.rglob("*") if not any(part.startswith(".") for part in f.relative_to(p).parts)),
                key=lambda f: f.relative_to(p).as_posix(),
            )
            files = [f for f in found if not f.is_dir()]
        else:
            files = [p]  # a missing or special file is named by the reader
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def iter_items(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Every article of ``paths`` in input order (see the module docstring); problems as items with ``error``."""
    for f in iter_files(paths):
        suffix = f.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_items(f)
        elif suffix in CSV_SUFFIXES:
            yield from _csv_items(f)
        else:
            try:
                content = read_article(f)
            except ArticleError as e:
                yield Item(source=str(f), error=e.reason)
                continue
            if suffix in HTML_SUFFIXES:
                yield Item(source=str(f), html=content)
            else:
                yield Item(source=str(f), text=content)


def count_items(paths: Iterable[str | os.PathLike]) -> int:
    """How many items :func:`iter_items` will yield, about (for the progress bar's time left).

    A file counts one; a JSON Lines file its non-blank lines; a CSV file its lines
    after the header (a quoted field over several lines makes this an over-count).
    """
    n = 0
    for f in iter_files(paths):
        suffix = f.suffix.lower()
        if suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
            try:
                with open(f, "rb") as fh:
                    rows = sum(1 for line in fh if line.strip())
            except OSError:
                rows = 1
            n += max(1, rows - (1 if suffix in CSV_SUFFIXES else 0))
        else:
            n += 1
    return n


def _open_rows(f: Path) -> tuple[BinaryIO | None, str | None]:
    """A binary handle on a regular file, or the reason it cannot be read."""
    try:
        if not f.is_file():
            if f.exists():
                return None, "is not a regular file (a folder, device, FIFO or socket); expected an article file"
            return None, "cannot read: No such file or directory"
        return open(f, "rb"), None
    except OSError as e:
        return None, f"cannot read: {e.strerror or e}"


def _row_item(source: str, row: object) -> Item:
    """An item from one row (a JSON object or a CSV record), or the reason it is not one."""
    if not isinstance(row, dict):
        return Item(source=source, error=f"expected a JSON object with a 'text' or 'html' field, found {_kind(row)}")
    values: dict[str, str | None] = {}
    for key in ROW_FIELDS:
        v = row.get(key)
        if v is None or v == "":
            values[key] = None
        elif isinstance(v, str):
            values[key] = v
        else:
            return Item(source=source, error=f"field {key!r}: expected a string, found {_kind(v)}")
    if values["text"] is None and values["html"] is None:
        named = [k for k in ("text", "html") if k in row]
        if named:
            return Item(source=source, error=f"no article text: the {named[0]!r} field is empty")
        return Item(source=source, error="no article text: expected a 'text' or 'html' field, found neither")
    for key in ("text", "html"):
        v = values[key]
        if v is not None:
            size = len(v.encode("utf-8", "surrogatepass"))
            if size > MAX_ARTICLE_BYTES:
                return Item(
                    source=source,
                    error=f"field {key!r} is {size:,} bytes; expected at most {MAX_ARTICLE_BYTES:,} bytes",
                )
            if not v.strip():
                return Item(source=source, error=f"no article text: the {key!r} field is blank")
            if "\x00" in v:
                return Item(source=source, error=f"binary data in field {key!r} (a NUL character); expected text")
    return Item(source=source, **values)


def _kind(v: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(type(v), type(v).__name__)


def _jsonl_items(f: Path) -> Iterator[Item]:
    fh, why = _open_rows(f)
    if fh is None:
        yield Item(source=str(f), error=why)
        return
    with fh:
        any_row = False
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            any_row = True
            source = f"{f}:line {lineno}"
            try:
                line = decode_article(raw, name=source, max_bytes=MAX_ARTICLE_BYTES * 2)
            except ArticleError as e:
                yield Item(source=source, error=_reason(e))
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                yield Item(source=source, error=f"not JSON: {e.msg} at column {e.colno}")
                continue
            yield _row_item(source, row)
        if not any_row:
            yield Item(source=str(f), error="file is empty; expected JSON Lines, one article per line")


def _csv_items(f: Path) -> Iterator[Item]:
    fh, why = _open_rows(f)
    if fh is None:
        yield Item(source=str(f), error=why)
        return
    with fh:
        head = fh.read(8192)
        if b"\x00" in head:
            yield Item(source=str(f), error=f"binary data (NUL byte at offset {head.index(0)}); expected UTF-8 CSV")
            return
        fh.seek(0)
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text)
        row_no = 0
        try:
            fields = reader.fieldnames
            if not fields:
                yield Item(source=str(f), error="file is empty; expected a CSV header and one article per row")
                return
            if "text" not in fields and "html" not in fields:
                yield Item(
                    source=str(f),
                    error=f"CSV header: expected a 'text' or 'html' column, found {', '.join(map(repr, fields))}",
                )
                return
            for row in reader:
                row_no += 1
                yield _row_item(f"{f}:row {row_no}", {k: v for k, v in row.items() if isinstance(k, str)})
        except UnicodeDecodeError as e:
            yield Item(
                source=f"{f}:row {row_no + 1}",
                error=f"not UTF-8: undecodable byte 0x{e.object[e.start]:02x}; the rest of the file is not read",
            )
        except csv.Error as e:
            yield Item(source=f"{f}:row {row_no + 1}", error=f"bad CSV: {e}; the rest of the file is not read")


def _reason(e: ArticleError) -> str:
    """The reason of an :class:`ArticleError` without the name it starts with (the item's source says it)."""
    return e.reason


csv.field_size_limit(MAX_ARTICLE_BYTES * 2)  # the default (128 KiB) is below a long article's size
