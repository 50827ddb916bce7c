"""openai_client.uploads / audio / downloads: every input form, random boundaries, streaming both ways."""

from __future__ import annotations

import asyncio
import io
import tracemalloc
from pathlib import Path
from typing import Any

import httpx
import pytest
from overlay_support import RecordingStream, WireTransport, make_client, parse_multipart, wire_client

from openai_client._files import UPLOAD_READ_SIZE
from openai_client.downloads import adownload_file, download_file
from openai_client.exceptions import APIConnectionError, ConfigurationError, NotFoundError
from openai_client.models import CreateTranscriptionResponse, CreateTranslationResponse, ImagesResponse, OpenAIFile
from openai_client.uploads import (
    acreate_image_edit,
    acreate_transcription,
    aupload_file,
    create_image_edit,
    create_image_variation,
    create_transcription,
    create_translation,
    upload_file,
)

# Lines that would end or inject a part under the generator's fixed `boundary=+++`.
TRICKY = b'{"prompt": "a"}\r\n--+++\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nevil\r\n--+++--\r\n'
FILE_JSON = {
    "id": "file-1",
    "object": "file",
    "bytes": len(TRICKY),
    "created_at": 1,
    "filename": "train.jsonl",
    "purpose": "fine-tune",
}
IMAGES_JSON = {"created": 1, "data": [{"url": "https://example.test/1.png"}]}


class Recorder:
    """A handler that parses each multipart request and answers with canned JSON (or text)."""

    def __init__(self, answer: Any, content_type: str = "application/json") -> None:
        self.answer = answer
        self.content_type = content_type
        self.forms: list[dict[str, Any]] = []
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request, body: bytes) -> httpx.Response:
        self.requests.append(request)
        self.forms.append(parse_multipart(request, body))
        if self.content_type == "application/json":
            return httpx.Response(200, json=self.answer)
        return httpx.Response(200, text=self.answer, headers={"content-type": self.content_type})


def test_upload_from_path_keeps_boundary_lookalikes_intact(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(TRICKY)
    recorder = Recorder(FILE_JSON)
    wire = WireTransport(recorder)
    result = upload_file(wire_client(wire), path, purpose="fine-tune")
    assert isinstance(result, OpenAIFile) and result.id == "file-1" and result.bytes_ == len(TRICKY)
    form = recorder.forms[0]
    assert set(form) == {"file", "purpose"}
    assert form["file"].data == TRICKY
    assert (form["file"].filename, form["file"].content_type) == ("train.jsonl", "application/jsonl")
    assert form["purpose"].data == b"fine-tune"
    request = recorder.requests[0]
    assert request.url.path == "/v1/files" and request.method == "POST"
    assert "boundary=+++" not in request.headers["content-type"]
    # the transport got a stream to pull from, not a prebuilt bytes body
    assert not issubclass(wire.stream_types[0], httpx.ByteStream)
    assert int(request.headers["content-length"]) == wire.sizes[0]


def test_upload_from_bytes_and_from_open_file(tmp_path: Path) -> None:
    recorder = Recorder(FILE_JSON)
    client = wire_client(WireTransport(recorder))
    upload_file(client, TRICKY, "fine-tune", filename="data.jsonl")
    upload_file(client, bytearray(b"raw"), "fine-tune")
    path = tmp_path / "notes.txt"
    path.write_bytes(TRICKY)
    with path.open("rb") as handle:
        upload_file(client, handle, "fine-tune")
        assert not handle.closed  # the caller's file stays the caller's
    upload_file(client, io.BytesIO(b"x"), "fine-tune", content_type="application/x-custom")
    files = [form["file"] for form in recorder.forms]
    assert [(f.filename, f.content_type) for f in files] == [
        ("data.jsonl", "application/jsonl"),
        ("file", "application/octet-stream"),
        ("notes.txt", "text/plain"),
        ("file", "application/x-custom"),
    ]
    assert files[0].data == TRICKY and files[1].data == b"raw" and files[2].data == TRICKY


def test_bad_file_inputs_name_the_field(tmp_path: Path) -> None:
    client = wire_client(WireTransport(Recorder(FILE_JSON)))
    with pytest.raises(ConfigurationError, match="file: no such file"):
        upload_file(client, tmp_path / "missing.jsonl", "fine-tune")
    text_file = tmp_path / "t.jsonl"
    text_file.write_text("{}")
    with text_file.open("r") as handle, pytest.raises(ConfigurationError, match="binary mode"):
        upload_file(client, handle, "fine-tune")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="file must be a path"):
        upload_file(client, 42, "fine-tune")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"purpose must be one of .*'fine-tune'.*, got 'fine_tune'"):
        upload_file(client, b"{}", "fine_tune")


def test_large_upload_streams_in_small_pieces(tmp_path: Path) -> None:
    size = 64 * 1024 * 1024
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.truncate(size)  # sparse: no memory or disk cost to create
    wire = WireTransport(lambda request, body: httpx.Response(200, json=FILE_JSON), keep_body=False)
    client = wire_client(wire)
    tracemalloc.start()
    try:
        upload_file(client, path, "fine-tune")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert wire.sizes[0] > size
    # Wide reads (httpx alone would read 64 KiB at a time), yet never more than one read in memory.
    assert UPLOAD_READ_SIZE <= wire.largest_piece <= UPLOAD_READ_SIZE + 1024
    assert wire.pieces <= size // UPLOAD_READ_SIZE + 8
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes for a {size}-byte upload"


def test_a_retried_upload_resends_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(TRICKY * 50_000)  # several wide reads
    statuses = iter([503, 200])
    forms: list[dict[str, Any]] = []

    def handler(request: httpx.Request, body: bytes) -> httpx.Response:
        forms.append(parse_multipart(request, body))
        return httpx.Response(next(statuses), json=FILE_JSON)

    with path.open("rb") as handle:
        handle.seek(1000)  # where the caller left it: the upload still sends the whole file
        upload_file(wire_client(WireTransport(handler)), handle, "fine-tune")
    assert len(forms) == 2
    assert forms[0]["file"].data == forms[1]["file"].data == path.read_bytes()


def test_image_edit_and_variation(tmp_path: Path) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + TRICKY)
    recorder = Recorder(IMAGES_JSON)
    client = wire_client(WireTransport(recorder))
    result = create_image_edit(client, image, "add a hat", mask=b"mask-bytes", size="256x256", n=2, user="u1")
    assert isinstance(result, ImagesResponse) and result.data[0].url == "https://example.test/1.png"
    edit = recorder.forms[0]
    assert edit["image"].filename == "cat.png" and edit["image"].content_type == "image/png"
    assert edit["image"].data == image.read_bytes()
    assert (edit["mask"].data, edit["prompt"].data, edit["size"].data) == (b"mask-bytes", b"add a hat", b"256x256")
    assert (edit["n"].data, edit["user"].data) == (b"2", b"u1")
    create_image_variation(client, image.read_bytes(), filename="dog.png", response_format="b64_json")
    variation = recorder.forms[1]
    assert set(variation) == {"image", "response_format"}
    assert variation["image"].filename == "dog.png"
    assert [r.url.path for r in recorder.requests] == ["/v1/images/edits", "/v1/images/variations"]
    with pytest.raises(ConfigurationError, match="size must be one of"):
        create_image_edit(client, image, "x", size="300x300")


def test_transcription_and_translation_formats() -> None:
    audio = b"ID3" + TRICKY
    json_recorder = Recorder({"text": "hello there"})
    result = create_transcription(
        wire_client(WireTransport(json_recorder)), audio, filename="talk.mp3", language="en", temperature=0.2
    )
    assert isinstance(result, CreateTranscriptionResponse) and result.text == "hello there"
    form = json_recorder.forms[0]
    assert form["file"].data == audio and form["file"].content_type == "audio/mpeg"
    assert (form["model"].data, form["language"].data, form["temperature"].data) == (b"whisper-1", b"en", b"0.2")

    srt = "1\n00:00:00,000 --> 00:00:01,000\nhello\n"
    text_recorder = Recorder(srt, content_type="text/plain; charset=utf-8")
    assert create_translation(wire_client(WireTransport(text_recorder)), audio, response_format="srt") == srt
    assert "language" not in text_recorder.forms[0]
    assert text_recorder.requests[0].url.path == "/v1/audio/translations"
    translated = create_translation(wire_client(WireTransport(Recorder({"text": "hi"}))), audio)
    assert isinstance(translated, CreateTranslationResponse)
    with pytest.raises(ConfigurationError, match="response_format"):
        create_transcription(wire_client(WireTransport(json_recorder)), audio, response_format="mp3")
    with pytest.raises(ConfigurationError, match=r"language must be one of .*, got 'english'"):
        create_transcription(wire_client(WireTransport(json_recorder)), audio, language="english")


def test_async_uploads(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    path.write_bytes(TRICKY)
    file_recorder, image_recorder = Recorder(FILE_JSON), Recorder(IMAGES_JSON)
    text_recorder = Recorder("hello", content_type="text/plain")
    file_wire = WireTransport(file_recorder)

    async def main() -> None:
        uploaded = await aupload_file(wire_client(file_wire), path, "fine-tune")
        assert uploaded.filename == "train.jsonl"
        await acreate_image_edit(wire_client(WireTransport(image_recorder)), path, "p", filename="i.png")
        text = await acreate_transcription(wire_client(WireTransport(text_recorder)), path, response_format="text")
        assert text == "hello"

    asyncio.run(main())
    assert file_recorder.forms[0]["file"].data == TRICKY
    assert not issubclass(file_wire.stream_types[0], httpx.ByteStream)
    assert image_recorder.forms[0]["image"].filename == "i.png"


def _download_server(pieces: list[bytes], status: int = 200, fail: Exception | None = None) -> Any:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if status != 200:
            return httpx.Response(
                status, json={"error": {"message": "No such File object", "type": "invalid_request_error"}}
            )
        return httpx.Response(
            200, headers={"content-type": "application/octet-stream"}, stream=RecordingStream(pieces, fail)
        )

    return handler, requests


def test_download_streams_to_disk_atomically(tmp_path: Path) -> None:
    pieces = [b"line one\n", b"line ", b"two\n" * 1000]
    handler, requests = _download_server(pieces)
    target = tmp_path / "out.jsonl"
    assert download_file(make_client(handler), "file-xyz", target, chunk_size=7) == target
    assert target.read_bytes() == b"".join(pieces)
    assert requests[0].url.path == "/v1/files/file-xyz/content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_failed_download_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"previous")
    handler, _ = _download_server([], status=404)
    with pytest.raises(NotFoundError):
        download_file(make_client(handler), "file-missing", target)
    cut, _ = _download_server([b"partial"], fail=httpx.RemoteProtocolError("peer closed"))
    with pytest.raises(APIConnectionError):
        download_file(make_client(cut), "file-1", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_async_download(tmp_path: Path) -> None:
    handler, _ = _download_server([b"a" * 10, b"b" * 10])
    target = tmp_path / "async.bin"
    asyncio.run(adownload_file(make_client(handler), "file-2", target, chunk_size=4))
    assert target.read_bytes() == b"a" * 10 + b"b" * 10
