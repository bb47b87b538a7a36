"""Atomic writes: the old file survives a failed write; results get normal permissions."""

from __future__ import annotations

import codecs
import errno
import json
import os
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import ArticleError, WriteError, decode_article, read_article
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


# --------------------------------------------------------------------------
# One reader for every door: regular files only, the cap while reading, UTF-8 or UTF-16 with a BOM
# --------------------------------------------------------------------------

ARTICLE = "RAQQA, Syria (Wire) - Fighters entered al-Mishlab on Tuesday.\n"


def test_a_device_is_refused_before_it_is_read():
    # /dev/zero states size 0 and never ends: read as a file it filled memory
    with pytest.raises(ArticleError, match=r"/dev/zero: is not a regular file"):
        read_article("/dev/zero")


def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="is not a regular file"):
        read_article(fifo)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(tmp_path)


def test_the_cap_holds_while_reading(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 101)
    with pytest.raises(ArticleError, match="101 bytes; expected at most 100"):
        read_article(p, max_bytes=100)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded(tmp_path, encoding):
    p = tmp_path / "a.txt"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    p.write_bytes(bom + ARTICLE.encode(encoding))
    assert read_article(p) == ARTICLE


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (ARTICLE.encode("latin-1") + "Raqqa’s café".encode("latin-1", "replace") + b"\xe9", "not UTF-8"),
        (ARTICLE.encode("utf-16-le"), "binary data"),  # no BOM: the NUL bytes give it away
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 40, "binary data"),
        (b"  \n\t ", "empty"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not UTF-16"),  # a lone surrogate
    ],
)
def test_every_door_refuses_the_same_bytes(tmp_path, raw, message):
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    with pytest.raises(ArticleError, match=message):
        read_article(p)
    with pytest.raises(ArticleError, match=rf"^upload\.txt: .*{message}"):
        decode_article(raw, name="upload.txt")


@given(st.text(min_size=1).filter(lambda t: t.strip() and "\x00" not in t and not t.startswith("\ufeff")))
def test_utf8_and_utf16_give_the_same_text(text):
    assert decode_article(text.encode("utf-8"), name="a") == text
    assert decode_article(text.encode("utf-16"), name="a") == text


# --------------------------------------------------------------------------
# Writes: a regular file or nothing, every error naming the file
# --------------------------------------------------------------------------


def test_a_directory_as_output_is_refused(tmp_path):
    with pytest.raises(WriteError, match=rf"^{tmp_path}: is a directory"):
        write_text_atomic(tmp_path, "x")


def test_a_device_as_output_is_refused_and_left_alone():
    with pytest.raises(WriteError, match="/dev/null: is not a regular file"):
        write_text_atomic("/dev/null", "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_is_written_through_and_kept(tmp_path):
    target = tmp_path / "real.geojson"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.geojson"
    link.symlink_to(target)
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["link.geojson", "real.geojson"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_names_the_file(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    with pytest.raises(WriteError, match=rf"{ro / 'a.json'}: cannot write"):
        write_text_atomic(ro / "a.json", "x")


def test_a_full_disk_names_the_file_and_leaves_nothing(tmp_path, monkeypatch):
    p = tmp_path / "a.geojson"
    p.write_text("old\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match=rf"{p}: cannot write: No space left on device"):
        write_text_atomic(p, "new\n")
    assert p.read_text(encoding="utf-8") == "old\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.geojson"]


def test_gazetteer_export_dash_writes_to_stdout(capsys):
    from gazetteer.__main__ import main

    assert main(["export", "--out", "-", "--compact"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "FeatureCollection"


@pytest.mark.parametrize("out", ["DIR", "FIFO", "/dev/null"])
def test_gazetteer_export_refuses_a_directory_or_device_with_one_line(tmp_path, capsys, out):
    from gazetteer.__main__ import main

    if out == "FIFO":  # what /dev/stdout is when the output goes down a pipe
        out = str(tmp_path / "pipe")
        os.mkfifo(out)
    elif out == "DIR":
        out = str(tmp_path)
    assert main(["export", "--out", out]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: ") and "Traceback" not in err


def test_a_killed_writes_leftover_goes_with_the_next_write(tmp_path):
    p = tmp_path / "a.geojson"
    (tmp_path / ".a.geojson.x1y2z3.tmp").write_text("half a fi", encoding="utf-8")  # kill -9 mid-write
    write_text_atomic(p, "whole\n")
    assert [x.name for x in tmp_path.iterdir()] == ["a.geojson"]


@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_one_named_refusal(raw):
    try:
        text = decode_article(raw, name="fuzz.txt")
    except ArticleError as e:
        assert str(e).startswith("fuzz.txt: ")
    else:
        assert text.strip() and "\x00" not in text
