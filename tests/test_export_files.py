"""An export file is written whole or not at all, and nothing is left behind."""

from __future__ import annotations

import pytest

from exporters.errors import ExportError
from exporters.files import write_atomically


def test_a_finished_file_replaces_the_old_one(tmp_path):
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"old")
    assert write_atomically(target, lambda out: out.write(b"new")) == 3
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path):
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"old")

    def fail_half_way(out):
        out.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, fail_half_way)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_a_folder_is_not_a_file_name(tmp_path):
    with pytest.raises(ExportError) as raised:
        write_atomically(tmp_path, lambda out: None)
    assert str(raised.value) == f"cannot write {tmp_path}: it is a folder; give a file name"
