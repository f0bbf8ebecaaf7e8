"""Opening a database: odd paths, files that are not wiretrace databases, read-only folders, several writers."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3

import pytest

from tests.conftest import unwritable
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
    (lambda p: p.symlink_to("/dev/null"), "not a file"),
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


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path):
    """Regression: a WAL database in a folder the user cannot write could not be read at all (SQLite could not
    create its -shm file there)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    with Store(folder / "w.db"):
        pass
    assert sorted(p.name for p in folder.iterdir()) == ["w.db"]  # no -wal or -shm left for a reader to use
    assert (folder / "w.db").read_bytes()[18] == 2  # a WAL database: a reader needs a -shm file beside it
    with unwritable(folder):
        with Store(folder / "w.db", readonly=True) as store:
            assert store.schema_version() == SCHEMA_VERSION
        with pytest.raises(ValueError, match="E040 .*read-only"):
            Store(folder / "w.db")


def test_a_read_only_database_file_is_refused_for_writing_in_one_line(tmp_path):
    """Regression: SQLite opened a file it cannot write read-only without a word, and `analyze` died on the first
    article with a traceback (attempt to write a readonly database)."""
    path = tmp_path / "w.db"
    Store(path).close()
    with unwritable(path):
        with pytest.raises(ValueError, match="E040 .*read-only") as info:
            Store(path)
        assert "\n" not in str(info.value)
        with Store(path, readonly=True) as store:
            assert store.schema_version() == SCHEMA_VERSION


def test_a_database_of_a_newer_wiretrace_is_refused_for_writing_in_one_line(tmp_path):
    path = tmp_path / "w.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', '2030-01-01')", (SCHEMA_VERSION + 1,))
    with pytest.raises(ValueError, match=rf"E022 database .*w.db has schema version {SCHEMA_VERSION + 1}, newer"):
        Store(path)


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
