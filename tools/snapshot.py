"""Write every user-visible output of the atlas into one folder, to diff two versions.

A restructuring must not change what users get. This writes, into ``OUT``:

* ``build/``: ``python -m geo build`` (GeoJSON, CSV, control timeline, manifest);
* ``extract/``: ``python -m geo extract`` on every seed and every test article;
* ``eval.md``: the evaluation tables of ``benchmarks/eval_extract.py``;
* ``maps/``: the dashboard's map HTML for the seed views (city, region, theatre on
  6 and 11 June 2017), with folium's random element ids numbered in order of appearance.

Usage::

    uv run python tools/snapshot.py OUT
    diff -r OLD NEW
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ("city", "region", "theatre")
DAYS = ("2017-06-06", "2017-06-11")
TEST_ARTICLES = {  # assumed publication date (tests/data/articles/README.md)
    "t01_old_city_wall": "2017-07-04",
    "t02_sinaa_rumaila": "2017-07-03",
    "t03_hospital_stadium": "2017-10-17",
    "t04_nazlat_shahada": "2017-08-15",
}


def _run(*args: str) -> str:
    return subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def _normalise_ids(html: str) -> str:
    seen: dict[str, str] = {}
    return re.sub(r"[0-9a-f]{32}", lambda m: seen.setdefault(m.group(0), f"ID{len(seen):04d}"), html)


def _map_html(view: str, day: str) -> str:
    """The dashboard's folium map for the default filters, rendered as one HTML page."""
    code = f"""
import sys, json
sys.path.insert(0, {str(ROOT)!r})
from geo.web.mapview import map_html
print(map_html(view={view!r}, day={day!r}))
"""
    return _run("-c", code)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    _run("-m", "geo", "build", "--out", str(out / "build"), "--no-parquet")
    manifest = out / "build" / "manifest.json"  # its build time is the one line that must differ
    manifest.write_text(
        re.sub(r'"built": "[^"]*"', '"built": "-"', manifest.read_text(encoding="utf-8")), encoding="utf-8"
    )
    (out / "extract").mkdir(exist_ok=True)
    catalog = json.loads((ROOT / "seeds" / "catalog.json").read_text(encoding="utf-8"))
    for a in catalog["articles"]:
        text = _run(
            "-m", "geo", "extract", f"seeds/{a['file']}", "--published", a["published_latest"], "--outlet", a["outlet"]
        )
        (out / "extract" / f"{a['id']}.geojson").write_text(text, encoding="utf-8")
    for name, day in TEST_ARTICLES.items():
        text = _run("-m", "geo", "extract", f"tests/data/articles/{name}.txt", "--published", day)
        (out / "extract" / f"{name}.geojson").write_text(text, encoding="utf-8")
    (out / "eval.md").write_text(_run("benchmarks/eval_extract.py"), encoding="utf-8")
    (out / "maps").mkdir(exist_ok=True)
    for view in VIEWS:
        for day in DAYS:
            (out / "maps" / f"{view}-{day}.html").write_text(_normalise_ids(_map_html(view, day)), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
