"""``openai-mock --replay DIR``: recorded exchanges answered as recorded, everything else by the mock.

A request matches a recording with the same method, path, query and body: JSON compared as
values (key order and spacing do not matter), a multipart form by its text fields and the SHA-256
of each file. Several recordings of the same request are answered in the order they were made,
the last one again once they are used up.
"""

from __future__ import annotations

import json
import logging
import tempfile
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO, Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .checks import is_json, media_type
from .forms import FormCollector
from .recorder import FORMAT, REDACTED_HEADERS

__all__ = ["Recording", "Replay", "load_recordings", "request_key"]

log = logging.getLogger("openai_mock.proxy")

Key = tuple[str, str, str, str]
_DROPPED = REDACTED_HEADERS | {"content-length", "content-encoding", "transfer-encoding", "connection"}
_SPOOL_BYTES = 1 << 20
_CHUNK = 64 * 1024


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def recorded_body_key(body: Any) -> str | None:
    """The match key of a recorded request body; ``None`` when the recording cannot be matched."""
    if body is None:
        return ""
    if "json" in body:
        return "json:" + _canonical(body["json"])
    if "form" in body:
        files = {name: part["sha256"] for name, part in body.get("files", {}).items()}
        return "form:" + _canonical({"fields": body["form"], "files": files})
    if "text" in body:
        return "text:" + str(body["text"])
    return None


def request_key(method: str, path: str, query: str, body_key: str) -> Key:
    return (method.upper(), path, query, body_key)


class Recording:
    def __init__(self, directory: Path, data: dict[str, Any]) -> None:
        self.directory = directory
        self.data = data
        self.response: dict[str, Any] = data["response"]

    def headers(self, length: int | None) -> list[tuple[bytes, bytes]]:
        kept = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in self.response["headers"]
            if name.lower() not in _DROPPED
        ]
        return kept if length is None else [*kept, (b"content-length", str(length).encode())]

    def body(self) -> bytes | None:
        """The whole body, or ``None`` for one that is streamed (events, files)."""
        body = self.response.get("body")
        if body is None:
            return b""
        if "json" in body:
            return json.dumps(body["json"], ensure_ascii=False, separators=(",", ":")).encode()
        if "text" in body:
            return str(body["text"]).encode()
        return None

    def chunks(self) -> Iterator[bytes]:
        body = self.response["body"]
        if "events" in body:
            with (self.directory / body["events"]).open(encoding="utf-8") as lines:
                for line in lines:
                    yield _event_bytes(json.loads(line))
        elif "file" in body:
            with (self.directory / body["file"]).open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    yield chunk


def _event_bytes(event: dict[str, Any]) -> bytes:
    lines = [f"{name}: {event[name]}" for name in ("event", "id", "retry") if event.get(name) is not None]
    lines += [f"data: {line}" for line in str(event["data"]).split("\n")]
    return ("\n".join(lines) + "\n\n").encode()


def load_recordings(directory: Path) -> dict[Key, list[Recording]]:
    """Every complete exchange of the folder, by match key, in the order recorded."""
    found: dict[Key, list[Recording]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("replay: %s is not an exchange file, skipped", path.name)
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT or not data.get("complete"):
            continue
        request, response = data.get("request"), data.get("response")
        body_key = recorded_body_key(request.get("body")) if request else None
        if request is None or response is None or body_key is None:
            continue
        if isinstance(response.get("body"), dict) and response["body"].get("omitted"):
            continue
        key = request_key(request["method"], request["path"], request.get("query", ""), body_key)
        found.setdefault(key, []).append(Recording(directory, data))
    return found


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


class Replay:
    """ASGI middleware in front of the mock (``MockConfig.replay_dir``)."""

    def __init__(self, app: ASGIApp, directory: Path) -> None:
        self.app = app
        self.recordings = load_recordings(directory)
        self._routes = {(method, path) for method, path, _, _ in self.recordings}
        self._served: dict[Key, int] = {}
        self._lock = threading.Lock()
        log.info("replay: %d recorded requests from %s", sum(map(len, self.recordings.values())), directory)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) not in self._routes:
            await self.app(scope, receive, send)
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
            body_key = await self._read(scope, receive, spool)
            query = scope.get("query_string", b"").decode("latin-1")
            recording = self._next(request_key(scope["method"], scope["path"], query, body_key))
            if recording is None:
                await self.app(scope, _replayed(spool, receive), send)
                return
        await _answer(recording, send)

    def _next(self, key: Key) -> Recording | None:
        recordings = self.recordings.get(key)
        if not recordings:
            return None
        with self._lock:
            served = self._served.get(key, 0)
            self._served[key] = served + 1
        return recordings[min(served, len(recordings) - 1)]

    async def _read(self, scope: Scope, receive: Receive, spool: IO[bytes]) -> str:
        """The body's match key, computed as it is read into ``spool`` (on disk past 1 MiB)."""
        content_type = _header(scope, b"content-type")
        media = media_type(content_type)
        form = FormCollector(content_type or "") if media == "multipart/form-data" else None
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            spool.write(chunk)
            if form is not None:
                form.feed(chunk)
            more = message.get("more_body", False)
        spool.seek(0)
        if size == 0:
            return ""
        if form is not None:
            form.finish()
            files = {name: digest.sha256 for name, digest in form.files.items()}
            return "form:" + _canonical({"fields": form.fields, "files": files})
        raw = spool.read()  # only JSON and text bodies are matched whole; they are small
        spool.seek(0)
        if is_json(media):
            try:
                return "json:" + _canonical(json.loads(raw))
            except ValueError:
                pass
        return "text:" + raw.decode("utf-8", errors="replace")


def _replayed(spool: IO[bytes], receive: Receive) -> Receive:
    """``receive`` that hands the mock the spooled body again, then waits on the real one (disconnects)."""
    done = False

    async def replay() -> Message:
        nonlocal done
        if done:
            return await receive()
        chunk = spool.read(_CHUNK)
        if len(chunk) < _CHUNK:
            done = True
        return {"type": "http.request", "body": chunk, "more_body": not done}

    return replay


async def _answer(recording: Recording, send: Send) -> None:
    whole = recording.body()
    status = int(recording.response["status"])
    await send({"type": "http.response.start", "status": status, "headers": recording.headers(_len(whole))})
    if whole is not None:
        await send({"type": "http.response.body", "body": whole})
        return
    async for chunk in _iterate(recording.chunks()):
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


def _len(body: bytes | None) -> int | None:
    return None if body is None else len(body)


async def _iterate(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk
