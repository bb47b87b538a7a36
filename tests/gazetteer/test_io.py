"""Atomic writes: the old file survives a failed write; results get normal permissions."""

from __future__ import annotations

import os
import stat

import pytest

from gazetteer.files import atomic_path, write_text_atomic


def test_write_replaces_and_leaves_no_temporary(tmp_path):
    p = tmp_path / "out" / "a.geojson"
    write_text_atomic(p, "one\n")
    write_text_atomic(p, "two\n")
    assert p.read_text(encoding="utf-8") == "two\n"
    assert [x.name for x in p.parent.iterdir()] == ["a.geojson"]


def test_failed_write_keeps_the_old_file(tmp_path):
    p = tmp_path / "a.geojson"
    p.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk on fire"):
        with atomic_path(p) as tmp:
            with open(tmp, "w", encoding="utf-8") as f:
                f.write("half a fi")
            raise RuntimeError("disk on fire")
    assert p.read_text(encoding="utf-8") == "old\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.geojson"]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_permissions_follow_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        p = tmp_path / "a.csv"
        write_text_atomic(p, "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask
