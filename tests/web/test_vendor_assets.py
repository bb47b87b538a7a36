"""tools/vendor_assets.py: pinned versions agree, copying is idempotent, errors say how to fix.

Most tests build a small fake ``node_modules`` in a temporary directory, so they
need neither npm nor the network.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from geo.web import webmap as W

ROOT = Path(__file__).resolve().parents[2]


def _load_tool():
    spec = importlib.util.spec_from_file_location("vendor_assets", ROOT / "tools" / "vendor_assets.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["vendor_assets"] = mod  # dataclasses look their module up here
    spec.loader.exec_module(mod)
    return mod


VA = _load_tool()

FAKE_BOOTSTRAP3_CSS = """/* bootstrap 3 */
.x { color: red; }
@font-face {
  font-family: "Glyphicons Halflings";
  src: url("../fonts/glyphicons-halflings-regular.eot");
}
.glyphicon {
  font-family: "Glyphicons Halflings";
}
.glyphicon-menu-up:before {
  content: "\\e260";
}
* {
  box-sizing: border-box;
}
"""


def make_node_modules(root: Path, *, skip: str | None = None, versions: dict | None = None) -> Path:
    """Write a fake node_modules holding every file the manifest lists."""
    nm = root / "node_modules"
    for pkg in VA.PACKAGES:
        if pkg.npm_name == skip:
            continue
        pdir = nm / pkg.npm_name
        pdir.mkdir(parents=True, exist_ok=True)
        version = (versions or {}).get(pkg.npm_name, pkg.version)
        (pdir / "package.json").write_text(json.dumps({"name": pkg.npm_name, "version": version}))
        for src, _ in pkg.files:
            if src.endswith("/"):
                (pdir / src).mkdir(parents=True, exist_ok=True)
                (pdir / src / "a.bin").write_bytes(b"\x00\x01")
                (pdir / src / "sub").mkdir(exist_ok=True)
                (pdir / src / "sub" / "b.txt").write_text("b")
            else:
                (pdir / src).parent.mkdir(parents=True, exist_ok=True)
                (pdir / src).write_text(f"{pkg.npm_name}:{src}")
        if pkg.npm_name == "bootstrap3":
            (pdir / "dist" / "css").mkdir(parents=True, exist_ok=True)
            (pdir / "dist" / "css" / "bootstrap.css").write_text(FAKE_BOOTSTRAP3_CSS)
    return nm


# ---------------------------------------------------------------- pins agree


def test_package_json_pins_exact_versions_matching_the_manifest():
    pkg = json.loads((ROOT / "package.json").read_text())
    deps = pkg["dependencies"]
    expected = {p.npm_name: p.version for p in VA.PACKAGES}
    got = {}
    for name, spec in deps.items():
        assert re.fullmatch(r"(npm:[@\w./-]+@)?\d+\.\d+\.\d+", spec), (
            f"{name}: expected an exact version, got {spec!r}"
        )
        got[name] = spec.rsplit("@", 1)[-1] if spec.startswith("npm:") else spec
    assert got == expected


def test_lockfile_agrees_with_package_json():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pkgs = lock["packages"]
    for p in VA.PACKAGES:
        entry = pkgs.get(f"node_modules/{p.npm_name}")
        assert entry is not None, f"package-lock.json: expected node_modules/{p.npm_name}, got none"
        assert entry["version"] == p.version, (
            f"{p.npm_name}: expected {p.version} in package-lock.json, got {entry['version']}"
        )
        assert entry.get("integrity", "").startswith("sha512-")
    assert pkgs[""]["dependencies"] == json.loads((ROOT / "package.json").read_text())["dependencies"]


def test_every_webmap_asset_is_produced_by_the_manifest():
    produced = {f"{p.dest}/{dst}" for p in VA.PACKAGES for src, dst in p.files if not src.endswith("/")}
    produced |= {VA.GLYPHICONS_DEST, VA.ROTATE_DEST}
    missing = sorted(set(W.CDN_TO_VENDOR.values()) - produced)
    assert not missing, f"expected tools/vendor_assets.py to produce every CDN_TO_VENDOR file, got none for {missing}"


@pytest.mark.parametrize(("npm_name", "cdn_fragment"), [
    ("leaflet", "npm/leaflet@{v}/"),
    ("jquery", "jquery-{v}.min.js"),
    ("bootstrap", "npm/bootstrap@{v}/"),
    ("@fortawesome/fontawesome-free", "fontawesome-free@{v}/"),
    ("leaflet.markercluster", "leaflet.markercluster/{v}/"),
])
def test_cdn_versions_match_pinned_versions(npm_name, cdn_fragment):
    version = next(p.version for p in VA.PACKAGES if p.npm_name == npm_name)
    fragment = cdn_fragment.format(v=version)
    assert any(fragment in url for url in W.CDN_TO_VENDOR), (
        f"{npm_name}: expected a folium URL containing {fragment!r}, got {sorted(W.CDN_TO_VENDOR)}"
    )


# ---------------------------------------------------------------- copying


def test_vendor_copies_everything_and_is_idempotent(tmp_path):
    nm = make_node_modules(tmp_path)
    dest = tmp_path / "static" / "vendor"
    first = VA.vendor(nm, dest)
    assert first and all((dest / rel).is_file() for rel in first)
    for rel in W.CDN_TO_VENDOR.values():
        assert (dest / rel).is_file(), f"expected {rel} under static/vendor, got nothing"
    assert (dest / "leaflet/images/sub/b.txt").read_text() == "b"
    mtimes = {p: p.stat().st_mtime_ns for p in dest.rglob("*") if p.is_file()}
    assert VA.vendor(nm, dest) == []
    assert VA.vendor(nm, dest, check=True) == []
    assert {p: p.stat().st_mtime_ns for p in dest.rglob("*") if p.is_file()} == mtimes
    W.require_vendored_assets(tmp_path / "static")


def test_vendor_repairs_changed_and_removes_stale_files(tmp_path):
    nm = make_node_modules(tmp_path)
    dest = tmp_path / "vendor"
    VA.vendor(nm, dest)
    (dest / "leaflet/leaflet.js").write_text("tampered")
    (dest / "old-plugin").mkdir()
    (dest / "old-plugin/x.js").write_text("stale")
    assert sorted(VA.vendor(nm, dest, check=True)) == ["leaflet/leaflet.js", "old-plugin/x.js"]
    assert (dest / "old-plugin/x.js").exists()  # check mode writes nothing
    assert sorted(VA.vendor(nm, dest)) == ["leaflet/leaflet.js", "old-plugin/x.js"]
    assert (dest / "leaflet/leaflet.js").read_text() == "leaflet:dist/leaflet.js"
    assert not (dest / "old-plugin").exists()


def test_glyphicons_are_cut_out_of_bootstrap3(tmp_path):
    css = VA._glyphicons_css(FAKE_BOOTSTRAP3_CSS)
    assert css.count("@font-face") == 1 and ".glyphicon-menu-up:before" in css
    assert ".x {" not in css and "box-sizing" not in css
    assert 'url("../fonts/glyphicons-halflings-regular.eot")' in css


def test_rotate_css_is_ours_and_covers_every_angle():
    css = VA.ROTATE_SOURCE.read_text()
    assert "has no npm package" in css
    for angle in (0, 45, 90, 359):
        assert f".fa-rotate-{angle}{{transform:rotate({angle}deg)}}" in css


@pytest.mark.parametrize(("make", "message"), [
    (lambda t: make_node_modules(t, skip="leaflet"),
     (r"leaflet@1\.9\.3 is not installed: expected .*package\.json, found nothing\. "
      r"Run: npm ci --ignore-scripts && uv run python tools/vendor_assets\.py")),
    (lambda t: make_node_modules(t, versions={"jquery": "3.6.0"}),
     r"jquery: expected version 3\.7\.1, got 3\.6\.0 .*Run: npm ci --ignore-scripts"),
    (lambda t: (make_node_modules(t), (t / "node_modules/leaflet/dist/leaflet.js").unlink())[0],
     r"leaflet@1\.9\.3: expected file .*leaflet\.js, found nothing"),
    (lambda t: (make_node_modules(t), (t / "node_modules/bootstrap3/dist/css/bootstrap.css").write_text(".a{}"))[0],
     r"expected a Glyphicons @font-face block followed by '\* \{', got no such block"),
])
def test_vendor_errors_say_what_and_how_to_fix(tmp_path, make, message):
    nm = make(tmp_path)
    with pytest.raises(VA.VendorError, match=message):
        VA.vendor(nm, tmp_path / "vendor")


def test_cli_check_and_quiet(tmp_path, capsys):
    nm = make_node_modules(tmp_path)
    dest = tmp_path / "vendor"
    assert VA.main(["--node-modules", str(nm), "--dest", str(dest), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert VA.main(["--node-modules", str(nm), "--dest", str(dest), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert VA.main(["--node-modules", str(nm), "--dest", str(dest), "--check"]) == 0
    assert VA.main(["--node-modules", str(tmp_path / "nope"), "--dest", str(dest)]) == 2
    assert "Run: npm ci --ignore-scripts" in capsys.readouterr().err


@pytest.mark.skipif(not (ROOT / "node_modules" / "leaflet").is_dir(),
                    reason="needs `npm ci --ignore-scripts` (./run tests does it)")
def test_real_node_modules_provide_every_asset():
    planned = VA.planned_files()
    missing = sorted(set(W.CDN_TO_VENDOR.values()) - set(planned))
    assert not missing, f"expected node_modules to provide every asset, got none for {missing}"
    glyph = planned[VA.GLYPHICONS_DEST].decode()
    assert glyph.count(".glyphicon-") > 200
    fonts = {rel for rel in planned if rel.startswith("fontawesome-free/webfonts/")}
    assert "fontawesome-free/webfonts/fa-solid-900.woff2" in fonts
    assert "leaflet/images/marker-icon.png" in planned
    assert "leaflet.awesome-markers/images/markers-soft.png" in planned
