"""Store: files (streamed uploads, quota, JSONL checks), fine-tune lifecycle, models, persistence, threads."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from mock_app_support import document

from openai_mock.errors import InvalidRequestError, NotFoundError, PayloadTooLargeError, PermissionDeniedError
from openai_mock.store import Store, validate_fine_tune_jsonl
from openai_mock.store.db import Database
from openai_mock.store.files import MAX_JSONL_LINE_BYTES
from openai_mock.store.finetunes import fine_tuned_model_name
from openai_mock.store.jsonl import FineTuneLines

ORG = "org-acmeco"
TRAIN = b"".join(json.dumps({"prompt": f"q{i} ->", "completion": f" a{i}\n"}).encode() + b"\n" for i in range(5))


class Clock:
    def __init__(self, now: float = 1_614_807_352.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> Iterator[Store]:
    with Store(None, clock=clock, fine_tune_seconds=10.0) as s:
        yield s


def test_upload_list_retrieve_download_delete(store: Store) -> None:
    rec = store.files.create(ORG, "mydata.jsonl", "fine-tune", [TRAIN[:10], TRAIN[10:]])
    assert rec.id.startswith("file-") and len(rec.id) == 5 + 24 and rec.id[5:].isalnum()
    assert rec.bytes == len(TRAIN)
    d = rec.to_dict()
    assert d["object"] == "file" and d["filename"] == "mydata.jsonl" and d["purpose"] == "fine-tune"
    assert store.files.retrieve(ORG, rec.id) == rec
    assert [r.id for r in store.files.list(ORG)] == [rec.id]
    assert store.files.list("org-other") == []
    assert b"".join(store.files.open_content(ORG, rec.id, chunk_size=7)) == TRAIN
    assert store.files.delete(ORG, rec.id) == {"id": rec.id, "object": "file", "deleted": True}
    with pytest.raises(NotFoundError, match=f"No such File object: {rec.id}"):
        store.files.retrieve(ORG, rec.id)
    with pytest.raises(NotFoundError):
        store.files.delete(ORG, rec.id)


def test_other_organizations_cannot_see_files(store: Store) -> None:
    rec = store.files.create(ORG, "a.jsonl", "fine-tune", TRAIN)
    with pytest.raises(NotFoundError):
        store.files.retrieve("org-other", rec.id)


def test_download_survives_delete_after_open(store: Store) -> None:
    content = document(size=200_000)
    rec = store.files.create(ORG, "a.txt", "search", content)
    chunks = store.files.open_content(ORG, rec.id)
    store.files.delete(ORG, rec.id)
    assert b"".join(chunks) == content


def test_quota_is_enforced_while_streaming(clock: Clock) -> None:
    with Store(None, clock=clock, quota_bytes=1000) as store:
        store.files.create(ORG, "a.txt", "search", document(size=600))
        writer = store.files.begin_upload(ORG)
        writer.write(b"b" * 300)
        with pytest.raises(PayloadTooLargeError) as err:
            writer.write(b"b" * 300)  # fails mid-stream, before the whole upload arrived
        assert err.value.param == "file"
        assert not writer.path.exists()
        store.files.create("org-other", "b.txt", "search", document(size=900))  # quotas are per organization
        assert store.files.used_bytes(ORG) == 600


def test_purpose_is_checked(store: Store) -> None:
    with pytest.raises(InvalidRequestError) as err:
        store.files.create(ORG, "a.txt", "fun", b"x")
    assert err.value.param == "purpose"
    assert store.files.list(ORG) == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"prompt": "a", "completion": "b"}\n\nnot json\n', "Line 3 is not a dictionary"),
        (b'{"prompt": "a", "completion": "b"}\n[1, 2]\n', "Line 2 is not a dictionary"),
        (b'{"prompt": "a"}\n', "Missing `completion` key on line 1"),
        (b'{"prompt": "a", "completion": "b"}\n{"completion": "b"}\n', "Missing `prompt` key on line 2"),
        (b'{"prompt": 1, "completion": "b"}\n', "`prompt` to be a string on line 1"),
        (b'{"prompt": "a", "completion": "b", "extra": 1}\n', r"'extra' was unexpected\) on line 1"),
        (b"\n\n", "at least one"),
    ],
)
def test_jsonl_validation_names_the_line(tmp_path: Path, store: Store, content: bytes, fragment: str) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(content)
    with pytest.raises(InvalidRequestError, match=fragment):
        validate_fine_tune_jsonl(path)
    with pytest.raises(InvalidRequestError, match=fragment) as err:
        store.files.create(ORG, "train.jsonl", "fine-tune", content)
    assert err.value.param == "file"
    assert store.files.list(ORG) == []


def test_fine_tune_lifecycle(store: Store, clock: Clock) -> None:
    train = store.files.create(ORG, "my-data-train.jsonl", "fine-tune", TRAIN)
    job = store.fine_tunes.create(ORG, train.id, n_epochs=2)
    assert str(job["id"]).startswith("ft-") and job["status"] == "pending" and job["fine_tuned_model"] is None
    assert job["training_files"] == [train.to_dict()] and job["result_files"] == []
    assert [e["message"] for e in job["events"]] == [
        "Job enqueued. Waiting for jobs ahead to complete. Queue number: 0."
    ]
    job_id = str(job["id"])
    clock.now += 3
    assert store.fine_tunes.retrieve(ORG, job_id)["status"] == "running"
    assert not store.fine_tunes.is_finished(ORG, job_id)
    clock.now += 7
    done = store.fine_tunes.retrieve(ORG, job_id)
    assert done["status"] == "succeeded"
    model = fine_tuned_model_name("curie", ORG, None, clock.now)
    assert done["fine_tuned_model"] == model == "curie:ft-acmeco-2021-03-03-21-36-02"
    (result,) = done["result_files"]
    messages = [e["message"] for e in store.fine_tunes.events(ORG, job_id)]
    assert messages == [
        "Job enqueued. Waiting for jobs ahead to complete. Queue number: 0.",
        "Job started.",
        "Completed epoch 1/2",
        "Completed epoch 2/2",
        f"Uploaded snapshot: {model}.",
        f"Uploaded result files: {result['id']}.",
        "Job succeeded.",
    ]
    times = [e["created_at"] for e in store.fine_tunes.events(ORG, job_id)]
    assert times == sorted(times) and times[-1] == int(clock.now)
    assert result["purpose"] == "fine-tune-results" and result["filename"] == "compiled_results.csv"
    csv = b"".join(store.files.open_content(ORG, str(result["id"]))).decode()
    assert csv.startswith("step,") and len(csv.splitlines()) > 1
    assert [m["id"] for m in store.models.list(ORG)] == [model]
    assert store.models.exists(model)
    assert [j["id"] for j in store.fine_tunes.list(ORG)] == [job_id]
    assert "events" not in store.fine_tunes.list(ORG)[0]
    clock.now += 100  # nothing happens twice
    assert len(store.fine_tunes.events(ORG, job_id)) == len(messages)
    with pytest.raises(InvalidRequestError, match="already succeeded"):
        store.fine_tunes.cancel(ORG, job_id)


def test_fine_tune_epoch_events_appear_as_the_clock_passes_them(store: Store, clock: Clock) -> None:
    train = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
    start = clock.now
    job_id = str(store.fine_tunes.create(ORG, train.id, n_epochs=4)["id"])

    def messages() -> list[str]:
        return [str(e["message"]) for e in store.fine_tunes.events(ORG, job_id)]

    # Running from 2.5 s to 10 s; epoch k of 4 completes at 2.5 + 7.5 * k / 5 s (4, 5.5, 7 and 8.5 s).
    clock.now = start + 5.0
    halfway = messages()
    assert halfway[-2:] == ["Job started.", "Completed epoch 1/4"]
    assert "Job succeeded." not in halfway
    assert store.fine_tunes.retrieve(ORG, job_id)["status"] == "running"
    clock.now = start + 7.5
    assert messages()[-2:] == ["Completed epoch 2/4", "Completed epoch 3/4"]
    clock.now = start + 10.0
    events = store.fine_tunes.events(ORG, job_id)
    assert [e["message"] for e in events if str(e["message"]).startswith("Completed epoch")] == [
        f"Completed epoch {k}/4" for k in range(1, 5)
    ]
    assert events[-1]["message"] == "Job succeeded." and len(events) == 2 + 4 + 3
    times = [e["created_at"] for e in events]
    assert times == sorted(times) and times[0] == int(start) and times[-1] == int(start + 10)
    clock.now += 100
    assert len(store.fine_tunes.events(ORG, job_id)) == len(events)


def test_fine_tune_read_after_the_end_writes_every_event_once(store: Store, clock: Clock) -> None:
    train = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
    job_id = str(store.fine_tunes.create(ORG, train.id, n_epochs=3)["id"])
    clock.now += 50  # never read while running: the events still come in order, back-dated to their times
    events = store.fine_tunes.events(ORG, job_id)
    assert [e["message"] for e in events][1:5] == ["Job started.", *(f"Completed epoch {k}/3" for k in (1, 2, 3))]
    times = [e["created_at"] for e in events]
    assert times == sorted(times) and times[-1] < clock.now


def test_fine_tune_create_checks(store: Store) -> None:
    with pytest.raises(InvalidRequestError, match="No such File object: file-nope") as missing:
        store.fine_tunes.create(ORG, "file-nope")
    assert missing.value.param == "training_file"
    other = store.files.create("org-other", "a.jsonl", "fine-tune", TRAIN)
    with pytest.raises(InvalidRequestError) as foreign:
        store.fine_tunes.create(ORG, other.id)
    assert foreign.value.param == "training_file"
    search = store.files.create(ORG, "a.jsonl", "search", document())
    with pytest.raises(InvalidRequestError, match="purpose") as purpose:
        store.fine_tunes.create(ORG, search.id)
    assert purpose.value.param == "training_file"
    train = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
    with pytest.raises(InvalidRequestError) as bad_valid:
        store.fine_tunes.create(ORG, train.id, validation_file=search.id)
    assert bad_valid.value.param == "validation_file"
    with pytest.raises(InvalidRequestError) as bad_model:
        store.fine_tunes.create(ORG, train.id, model="gpt-4")
    assert bad_model.value.param == "model"
    with pytest.raises(NotFoundError):
        store.fine_tunes.retrieve(ORG, "ft-missing")


def test_cancel_and_suffix(store: Store, clock: Clock) -> None:
    train = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
    job_id = str(store.fine_tunes.create(ORG, train.id, suffix="custom-name")["id"])
    clock.now += 4
    cancelled = store.fine_tunes.cancel(ORG, job_id)
    assert cancelled["status"] == "cancelled"
    clock.now += 100
    assert store.fine_tunes.retrieve(ORG, job_id)["status"] == "cancelled"
    assert store.fine_tunes.events(ORG, job_id)[-1]["message"] == "Job cancelled."
    assert store.models.list(ORG) == []
    job2 = str(store.fine_tunes.create(ORG, train.id, suffix="custom-name", model="ada")["id"])
    clock.now += 10
    name = str(store.fine_tunes.retrieve(ORG, job2)["fine_tuned_model"])
    assert name.startswith("ada:ft-acmeco:custom-name-")


def test_model_delete(store: Store, clock: Clock) -> None:
    train = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
    job_id = str(store.fine_tunes.create(ORG, train.id)["id"])
    clock.now += 10
    model = str(store.fine_tunes.retrieve(ORG, job_id)["fine_tuned_model"])
    with pytest.raises(NotFoundError):
        store.models.delete("org-other", model)
    assert store.models.delete(ORG, model) == {"id": model, "object": "model", "deleted": True}
    assert store.models.list(ORG) == [] and not store.models.exists(model)
    with pytest.raises(NotFoundError, match="That model does not exist"):
        store.models.delete(ORG, model)
    with pytest.raises(PermissionDeniedError):
        store.models.delete(ORG, "davinci")


def test_restart_keeps_everything(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path, clock=clock, fine_tune_seconds=1) as store:
        rec = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
        job_id = str(store.fine_tunes.create(ORG, rec.id)["id"])
        clock.now += 2
        model = store.fine_tunes.retrieve(ORG, job_id)["fine_tuned_model"]
        # An interrupted upload leaves a temporary file that a restart must not keep.
        writer = store.files.begin_upload(ORG)
        writer.write(b"partial")
        writer.close_file()
        assert writer.path.exists()
    with Store(tmp_path, clock=clock) as again:
        assert again.files.retrieve(ORG, rec.id) == rec
        assert b"".join(again.files.open_content(ORG, rec.id)) == TRAIN
        assert again.fine_tunes.retrieve(ORG, job_id)["fine_tuned_model"] == model
        assert [m["id"] for m in again.models.list(ORG)] == [model]
        assert list((tmp_path / "tmp").iterdir()) == []
        assert len(list((tmp_path / "blobs").iterdir())) == 2  # training file and result file


def test_in_memory_store_cleans_up(clock: Clock) -> None:
    store = Store(None, clock=clock)
    store.files.create(ORG, "a.txt", "search", document())
    blob_dir = store.files._db.blob_dir
    assert blob_dir.exists()
    store.close()
    assert not blob_dir.exists()


def test_concurrent_uploads_and_deletes(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    with Store(tmp_path, quota_bytes=10_000_000) as store:

        def work(worker: int) -> None:
            try:
                for i in range(15):
                    payload = document(f"{worker}-{i}-" * 50)
                    rec = store.files.create(ORG, f"{worker}-{i}.txt", "search", [payload[:7], payload[7:]])
                    assert b"".join(store.files.open_content(ORG, rec.id)) == payload
                    if i % 2:
                        store.files.delete(ORG, rec.id)
            except BaseException as exc:  # collected for the main thread
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        remaining = store.files.list(ORG)
        assert len(remaining) == 8 * 8
        assert {r.filename for r in remaining} == {f"{w}-{i}.txt" for w in range(8) for i in range(0, 15, 2)}
        assert store.files.used_bytes(ORG) == sum(r.bytes for r in remaining)
        assert len(list((tmp_path / "blobs").iterdir())) == len(remaining)


def test_jsonl_nested_100000_deep_is_a_400(store: Store) -> None:
    deep = b'{"prompt": ' + b"[" * 100_000 + b"]" * 100_000 + b', "completion": "b"}\n'
    with pytest.raises(InvalidRequestError, match="Line 2 is not a dictionary") as err:
        store.files.create(ORG, "deep.jsonl", "fine-tune", TRAIN.split(b"\n")[0] + b"\n" + deep)
    assert err.value.param == "file"


def test_jsonl_lines_are_read_no_longer_than_the_limit(tmp_path: Path, store: Store) -> None:
    huge = b'{"prompt": "' + b"x" * (5 * MAX_JSONL_LINE_BYTES) + b'", "completion": "b"}\n'
    lines = FineTuneLines()
    content = TRAIN + huge
    for start in range(0, len(content), 65536):
        lines.feed(content[start : start + 65536])
    with pytest.raises(InvalidRequestError, match=f"Line 6 of the file is longer than {MAX_JSONL_LINE_BYTES}") as err:
        lines.finish()
    assert err.value.param == "file" and lines.largest_buffer <= MAX_JSONL_LINE_BYTES
    with pytest.raises(InvalidRequestError, match="longer than") as err:
        store.files.create(ORG, "huge.jsonl", "fine-tune", TRAIN + huge)
    assert err.value.param == "file" and store.files.list(ORG) == []
    fits = b'{"prompt": "' + b"x" * (MAX_JSONL_LINE_BYTES - 100) + b'", "completion": "b"}\n'
    assert store.files.create(ORG, "fits.jsonl", "fine-tune", fits).bytes == len(fits)


def test_jsonl_may_start_with_a_byte_order_mark(store: Store) -> None:
    assert store.files.create(ORG, "bom.jsonl", "fine-tune", b"\xef\xbb\xbf" + TRAIN).bytes == 3 + len(TRAIN)


def test_listing_finished_fine_tunes_takes_the_same_queries_however_many(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    train = store.files.create(ORG, "t.jsonl", "fine-tune", TRAIN)
    calls: list[str] = []
    query, transaction = Database.query, Database.transaction

    def counted_query(self: Database, sql: str, args: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        calls.append(sql)
        return query(self, sql, args)

    def counted_transaction(self: Database) -> AbstractContextManager[sqlite3.Connection]:
        calls.append("transaction")
        return transaction(self)

    counts = []
    for jobs in (3, 30):
        while len(store.fine_tunes.list(ORG)) < jobs:
            store.fine_tunes.create(ORG, train.id, n_epochs=1)
        clock.now += 60
        listing = store.fine_tunes.list(ORG)  # brings every job to its end
        assert all(job["status"] == "succeeded" and job["result_files"] for job in listing)
        with monkeypatch.context() as patch:
            patch.setattr(Database, "query", counted_query)
            patch.setattr(Database, "transaction", counted_transaction)
            calls.clear()
            assert store.fine_tunes.list(ORG) == listing
        counts.append(len(calls))
    assert counts[0] == counts[1] <= 3


def test_a_job_keeps_listing_its_deleted_files_as_they_were(tmp_path: Path, clock: Clock) -> None:
    with Store(tmp_path, clock=clock, fine_tune_seconds=1) as store:
        train = store.files.create(ORG, "my-data-train.jsonl", "fine-tune", TRAIN)
        job_id = str(store.fine_tunes.create(ORG, train.id)["id"])
        clock.now += 2
        (result,) = store.fine_tunes.retrieve(ORG, job_id)["result_files"]
        loose = store.files.create(ORG, "other.jsonl", "fine-tune", TRAIN)
        for file_id in (train.id, str(result["id"]), loose.id):
            store.files.delete(ORG, file_id)
        # Only files a job names are remembered; the delete itself is as for any file.
        remembered = {row["id"] for row in store._db.query("SELECT id FROM deleted_files")}
        assert remembered == {train.id, result["id"]}
        assert store.files.list(ORG) == []
        with pytest.raises(NotFoundError):
            store.files.retrieve(ORG, train.id)
        expected_training = [{**train.to_dict(), "status": "deleted", "status_details": None}]
        expected_results = [{**result, "status": "deleted", "status_details": None}]
        retrieved = store.fine_tunes.retrieve(ORG, job_id)
        (listed,) = store.fine_tunes.list(ORG)
        for job in (retrieved, listed):
            assert job["training_files"] == expected_training
            assert job["result_files"] == expected_results
    with Store(tmp_path, clock=clock) as again:
        assert again.fine_tunes.retrieve(ORG, job_id)["training_files"] == expected_training
        with pytest.raises(InvalidRequestError, match=f"No such File object: {train.id}"):
            again.fine_tunes.create(ORG, train.id)
