"""Articles and their catalog: outlet, title, publication date with its precision."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import ArticleError, read_article
from geo.exc import InputError
from geo.records.vocab import DATE_PRECISIONS

#: The seed articles shipped with the project.
from geo.settings import EARLIEST_DATE, SEEDS_DIR


@dataclass(frozen=True)
class Article:
    """One article with what is known of its publication.

    Attributes
    ----------
    id : str
        File stem (``003_ebdecad3bcd8edbe``) or a name given at upload.
    outlet, title : str
    published_earliest, published_latest : datetime.date
        Bounds of the publication date; equal when the day is known.
    date_precision : str
        ``day``, ``range``, ``week`` or ``month``.
    date_basis : str
        ``stated`` in the text, or ``inferred`` (``date_note`` says how).
    text : str
        The article text, as read (a U+FFFD the source lost is kept).
    reviewed : bool
        Seeds are reviewed; an uploaded article is not.
    wire : str or None
        The news agency whose story the outlet ran (catalog ``wire``), credited
        "Reuters, via The Jerusalem Post"; ``None`` for the outlet's own story.
    """

    id: str
    outlet: str
    title: str
    published_earliest: dt.date
    published_latest: dt.date
    date_precision: str
    date_basis: str
    date_note: str
    text: str
    file: str | None = None
    reviewed: bool = True
    wire: str | None = None

    @property
    def published(self) -> str:
        """ISO date, or ``start/end`` interval when the day is uncertain."""
        if self.published_earliest == self.published_latest:
            return self.published_earliest.isoformat()
        return f"{self.published_earliest.isoformat()}/{self.published_latest.isoformat()}"


def parse_date(value: str, *, what: str = "date", today: dt.date | None = None) -> dt.date:
    """Parse an ISO ``YYYY-MM-DD`` date in the plausible range; :class:`InputError` quoting the value otherwise.

    Plausible: from :data:`geo.settings.EARLIEST_DATE` (the war's start) to
    ``today``: a date outside it is a typo, and a far one overflows date arithmetic.
    """
    try:
        d = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"bad {what} {value!r}: expected YYYY-MM-DD, e.g. 2017-06-07") from None
    latest = today or dt.date.today()
    if not EARLIEST_DATE <= d <= latest:
        raise InputError(f"bad {what} {value!r}: expected a day from {EARLIEST_DATE} to {latest}")
    return d


@lru_cache(maxsize=4)
def load_catalog(seeds_dir: str | None = None) -> tuple[Article, ...]:
    """The seed articles with their catalog (``seeds/catalog.json``).

    Raises
    ------
    InputError
        Naming the catalog file and record for any bad field; the article
        file's own error for an unreadable article.
    """
    folder = Path(seeds_dir) if seeds_dir else SEEDS_DIR
    path = folder / "catalog.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: cannot read the catalog: {e}") from e
    out = []
    problems = []
    for i, rec in enumerate(data.get("articles", [])):
        rid = rec.get("id", f"#{i}")
        try:
            early = parse_date(rec["published_earliest"], what=f"published_earliest of {rid}")
            late = parse_date(rec["published_latest"], what=f"published_latest of {rid}")
            if late < early:
                raise InputError(f"{rid}: published_latest {late} is before published_earliest {early}")
            if rec["date_precision"] not in DATE_PRECISIONS:
                found = rec["date_precision"]
                raise InputError(f"{rid}: date_precision: expected one of {DATE_PRECISIONS}, found {found!r}")
            text = read_article(folder / rec["file"])
        except KeyError as e:
            problems.append(f"{rid}: missing field {e.args[0]!r}")
            continue
        except (InputError, ArticleError) as e:
            problems.append(str(e))
            continue
        out.append(
            Article(
                id=rec["id"],
                outlet=rec["outlet"],
                title=rec["title"],
                published_earliest=early,
                published_latest=late,
                date_precision=rec["date_precision"],
                date_basis=rec.get("date_basis", "inferred"),
                date_note=rec.get("date_note", ""),
                text=text,
                file=rec["file"],
                wire=rec.get("wire"),
            )
        )
    if problems:
        raise InputError(f"{path}: " + "; ".join(problems))
    return tuple(out)


def articles_by_id(seeds_dir: str | None = None) -> dict[str, Article]:
    """The seed catalog keyed by article id."""
    return {a.id: a for a in load_catalog(seeds_dir)}
