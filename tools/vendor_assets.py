"""Copy the map's JS/CSS from ``node_modules/`` into ``static/vendor/``.

folium loads Leaflet, jQuery, Bootstrap, Font Awesome and its plugins from CDNs.
The atlas must render with no network, so ``package.json`` pins the exact
versions folium 0.20 asks for, ``npm ci --ignore-scripts`` fetches them, and
this script copies the files the browser needs into ``static/vendor/<pkg>/``,
which Streamlit serves at ``/app/static/vendor/...`` when
``[server] enableStaticServing = true``. ``geo.web.assets.localize_assets`` then
points every folium element at those copies.

``static/vendor/`` is generated and git-ignored. Running the script again is
harmless: a file is only rewritten when its bytes differ, and files in
``static/vendor/`` that the manifest no longer lists are removed.

Usage (from the repository root)::

    npm ci --ignore-scripts
    uv run python tools/vendor_assets.py          # copy
    uv run python tools/vendor_assets.py --check  # only verify, exit 1 if stale
    uv run python tools/vendor_assets.py --quiet  # copy, print only errors

Two assets have no npm package of the right shape:

* ``bootstrap-glyphicons.css`` (folium asks for Bootstrap 3.0.0's separate
  glyphicons sheet on a retired CDN). We cut the Glyphicons rules out of
  Bootstrap 3.4.1's ``bootstrap.css`` (npm alias ``bootstrap3``) and ship its
  fonts beside them.
* ``leaflet.awesome.rotate.min.css`` (a file in folium's GitHub repository).
  ``tools/leaflet.awesome.rotate.css`` is our own equivalent.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO_ROOT / "node_modules"
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
TOOLS_DIR = Path(__file__).resolve().parent

SETUP_HINT = "npm ci --ignore-scripts && uv run python tools/vendor_assets.py"


class VendorError(RuntimeError):
    """Raised when node_modules is missing, stale, or lacks a listed file."""


@dataclass(frozen=True)
class Package:
    """One npm package and the files the browser needs from it.

    Attributes
    ----------
    npm_name : str
        Directory name under ``node_modules/`` (an alias such as
        ``bootstrap3`` for ``npm:bootstrap@3.4.1`` included).
    version : str
        Exact version that ``package.json`` pins; checked against the
        installed ``package.json``.
    dest : str
        Directory under ``static/vendor/``.
    files : tuple of (str, str)
        ``(source path inside the package, destination path inside dest)``.
        A source ending in ``/`` copies every file of that directory.
    """

    npm_name: str
    version: str
    dest: str
    files: tuple[tuple[str, str], ...]


PACKAGES: tuple[Package, ...] = (
    Package(
        "leaflet",
        "1.9.3",
        "leaflet",
        (
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
            ("dist/images/", "images/"),
            ("LICENSE", "LICENSE"),
        ),
    ),
    Package(
        "jquery",
        "3.7.1",
        "jquery",
        (("dist/jquery.min.js", "jquery.min.js"), ("LICENSE.txt", "LICENSE.txt")),
    ),
    Package(
        "bootstrap",
        "5.2.2",
        "bootstrap",
        (
            ("dist/js/bootstrap.bundle.min.js", "js/bootstrap.bundle.min.js"),
            ("dist/css/bootstrap.min.css", "css/bootstrap.min.css"),
            ("LICENSE", "LICENSE"),
        ),
    ),
    Package(
        "bootstrap3",
        "3.4.1",
        "bootstrap3",
        (
            ("dist/fonts/", "fonts/"),
            ("LICENSE", "LICENSE"),
            # css/bootstrap-glyphicons.css is generated: see _glyphicons_css().
        ),
    ),
    Package(
        "@fortawesome/fontawesome-free",
        "6.2.0",
        "fontawesome-free",
        (
            ("css/all.min.css", "css/all.min.css"),
            ("webfonts/", "webfonts/"),
            ("LICENSE.txt", "LICENSE.txt"),
        ),
    ),
    Package(
        "leaflet.awesome-markers",
        "2.0.5",
        "leaflet.awesome-markers",
        (
            ("dist/leaflet.awesome-markers.js", "leaflet.awesome-markers.js"),
            ("dist/leaflet.awesome-markers.css", "leaflet.awesome-markers.css"),
            ("dist/images/", "images/"),
            ("LICENSE", "LICENSE"),
        ),
    ),
    Package(
        "leaflet.markercluster",
        "1.1.0",
        "leaflet.markercluster",
        (
            ("dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
            ("dist/MarkerCluster.css", "MarkerCluster.css"),
            ("dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
            ("MIT-LICENCE.txt", "MIT-LICENCE.txt"),
        ),
    ),
)

GLYPHICONS_DEST = "bootstrap3/css/bootstrap-glyphicons.css"
ROTATE_SOURCE = TOOLS_DIR / "leaflet.awesome.rotate.css"
ROTATE_DEST = "leaflet.awesome-rotate/leaflet.awesome.rotate.css"


def _package_dir(node_modules: Path, pkg: Package) -> Path:
    """Return the installed package directory after checking its version."""
    pdir = node_modules / pkg.npm_name
    manifest = pdir / "package.json"
    if not manifest.is_file():
        raise VendorError(
            f"{pkg.npm_name}@{pkg.version} is not installed: expected {manifest}, found nothing. Run: {SETUP_HINT}"
        )
    got = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if got != pkg.version:
        raise VendorError(f"{pkg.npm_name}: expected version {pkg.version}, got {got} in {manifest}. Run: {SETUP_HINT}")
    return pdir


def _glyphicons_css(bootstrap3_css: str) -> str:
    """Cut the Glyphicons ``@font-face`` and ``.glyphicon*`` rules out of Bootstrap 3.

    Parameters
    ----------
    bootstrap3_css : str
        Text of Bootstrap 3.4.1's ``dist/css/bootstrap.css``.

    Returns
    -------
    str
        A stand-alone stylesheet equivalent to Bootstrap 3.0.0's
        ``bootstrap-glyphicons.css``; font URLs stay ``../fonts/...``.
    """
    start_marker = '@font-face {\n  font-family: "Glyphicons Halflings";'
    start = bootstrap3_css.find(start_marker)
    end = bootstrap3_css.find("\n* {\n", start)
    if start < 0 or end < 0:
        raise VendorError(
            "bootstrap3/dist/css/bootstrap.css: expected a Glyphicons @font-face block "
            "followed by '* {', got no such block (did the pinned version change?)"
        )
    body = bootstrap3_css[start:end].rstrip() + "\n"
    if ".glyphicon-menu-up:before" not in body:
        raise VendorError(
            "bootstrap3 glyphicons: expected the block to end with .glyphicon-menu-up, got a truncated block"
        )
    header = (
        "/* Glyphicons rules cut from Bootstrap 3.4.1 (MIT, see ../LICENSE) by\n"
        " * tools/vendor_assets.py: folium asks for Bootstrap 3.0.0's separate\n"
        " * bootstrap-glyphicons.css, which npm does not carry. */\n"
    )
    return header + body


def planned_files(node_modules: Path = NODE_MODULES) -> dict[str, bytes]:
    """Return every file to write, keyed by its path under ``static/vendor/``.

    Parameters
    ----------
    node_modules : Path
        Where ``npm ci`` installed the packages.

    Returns
    -------
    dict of str to bytes
        Destination path (POSIX, relative to ``static/vendor``) to content.

    Raises
    ------
    VendorError
        If a package is missing, has the wrong version, or lacks a listed file.
    """
    out: dict[str, bytes] = {}
    for pkg in PACKAGES:
        pdir = _package_dir(node_modules, pkg)
        for src, dst in pkg.files:
            if src.endswith("/"):
                sdir = pdir / src
                if not sdir.is_dir():
                    raise VendorError(
                        f"{pkg.npm_name}@{pkg.version}: expected directory {sdir}, found nothing. Run: {SETUP_HINT}"
                    )
                for f in sorted(p for p in sdir.rglob("*") if p.is_file()):
                    out[f"{pkg.dest}/{dst}{f.relative_to(sdir).as_posix()}"] = f.read_bytes()
            else:
                sfile = pdir / src
                if not sfile.is_file():
                    raise VendorError(
                        f"{pkg.npm_name}@{pkg.version}: expected file {sfile}, found nothing. Run: {SETUP_HINT}"
                    )
                out[f"{pkg.dest}/{dst}"] = sfile.read_bytes()
    b3 = _package_dir(node_modules, next(p for p in PACKAGES if p.npm_name == "bootstrap3"))
    css = (b3 / "dist" / "css" / "bootstrap.css").read_text(encoding="utf-8")
    out[GLYPHICONS_DEST] = _glyphicons_css(css).encode("utf-8")
    out[ROTATE_DEST] = ROTATE_SOURCE.read_bytes()
    return out


def vendor(node_modules: Path = NODE_MODULES, vendor_dir: Path = VENDOR_DIR, *, check: bool = False) -> list[str]:
    """Copy (or, with ``check``, only compare) the assets into ``vendor_dir``.

    Parameters
    ----------
    node_modules : Path
        Source tree written by ``npm ci``.
    vendor_dir : Path
        Destination, normally ``static/vendor``.
    check : bool, keyword-only
        If true, write nothing and return the paths that are missing, differ,
        or are stale.

    Returns
    -------
    list of str
        Paths (relative to ``vendor_dir``) written, removed, or (with
        ``check``) out of date. Empty means nothing to do.
    """
    planned = planned_files(node_modules)
    changed: list[str] = []
    for rel, data in planned.items():
        target = vendor_dir / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        changed.append(rel)
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
    if vendor_dir.is_dir():
        for f in sorted(p for p in vendor_dir.rglob("*") if p.is_file()):
            rel = f.relative_to(vendor_dir).as_posix()
            if rel not in planned:
                changed.append(rel)
                if not check:
                    f.unlink()
        if not check:
            for d in sorted((p for p in vendor_dir.rglob("*") if p.is_dir()), reverse=True):
                if not any(d.iterdir()):
                    d.rmdir()
    return changed


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="verify only; exit 1 if out of date")
    ap.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    ap.add_argument("--dest", type=Path, default=VENDOR_DIR)
    ap.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    args = ap.parse_args(argv)
    try:
        changed = vendor(args.node_modules, args.dest, check=args.check)
    except VendorError as exc:
        print(f"vendor_assets: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if changed:
            print(
                f"vendor_assets: {len(changed)} file(s) out of date under {args.dest}, "
                f"e.g. {changed[0]}. Run: {SETUP_HINT}",
                file=sys.stderr,
            )
            return 1
        if not args.quiet:
            print(f"vendor_assets: {args.dest} is up to date")
        return 0
    if args.quiet:
        return 0
    total = len(planned_files(args.node_modules))
    print(f"vendor_assets: {len(changed)} file(s) changed, {total} in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
