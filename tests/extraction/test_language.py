"""Text that is not English is refused by name, never read as an article with no incidents."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import main
from geo.extraction.extract import extract_text
from geo.extraction.language import NotEnglishError, function_word_shares

ROOT = Path(__file__).resolve().parents[2]
# written for this test, in our own words
ARABIC = (
    "قالت قوات سوريا الديمقراطية إنها سيطرت على حي المشلب في مدينة الرقة يوم الثلاثاء بعد معارك عنيفة مع تنظيم "
    "الدولة الإسلامية وأفاد المرصد السوري لحقوق الإنسان بمقتل اثني عشر مدنيا في غارات للتحالف على المدينة خلال "
    "اليومين الماضيين"
)
FRENCH = (
    "Les forces démocratiques syriennes ont pris le contrôle du quartier de Mishlab à Raqqa mardi, selon "
    "l'Observatoire syrien des droits de l'homme. Les frappes de la coalition ont tué douze civils dans la ville, "
    "a indiqué l'ONG, qui dispose d'un vaste réseau de sources dans le pays en guerre."
)


@pytest.mark.parametrize(("text", "said"), [(ARABIC, "Arabic script"), (FRENCH, "French by its common words")])
def test_other_languages_are_named_not_read_as_empty(text, said):
    with pytest.raises(NotEnglishError, match=rf"^probe: the text does not read as English \({said}"):
        extract_text(text, article_id="probe", published="2017-06-10", outlet="X")


def test_every_english_article_we_hold_reads_as_english():
    files = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))]
    for f in files:
        shares, _ = function_word_shares(f.read_text(encoding="utf-8"))
        assert shares["English"] > 5 * max(v for k, v in shares.items() if k != "English"), (f.name, shares)


def test_telegraphic_english_is_not_refused():
    text = " ".join(["Fallujah Tuesday wounded Old City al-Mishlab Raqqa SDF"] * 10)
    assert extract_text(text, article_id="probe", published="2017-06-10", outlet="X") is not None


def test_a_headline_alone_is_not_judged():
    assert extract_text("قصف الرقة", article_id="probe", published="2017-06-10", outlet="X") == []


def test_geo_extract_says_so_in_one_line(tmp_path, capsys):
    p = tmp_path / "ar.txt"
    p.write_text(ARABIC, encoding="utf-8")
    assert main(["extract", str(p), "--published", "2017-06-10"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {p}: the text does not read as English") and err.count("\n") == 1
