"""Opening a database: odd paths, files that are not wiretrace databases, read-only folders, several writers."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3

import pytest

from wiretrace.store import Store
from wiretrace.store.schema import SCHEMA_VERSION


@pytest.mark.parametrize("name", ["q?x.db", "a#b.db", "50%.db", "sp ace.db"])
def test_paths_with_uri_characters_open_the_named_file(tmp_path, name):
    path = tmp_path / name
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store(path, readonly=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]


@pytest.mark.parametrize("make,reason", [
    (lambda p: p.write_bytes(b"this is not a database at all, just some text " * 20), "not an SQLite database"),
    (lambda p: p.mkdir(), "not a file"),
])
def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path, make, reason):
    path = tmp_path / "w.db"
    make(path)
    for readonly in (False, True):
        with pytest.raises(ValueError, match=reason) as info:
            Store(path, readonly=readonly)
        assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_an_sqlite_file_of_another_program_is_not_read_as_wiretrace(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ValueError, match="not a wiretrace database"):
        Store(path, readonly=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes any folder: the permission cannot be tested")
def test_a_database_in_a_read_only_folder_can_be_read(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with Store(folder / "w.db"):
        pass
    folder.chmod(0o555)
    try:
        with Store(folder / "w.db", readonly=True) as store:
            assert store.schema_version() == SCHEMA_VERSION
    finally:
        folder.chmod(0o755)


def _open(path: str) -> int:
    with Store(path) as store:
        return store.schema_version()


def test_several_processes_creating_one_database_at_once(tmp_path):
    path = str(tmp_path / "new.db")
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        versions = pool.map(_open, [path] * 3)
    assert versions == [SCHEMA_VERSION] * 3


def test_an_empty_file_is_not_a_database_to_read(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="empty file"):
        Store(path, readonly=True)
