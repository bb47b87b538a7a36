"""Distances the seed articles state, checked against the gazetteer's positions.

Where the data and a claim disagree we report it, with the numbers; the data
is never bent to fit a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Gazetteer
from .geodesy import bearing_deg, distance_m, distance_to_geometry_m


@dataclass(frozen=True)
class Claim:
    """A distance stated in an article.

    ``mode`` is ``centre`` (point to point), ``edge`` (point to the edge of the
    target's outline) or ``radius`` (a zone's radius).
    """

    text: str
    article: str
    subject: str
    target: str
    stated_km: float
    tolerance_km: float
    mode: str = "centre"
    bearing: str | None = None


CLAIMS: tuple[Claim, ...] = (
    Claim("the town of Tabqa, 40km (25 miles) from the city", "002", "tabqa", "raqqa", 40, 5),
    Claim(
        "the town of Tabqa, 40km (25 miles) from the city (read as the Tabqa Dam)", "002", "tabqa-dam", "raqqa", 40, 5
    ),
    Claim(
        "the citadel sits on a hilltop roughly two kilometers from the city limits",
        "003",
        "heraqla",
        "raqqa",
        2,
        1.5,
        "edge",
        "W",
    ),
    Claim(
        "a military complex around two kilometers north of the city",
        "003",
        "raqqa-division-17",
        "raqqa",
        2,
        1.5,
        "edge",
        "N",
    ),
    Claim("the suburb of Jazra just west of Raqqa's city limits", "000", "raqqa-jazra", "raqqa", 0.5, 1.5, "edge", "W"),
    Claim(
        "the village of Hazima, on the northern outskirts of Raqqa (photo caption)",
        "003",
        "hazima",
        "raqqa",
        1,
        3,
        "edge",
        "N",
    ),
    Claim("the 34-mile (55-kilometer) de-confliction zone", "003", "al-tanf-zone", "al-tanf", 55, 1, "radius"),
)

_BEARINGS = {"N": 0, "E": 90, "S": 180, "W": 270}


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of one claim: computed distance, its uncertainty and the verdict."""

    claim: Claim
    computed_km: float | None
    uncertainty_km: float
    bearing_deg: float | None
    consistent: bool | None
    detail: str

    def to_json(self) -> dict:
        c = self.claim
        return {
            "claim": c.text,
            "article": c.article,
            "subject": c.subject,
            "target": c.target,
            "mode": c.mode,
            "stated_km": c.stated_km,
            "tolerance_km": c.tolerance_km,
            "computed_km": None if self.computed_km is None else round(self.computed_km, 2),
            "uncertainty_km": round(self.uncertainty_km, 2),
            "bearing_deg": None if self.bearing_deg is None else round(self.bearing_deg, 1),
            "consistent": self.consistent,
            "detail": self.detail,
        }


def check_claims(gz: Gazetteer, claims: tuple[Claim, ...] = CLAIMS) -> list[ClaimResult]:
    """Measure every claim geodesically; consistent when the stated and computed
    distances differ by no more than the claim's tolerance plus both places' uncertainty."""
    out = []
    for c in claims:
        if c.subject not in gz or c.target not in gz:
            missing = [i for i in (c.subject, c.target) if i not in gz]
            out.append(ClaimResult(c, None, 0, None, None, f"not checked: {', '.join(missing)} not in the gazetteer"))
            continue
        s, t = gz.get(c.subject), gz.get(c.target)
        unc = (s.uncertainty_m + (t.uncertainty_m if c.mode != "radius" else 0)) / 1000
        brg = None
        if c.mode == "radius":
            if not s.radius_m:
                out.append(ClaimResult(c, None, unc, None, False, f"{s.id} has no radius_m"))
                continue
            d = s.radius_m / 1000
            off = distance_m(s.lat, s.lon, t.lat, t.lon) / 1000
            ok = abs(d - c.stated_km) <= c.tolerance_km and off <= unc + t.uncertainty_m / 1000
            out.append(ClaimResult(c, d, unc, None, ok, f"radius {d:.1f} km; centre {off:.2f} km from {t.id}"))
            continue
        if c.mode == "edge":
            d = distance_to_geometry_m(s.lat, s.lon, t.shape) / 1000
        else:
            d = distance_m(s.lat, s.lon, t.lat, t.lon) / 1000
        brg = bearing_deg(t.lat, t.lon, s.lat, s.lon)
        ok = abs(d - c.stated_km) <= c.tolerance_km + unc
        detail = f"{d:.2f} km (± {unc:.2f} km from the positions) vs stated {c.stated_km:g} km (± {c.tolerance_km:g})"
        if c.bearing is not None:
            diff = min(abs(brg - _BEARINGS[c.bearing]), 360 - abs(brg - _BEARINGS[c.bearing]))
            if diff > 60:
                ok = False
                detail += f"; bearing {brg:.0f}° from the centre, stated {c.bearing}"
            else:
                detail += f"; bearing {brg:.0f}° ({c.bearing} stated)"
        out.append(ClaimResult(c, d, unc, brg, ok, detail))
    return out
