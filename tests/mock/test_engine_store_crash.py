"""Crash consistency of the store: a crash (or a failing disk) at every write point leaves rows and blobs that agree.

Every write the store makes goes through ``os.replace``, ``os.fsync``, ``os.unlink`` or the database's
commit. A kill at one of those points leaves on disk exactly what is there at that moment, so the
data folder is copied before and after each of them and every copy is reopened and checked. Raising
``OSError`` at each point in turn checks the running store the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mock_app_support import document

from openai_mock.config import MockConfig
from openai_mock.errors import MockAPIError
from openai_mock.http.services import Services
from openai_mock.store import Store
from openai_mock.store.db import Database

ORG = "org-acmeco"
TRAIN = b'{"prompt": "q ->", "completion": " a\\n"}\n' * 3
NOTES = document(size=5000)
CONTENTS = {"train.jsonl": TRAIN, "notes.txt": NOTES}


class Clock:
    now = 1_614_807_352.0

    def __call__(self) -> float:
        return self.now


def scenario(store: Store, clock: Clock) -> None:
    """Uploads, a delete, a fine-tune that succeeds (a result file and a model), a cancel, model and file deletes."""
    train = store.files.create(ORG, "train.jsonl", "fine-tune", [TRAIN[:7], TRAIN[7:]])
    notes = store.files.create(ORG, "notes.txt", "search", NOTES)
    store.files.delete(ORG, notes.id)
    job = store.fine_tunes.create(ORG, train.id, n_epochs=1)
    clock.now += 30
    done = store.fine_tunes.retrieve(ORG, str(job["id"]))
    other = store.fine_tunes.create(ORG, train.id)
    store.fine_tunes.cancel(ORG, str(other["id"]))
    store.models.delete(ORG, str(done["fine_tuned_model"]))
    store.files.delete(ORG, train.id)


@contextlib.contextmanager
def write_points(around: Callable[[str, Callable[[], Any]], Any]) -> Iterator[None]:
    """Route every write primitive of the store through ``around(name, call)``."""
    originals = {name: getattr(os, name) for name in ("replace", "fsync", "unlink")}
    commit = Database._commit

    def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        return lambda *args, **kwargs: around(name, lambda: original(*args, **kwargs))

    try:
        for name, original in originals.items():
            setattr(os, name, wrap(name, original))
        Database._commit = lambda self: around("commit", lambda: commit(self))  # type: ignore[method-assign]
        yield
    finally:
        for name, original in originals.items():
            setattr(os, name, original)
        Database._commit = commit  # type: ignore[method-assign]


def check_rows_have_blobs(store: Store, data_dir: Path) -> set[str]:
    """What a client can see is whole: every listed file downloads, with its size and its content."""
    records = store.files.list(ORG)
    for record in records:
        assert (data_dir / "blobs" / record.id).stat().st_size == record.bytes
        content = b"".join(store.files.open_content(ORG, record.id))
        assert len(content) == record.bytes
        if record.filename in CONTENTS:
            assert content == CONTENTS[record.filename]
        else:
            assert record.filename == "compiled_results.csv" and content.startswith(b"step,")
    assert store.files.used_bytes(ORG) == sum(r.bytes for r in records)  # the quota counts only what is listed
    for job in store.fine_tunes.list(ORG):
        assert job["status"] in ("pending", "running", "succeeded", "cancelled")
    return {r.id for r in records}


def check_reopened(data_dir: Path) -> None:
    """After a restart the store is consistent in full: no blob without its row, no upload left half done."""
    with Store(data_dir, clock=Clock(), fine_tune_seconds=10.0) as store:
        listed = check_rows_have_blobs(store, data_dir)
        assert set(os.listdir(data_dir / "blobs")) == listed
        assert os.listdir(data_dir / "tmp") == []


def snapshot(data_dir: Path, target: Path) -> None:
    # The shared-memory index is rebuilt from the WAL on open; a copy of a live one could disagree with it.
    shutil.copytree(data_dir, target, ignore=shutil.ignore_patterns("*-shm"))


@pytest.mark.parametrize("fsync", [False, True], ids=["default", "fsync"])
def test_a_kill_at_any_write_point_leaves_a_consistent_store(tmp_path: Path, fsync: bool) -> None:
    data_dir, clock = tmp_path / "live", Clock()
    copies: list[tuple[str, Path]] = []

    def around(name: str, call: Callable[[], Any]) -> Any:
        snapshot(data_dir, tmp_path / f"{len(copies):03d}-before-{name}")
        copies.append((f"before {name}", tmp_path / f"{len(copies):03d}-before-{name}"))
        result = call()
        snapshot(data_dir, tmp_path / f"{len(copies):03d}-after-{name}")
        copies.append((f"after {name}", tmp_path / f"{len(copies):03d}-after-{name}"))
        return result

    with Store(data_dir, clock=clock, fine_tune_seconds=10.0, fsync=fsync) as store:
        with write_points(around):
            scenario(store, clock)
        check_rows_have_blobs(store, data_dir)
    assert len(copies) > 30  # uploads, deletes, the result file, and a commit for every change
    for label, copy in copies:
        try:
            check_reopened(copy)
        except (AssertionError, OSError, sqlite3.Error, MockAPIError) as exc:
            raise AssertionError(f"inconsistent store after a kill {label} ({copy.name})") from exc


def count_write_points(tmp_path: Path, fsync: bool) -> int:
    calls = 0

    def around(name: str, call: Callable[[], Any]) -> Any:
        nonlocal calls
        calls += 1
        return call()

    clock = Clock()
    with Store(tmp_path / "count", clock=clock, fine_tune_seconds=10.0, fsync=fsync) as store, write_points(around):
        scenario(store, clock)
    return calls


def run_failing_at(data_dir: Path, failing: int, fsync: bool) -> None:
    """The scenario with the write number ``failing`` (from 0) raising ``OSError``; then both checks."""
    clock, calls = Clock(), 0

    def around(name: str, call: Callable[[], Any]) -> Any:
        nonlocal calls
        calls += 1
        if calls == failing + 1:
            raise OSError(f"injected failure at {name}")
        return call()

    with Store(data_dir, clock=clock, fine_tune_seconds=10.0, fsync=fsync) as store:
        with write_points(around), contextlib.suppress(OSError):
            scenario(store, clock)
        check_rows_have_blobs(store, data_dir)
    check_reopened(data_dir)


@pytest.mark.parametrize("fsync", [False, True], ids=["default", "fsync"])
def test_a_failing_write_at_any_point_leaves_a_consistent_store(tmp_path: Path, fsync: bool) -> None:
    for failing in range(count_write_points(tmp_path / "count", fsync)):
        try:
            run_failing_at(tmp_path / f"run{failing:03d}", failing, fsync)
        except AssertionError as exc:
            raise AssertionError(f"inconsistent store after a failure at write {failing}") from exc


def test_start_sweeps_rows_without_blobs_and_blobs_without_rows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(tmp_path, clock=Clock()) as store:
        kept = store.files.create(ORG, "notes.txt", "search", NOTES)
        lost = store.files.create(ORG, "train.jsonl", "fine-tune", TRAIN)
        cut = store.files.create(ORG, "cut.txt", "search", document(size=100))
    (tmp_path / "blobs" / lost.id).unlink()  # what a delete that removed the blob first left behind
    (tmp_path / "blobs" / cut.id).write_bytes(b"c" * 10)  # a blob that is not the size its row says
    (tmp_path / "blobs" / "file-stray").write_bytes(b"x")  # an upload moved in place whose row never committed
    with caplog.at_level("WARNING", logger="openai_mock"), Store(tmp_path, clock=Clock()) as store:
        assert [r.id for r in store.files.list(ORG)] == [kept.id]
        assert store.files.used_bytes(ORG) == len(NOTES)
        assert sorted(os.listdir(tmp_path / "blobs")) == [kept.id]
    assert "file-stray" in caplog.text and lost.id in caplog.text and cut.id in caplog.text


def test_fsync_puts_every_upload_on_the_disk_before_its_commit(tmp_path: Path) -> None:
    """With ``fsync`` the blob and its folder are synced before the row commits, and SQLite syncs commits."""
    order: list[str] = []

    def around(name: str, call: Callable[[], Any]) -> Any:
        order.append(name)
        return call()

    with Store(tmp_path / "synced", clock=Clock(), fsync=True) as store:
        assert store._db.query("PRAGMA synchronous")[0][0] == 2  # FULL
        with write_points(around):
            store.files.create(ORG, "train.jsonl", "fine-tune", TRAIN)
    # the blob, then its rename and the folder holding it, then the row
    assert order == ["fsync", "replace", "fsync", "commit"]

    order.clear()
    with Store(tmp_path / "default", clock=Clock()) as store:
        assert store._db.query("PRAGMA synchronous")[0][0] == 1  # NORMAL: consistent, not every commit kept
        with write_points(around):
            store.files.create(ORG, "train.jsonl", "fine-tune", TRAIN)
    assert order == ["replace", "commit"]


@pytest.mark.parametrize("fsync", [False, True])
def test_the_fsync_setting_reaches_the_store(tmp_path: Path, fsync: bool) -> None:
    services = Services(MockConfig(data_dir=tmp_path, fsync=fsync))
    try:
        assert services.store._db.durable is fsync
    finally:
        services.close()
    # In memory nothing outlives the process: nothing to sync.
    services = Services(MockConfig(fsync=True))
    try:
        assert services.store._db.durable is False
    finally:
        services.close()
