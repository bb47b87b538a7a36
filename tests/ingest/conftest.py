"""A mixed input folder for the ingest tests, written here in our own words (synthetic, not real reporting).

The four plain-text articles are ``tests/data/articles/t0*.txt`` (synthetic too, see its README);
the page, the rows and the broken files around them are made up for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
#: The date given with --published to the articles that state none.
PUBLISHED = dt.date(2017, 7, 6)

PAGE_STORY = [
    "Families Flee Western Raqqa as Fighting Nears the Old City",
    "Hundreds of families left the al-Daraiya district of Raqqa on Wednesday as the fighting moved towards "
    "the Old City, residents reached by telephone said.",
    "Coalition aircraft struck the Hawi al-Zarzur district on Tuesday, killing at least five civilians, "
    "the Syrian Observatory for Human Rights said.",
    "An air strike hit a bakery in al-Daraiya on Tuesday evening, killing three people, according to a local "
    "monitoring group.",
    "The coalition said it was looking into the reports and that it takes every precaution to avoid harming "
    "civilians in the city.",
]

ROW_STORY = [
    "Mortar Fire Hits Eastern Raqqa",
    "Islamic State fighters fired mortar rounds at the al-Mishlab district of Raqqa on Sunday, killing two "
    "civilians, the Syrian Democratic Forces said.",
    "The alliance said its fighters had pushed the militants back from the edge of the district after two days "
    "of street fighting near the main road to the east of the city.",
]

CSV_STORY = [
    "Strike Reported Near the Stadium",
    "Coalition jets struck buildings near the Black Stadium in Raqqa on Friday, the US-led coalition said, "
    "adding that the strikes destroyed two fighting positions held by the militants.",
    "Residents said smoke rose over the northern districts for several hours after the raids.",
]

FRENCH = (
    "Les forces démocratiques syriennes ont pris le contrôle du quartier de la ville selon un porte-parole "
    "qui a été cité par une agence de presse dans la soirée de mardi. Les combats se sont poursuivis dans "
    "les rues de la vieille ville pendant toute la nuit et les habitants ont fui vers le nord avec leurs "
    "familles selon des témoins qui ont parlé à la presse."
)


def _page(paras: list[str], *, date: str | None, site: str = "Example Valley Post") -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paras[1:])
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{paras[0]} | {site}</title>'
        f'<meta property="og:site_name" content="{site}">{meta}</head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{paras[0]}</h1>{body}</article>"
        "<footer>Copyright Example Valley Post. All rights reserved.</footer></body></html>"
    )


def syndicated_copy(text: str) -> str:
    """Wire copy as another paper runs it: its own headline, the last paragraph cut."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(["Raqqa: alliance takes al-Sinaa, fighting spreads to al-Rumaila", *paras[1:-1]]) + "\n"


def write_mixed(root: Path) -> Path:
    """The mixed folder (see the module docstring); returns its path."""
    d = root / "corpus"
    (d / "texts").mkdir(parents=True)
    (d / "pages").mkdir()
    (d / "rows").mkdir()
    (d / "broken").mkdir()
    for f in sorted(ARTICLES.glob("t0*.txt")):
        (d / "texts" / f.name).write_bytes(f.read_bytes())
    (d / "texts" / "t01_again.txt").write_bytes((ARTICLES / "t01_old_city_wall.txt").read_bytes())  # same text
    (d / "pages" / "families.html").write_text(_page(PAGE_STORY, date="2017-07-05T09:30:00Z"), encoding="utf-8")
    (d / "pages" / "menu.html").write_text(
        '<html><head><title>Example Valley Post</title></head><body><nav><a href="/">Home</a>'
        '<a href="/world">World</a></nav><footer>Copyright</footer></body></html>',
        encoding="utf-8",
    )
    t02 = (ARTICLES / "t02_sinaa_rumaila.txt").read_text(encoding="utf-8")
    rows = [
        {
            "text": "\n\n".join(ROW_STORY),
            "url": "https://example.org/mortar",
            "outlet": "Example Wire",
            "title": ROW_STORY[0],
            "published": "2017-07-03",
        },
        {
            "text": syndicated_copy(t02),
            "url": "https://example.net/sinaa",
            "outlet": "Example Evening News",
            "published": "2017-07-02",
        },
        "not a row",
        {"url": "https://example.org/empty", "outlet": "Example Wire", "published": "2017-07-03"},
        {
            "text": "\n\n".join(ROW_STORY[:2]) + "\n\nA later version of the story.",
            "url": "https://example.org/mortar",
            "outlet": "Example Wire",
            "published": "2017-07-03",
        },
    ]
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, "{this is not json")
    (d / "rows" / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import csv

    with open(d / "rows" / "desk.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "outlet", "title", "published", "text"])
        w.writerow(["https://example.com/stadium", "Example Desk", CSV_STORY[0], "2017-07-07", "\n\n".join(CSV_STORY)])
        w.writerow(["https://example.com/blank", "Example Desk", "Blank", "2017-07-07", ""])
        w.writerow(["https://example.com/when", "Example Desk", "When", "last Tuesday", "\n\n".join(CSV_STORY[1:])])
    (d / "broken" / "empty.txt").write_bytes(b"")
    (d / "broken" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "broken" / "latin1.txt").write_bytes("Caf\xe9 in Raqqa was hit on Monday.".encode("latin-1"))
    (d / "broken" / "french.txt").write_text(FRENCH, encoding="utf-8")
    return d


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    return write_mixed(tmp_path)


def generated_rows(n: int, *, seed: int = 19) -> list[dict]:
    """``n`` articles recombined from the synthetic test articles' paragraphs (deterministic), as rows.

    Every tenth is a syndicated copy of the one before (another outlet, another headline).
    """
    import random

    paras = [
        p
        for f in sorted(ARTICLES.glob("t0*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")[1:]
        if len(p.split()) > 8
    ]
    rng = random.Random(seed)
    rows: list[dict] = []
    for i in range(n):
        if i % 10 == 9:
            prev = rows[-1]
            text = "Raqqa report, as run by a partner paper\n\n" + "\n\n".join(prev["text"].split("\n\n")[1:])
            rows.append({**prev, "text": text, "outlet": "Example Partner", "url": f"https://example.org/p/{i}"})
            continue
        body = rng.sample(paras, 4)
        text = f"Raqqa desk report number {i}\n\n" + "\n\n".join(body) + "\n"
        day = dt.date(2017, 6, 6) + dt.timedelta(days=rng.randrange(120))
        rows.append({"text": text, "url": f"https://example.org/{i}", "outlet": "Example Wire", "published": str(day)})
    return rows


def write_generated(folder: Path, n: int, *, per_file: int = 50) -> Path:
    """:func:`generated_rows` as JSON Lines files of ``per_file`` rows in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = generated_rows(n)
    for k in range(0, n, per_file):
        chunk = rows[k : k + per_file]
        (folder / f"part{k // per_file:03d}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in chunk), encoding="utf-8"
        )
    return folder
