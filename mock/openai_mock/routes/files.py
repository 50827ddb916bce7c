"""/files (streamed uploads and downloads) and /fine-tunes (lifecycle, cancel, events and their stream)."""

from __future__ import annotations

import unicodedata
import urllib.parse
from collections.abc import AsyncGenerator

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from openai_models import CreateFileRequest, CreateFineTuneRequest

from ..errors import InvalidRequestError
from ..http.multipart import FormBody, Sink, read_multipart
from ..http.responses import json_response
from ..http.services import Operation, Services, api
from ..http.sse import event_bytes, sse_response
from ..http.validation import validate_form
from ..store.files import UploadWriter

__all__ = ["file_routes"]


class _DiskSink:
    """The store's upload writer as a multipart sink (blocking: fed from a worker thread)."""

    blocking = True

    def __init__(self, writer: UploadWriter) -> None:
        self.writer = writer

    def arrived(self, chunk: bytes) -> None:
        self.writer.check(chunk)

    def write(self, chunk: bytes) -> None:
        self.writer.write(chunk)


def _check_filename(filename: str) -> str:
    """An upload's name as stored: refused (400 naming ``file``) when it could not be served back safely."""
    if not filename:
        return "file"
    if any(unicodedata.category(c) == "Cc" for c in filename) or "/" in filename or "\\" in filename:
        raise InvalidRequestError(
            f"Invalid file name {filename!r}: a file name must not contain control characters or path separators.",
            param="file",
        )
    return filename


def _ascii_char(char: str) -> str:
    """A name's character in the ASCII fallback: accents dropped, anything else unsafe in quotes an underscore."""
    if unicodedata.combining(char):
        return ""
    return char if " " <= char <= "~" and char not in '"\\' else "_"


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII ``filename`` for old clients and the exact name in ``filename*`` (RFC 6266/5987)."""
    fallback = "".join(_ascii_char(c) for c in unicodedata.normalize("NFKD", filename)) or "file"
    if fallback == filename:
        return f'attachment; filename="{fallback}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{urllib.parse.quote(filename, safe='')}"


def _stream_flag(request: Request) -> bool:
    raw = request.query_params.get("stream", "false")
    if raw not in ("true", "false"):
        raise InvalidRequestError(f"'{raw}' is not of type 'boolean' - 'stream'", param="stream")
    return raw == "true"


def file_routes(s: Services) -> list[Operation]:
    files, jobs = s.store.files, s.store.fine_tunes
    binary = s.spec.binary_fields("CreateFileRequest")

    @api
    async def create_file(request: Request) -> Response:
        org = s.organization(request)
        sinks: list[_DiskSink] = []
        form = FormBody({}, {})

        def open_sink(name: str, filename: str, content_type: str | None) -> Sink | None:
            if name not in binary:
                return None
            # A training file is checked as it arrives, not read back once stored; so is a file whose
            # purpose comes after it (the check is dropped unless the purpose turns out "fine-tune").
            check_lines = form.fields.get("purpose", "fine-tune") == "fine-tune"
            sinks.append(_DiskSink(files.begin_upload(org, check_lines=check_lines)))
            return sinks[-1]

        try:
            await read_multipart(request, open_sink, into=form)
            body = validate_form(s.spec, "CreateFileRequest", form.fields, set(form.files), CreateFileRequest)
            filename = _check_filename(form.files["file"].filename)
            writer = sinks[0].writer
            record = await run_in_threadpool(files.commit_upload, writer, filename, body.purpose)
        finally:
            for sink in sinks:
                if not sink.writer.done:
                    sink.writer.abort()
        return json_response(record.to_dict())

    @api
    async def list_files(request: Request) -> Response:
        records = await run_in_threadpool(files.list, s.organization(request))
        # One page holds every file; has_more=false stops cursor pagers (spec decision 27).
        return json_response({"object": "list", "data": [r.to_dict() for r in records], "has_more": False})

    @api
    async def retrieve_file(request: Request) -> Response:
        record = await run_in_threadpool(files.retrieve, s.organization(request), request.path_params["file_id"])
        return json_response(record.to_dict())

    @api
    async def delete_file(request: Request) -> Response:
        result = await run_in_threadpool(files.delete, s.organization(request), request.path_params["file_id"])
        return json_response(result)

    @api
    async def download_file(request: Request) -> Response:
        org, file_id = s.organization(request), request.path_params["file_id"]
        record = await run_in_threadpool(files.retrieve, org, file_id)
        chunks = await run_in_threadpool(files.open_content, org, file_id)
        # A sync iterator: Starlette reads it in a worker thread, chunk by chunk.
        return StreamingResponse(
            chunks,
            media_type="application/octet-stream",
            headers={
                "content-length": str(record.bytes),
                "content-disposition": content_disposition(record.filename),
            },
        )

    @api
    async def create_fine_tune(request: Request) -> Response:
        body = await s.json_body(request, CreateFineTuneRequest)
        options = body.model_dump(exclude={"training_file"})
        job = await run_in_threadpool(lambda: jobs.create(s.organization(request), body.training_file, **options))
        return json_response(job)

    @api
    async def list_fine_tunes(request: Request) -> Response:
        data = await run_in_threadpool(jobs.list, s.organization(request))
        return json_response({"object": "list", "data": data})

    @api
    async def retrieve_fine_tune(request: Request) -> Response:
        job = await run_in_threadpool(jobs.retrieve, s.organization(request), request.path_params["fine_tune_id"])
        return json_response(job)

    @api
    async def cancel_fine_tune(request: Request) -> Response:
        job = await run_in_threadpool(jobs.cancel, s.organization(request), request.path_params["fine_tune_id"])
        return json_response(job)

    @api
    async def list_fine_tune_events(request: Request) -> Response:
        org, job_id = s.organization(request), request.path_params["fine_tune_id"]
        stream = _stream_flag(request)
        first = await run_in_threadpool(jobs.events, org, job_id)  # 404 before any stream starts
        if not stream:
            return json_response({"object": "list", "data": first})
        poll = min(0.25, max(0.02, s.config.fine_tune_duration / 20))

        async def events() -> AsyncGenerator[bytes, None]:
            sent = 0
            while True:
                finished = await run_in_threadpool(jobs.is_finished, org, job_id)
                current = await run_in_threadpool(jobs.events, org, job_id)
                for event in current[sent:]:
                    yield event_bytes(event)
                sent = len(current)
                if finished:
                    return
                await anyio.sleep(poll)

        return sse_response(events(), s.fault(request), s.config.latency_ms)

    return [
        ("POST", "/v1/files", create_file),
        ("GET", "/v1/files", list_files),
        ("GET", "/v1/files/{file_id}", retrieve_file),
        ("DELETE", "/v1/files/{file_id}", delete_file),
        ("GET", "/v1/files/{file_id}/content", download_file),
        ("POST", "/v1/fine-tunes", create_fine_tune),
        ("GET", "/v1/fine-tunes", list_fine_tunes),
        ("GET", "/v1/fine-tunes/{fine_tune_id}", retrieve_fine_tune),
        ("POST", "/v1/fine-tunes/{fine_tune_id}/cancel", cancel_fine_tune),
        ("GET", "/v1/fine-tunes/{fine_tune_id}/events", list_fine_tune_events),
    ]
