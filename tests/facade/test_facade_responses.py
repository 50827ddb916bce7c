"""What calls return besides models: binary content written atomically, raw responses, audio text, validation."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from facade_support import Recorder, answering, recorded_async_client, recorded_client

from openai_client import APIConnectionError, APIResponseValidationError, NotFoundError
from openai_client.exceptions import MalformedStreamEventError
from openai_client.models import CreateTranscriptionResponse


class CutStream(httpx.SyncByteStream):
    """A body that breaks after its first piece, as a dropped connection does."""

    def __iter__(self) -> Iterator[bytes]:
        yield b"first part\n"
        raise httpx.ReadError("connection reset")


def test_write_to_file_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "content.jsonl"
    target.write_bytes(b"old\n")
    recorder = Recorder(lambda request: httpx.Response(200, stream=CutStream()))
    with recorded_client(recorder) as client, pytest.raises(APIConnectionError):
        client.files.content("file-1").write_to_file(target)
    assert target.read_bytes() == b"old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content.jsonl"]  # no partial file left
    assert recorder.last.headers["accept"] == "application/octet-stream"


def test_binary_content_is_streamed_and_closed(tmp_path: Path) -> None:
    recorder = Recorder(lambda request: httpx.Response(200, content=b"0123456789"))
    with recorded_client(recorder) as client:
        with client.files.content("file-1") as content:
            assert list(content.iter_bytes(4)) == [b"0123", b"4567", b"89"]
        assert content.response.is_closed
        written = client.files.content("file-1").write_to_file(tmp_path / "out.bin")
        assert written.read_bytes() == b"0123456789"
        raw = client.files.with_raw_response.content("file-1")
        assert raw.status_code == 200 and raw.parse().read() == b"0123456789"
    missing = answering({"error": {"message": "No such file", "type": "invalid_request_error"}}, status=404)
    with recorded_client(missing) as client, pytest.raises(NotFoundError):
        client.files.content("file-2")


def test_audio_text_formats_come_back_as_text() -> None:
    recorder = Recorder(
        lambda request: (
            httpx.Response(200, text="1\n00:00:00,000 --> 00:00:01,000\nhi\n")
            if b"srt" in request.content
            else httpx.Response(200, json={"text": "hi"})
        )
    )
    with recorded_client(recorder) as client:
        srt = client.audio.transcriptions.create(file=b"ID3", model="whisper-1", response_format="srt")
        assert srt.startswith("1\n00:00:00,000")
        parsed = client.audio.transcriptions.create(file=b"ID3", model="whisper-1")
        assert isinstance(parsed, CreateTranscriptionResponse) and parsed.text == "hi"
        assert b'name="response_format"' not in recorder.last.content


def test_answers_the_spec_does_not_allow_raise_validation_errors() -> None:
    incomplete = answering({"object": "model", "created": 1})
    with recorded_client(incomplete) as client, pytest.raises(APIResponseValidationError, match="id"):
        client.models.retrieve("m")
    not_json = Recorder(lambda request: httpx.Response(200, text="<html>gateway</html>"))
    strict = recorded_client(not_json, strict_response_validation=True)
    with strict as client, pytest.raises(APIResponseValidationError, match="not JSON"):
        client.models.list()


def test_async_binary_content_and_raw_responses(tmp_path: Path) -> None:
    recorder = Recorder(lambda request: httpx.Response(200, content=b"abc", headers={"x-request-id": "req_1"}))

    async def main() -> None:
        async with recorded_async_client(recorder) as client:
            assert await (await client.files.content("f")).read() == b"abc"
            written = await (await client.files.content("f")).write_to_file(tmp_path / "a.bin")
            assert written.read_bytes() == b"abc"
            raw = await client.with_raw_response.files.content("f")
            assert raw.request_id == "req_1"
            async with raw.parse() as content:
                assert [piece async for piece in content.iter_bytes()] == [b"abc"]

    asyncio.run(main())


def test_strict_response_validation_reaches_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai_client import _facade_responses

    seen: list[bool] = []
    real = _facade_responses.parse_model

    def spy(model: Any, payload: object, *, strict: bool = False) -> Any:
        seen.append(strict)
        return real(model, payload, strict=strict)

    monkeypatch.setattr(_facade_responses, "parse_model", spy)
    page = {"object": "list", "data": []}
    with recorded_client(answering(page), strict_response_validation=True) as client:
        client.models.list()
        client.with_options(strict_response_validation=False).models.list()
    with recorded_client(answering(page)) as client:
        client.models.list()
    assert seen == [True, False, False]


def _chunk_stream(finish_reason: str) -> Recorder:
    chunk = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1686676106,
        "model": "gpt-3.5-turbo-0613",
        "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": finish_reason}],
    }
    body = b"data: " + json.dumps(chunk).encode() + b"\n\ndata: [DONE]\n\n"
    return Recorder(lambda request: httpx.Response(200, content=body, headers={"content-type": "text/event-stream"}))


def test_strict_response_validation_reaches_the_chunks_of_a_stream() -> None:
    # A finish_reason newer than the spec: kept by default, refused with strict_response_validation.
    messages: list[Any] = [{"role": "user", "content": "hi"}]
    with recorded_client(_chunk_stream("tool_calls")) as client:
        stream = client.chat.completions.create(model="gpt-3.5-turbo", messages=messages, stream=True)
        assert [chunk.choices[0].finish_reason for chunk in stream] == ["tool_calls"]
    with recorded_client(_chunk_stream("tool_calls"), strict_response_validation=True) as client:
        stream = client.chat.completions.create(model="gpt-3.5-turbo", messages=messages, stream=True)
        with pytest.raises(MalformedStreamEventError, match="tool_calls") as caught:
            list(stream)
        assert caught.value.path == "/choices/0/finish_reason"

    async def main() -> list[str | None]:
        async with recorded_async_client(_chunk_stream("tool_calls"), strict_response_validation=True) as client:
            stream = await client.chat.completions.create(model="gpt-3.5-turbo", messages=messages, stream=True)
            return [chunk.choices[0].finish_reason async for chunk in stream]

    with pytest.raises(MalformedStreamEventError, match="tool_calls"):
        asyncio.run(main())


class _CountingBody(httpx.SyncByteStream):
    """A download body that counts how much of it was read."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces, self.read = pieces, 0

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.read += 1
            yield piece


def test_file_content_is_handed_over_unread_then_streamed() -> None:
    # The retrying transport reads plain answers inside its loop; a download must bypass that.
    body = _CountingBody([b"a" * 1024] * 8)
    recorder = Recorder(
        lambda request: httpx.Response(200, stream=body, headers={"content-type": "application/octet-stream"})
    )
    with recorded_client(recorder, max_retries=2) as client:
        content = client.files.content("file-abc")
        assert body.read == 0
        assert sum(len(chunk) for chunk in content.iter_bytes()) == 8 * 1024
    assert body.read == 8
