"""ASGI middleware in front of the mock: records each API request and serves what was scripted for it.

With scripting off it hands every request straight through. Otherwise it reads the body, records
the call, and serves the route's next step: a failure or a raw answer at once; a dict, model or
reply after asking the mock for its own answer (the request is validated as usual, and a request
the mock refuses gets that refusal, the step staying queued) and laying the script over it.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

import httpx
import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..http.responses import error_body
from .admin import ADMIN_PREFIX, AdminAPI
from .answers import REPLY_OPERATIONS, as_document, deep_merge, recount_usage, reply_document, schema_problem
from .events import stream_events
from .journal import RecordedCall, record_call, replay_body
from .operations import Operation
from .registry import Scripting
from .steps import Failure, Reply, Respond, Step, StreamFault
from .wire import Captured, encoded, failure_answer, kept_headers, read_body, send_bytes, send_events, unstreamed

__all__ = ["ScriptingLayer"]

log = logging.getLogger("openai_mock")
# Refusals of the request itself (and faults the server injected) pass through; a 404 means the
# script stands alone (an unknown model or id: what the test scripted it for).
_STANDS_ALONE = frozenset({404})


class ScriptingLayer:
    def __init__(self, app: ASGIApp, scripting: Scripting, admin_key: str | None = None) -> None:
        self.app = app
        self.scripting = scripting
        self.admin = AdminAPI(scripting, admin_key) if admin_key else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.admin is None and not self.scripting.enabled:  # off: nothing to serve or record
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if self.admin is not None and path.startswith(ADMIN_PREFIX):
            await self.admin(scope, receive, send)
            return
        operation = self.scripting.table.match(scope["method"], path) if self.scripting.enabled else None
        if operation is None:
            await self.app(scope, receive, send)
            return
        body = await read_body(receive)
        call = await record_call(scope, body, receive, operation.operation_id, operation.facade_name)
        self.scripting.record(call)

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                call.status = message["status"]
            await send(message)

        route = self.scripting.routes[operation.operation_id]
        step, one_shot = route.take()
        if step is None:
            await self.app(scope, replay_body(body, receive), recording_send)
            return
        used = False
        try:
            used = await self._serve(operation, step, scope, body, receive, call, recording_send)
        finally:
            route.settle(step, one_shot, used)

    async def _serve(
        self,
        operation: Operation,
        step: Step,
        scope: Scope,
        body: bytes,
        receive: Receive,
        call: RecordedCall,
        send: Send,
    ) -> bool:
        """Answer with ``step``; False when the mock refused the request and the step was not used."""
        if isinstance(step, Failure):
            status, error, headers = failure_answer(step)
            headers["x-request-id"] = "req_" + secrets.token_hex(16)
            await send_bytes(send, status, orjson.dumps(error), "application/json", encoded(headers))
            return True
        if isinstance(step, StreamFault) and not call.stream:
            await self.app(scope, replay_body(body, receive), send)  # a stream fault waits for a stream
            return False
        answer: Respond | Reply | None = step.answer if isinstance(step, StreamFault) else step
        if isinstance(answer, Respond) and callable(answer.value):
            try:
                answer = Respond(answer.value(call), answer.validate)
            except Exception as exc:
                return await self._broken(operation, f"the scripted callable raised {exc!r}", send)
        value = answer.value if isinstance(answer, Respond) else None
        if isinstance(value, httpx.Response) and answer is not None:
            return await self._raw(operation, value, answer, send)
        if isinstance(value, bytes | str):
            media = "application/octet-stream" if isinstance(value, bytes) else "text/plain"
            data = value if isinstance(value, bytes) else value.encode()
            await send_bytes(send, 200, data, media, [])
            return True
        if isinstance(answer, Reply) and operation.operation_id not in REPLY_OPERATIONS:
            return await self._broken(operation, "reply() serves chat, completions and edits only", send)

        captured = Captured()
        plain_scope, plain_body = unstreamed(scope, body, call)
        await self.app(plain_scope, replay_body(plain_body, receive), captured.send)
        ok = 200 <= captured.status < 300
        if not ok and captured.status not in _STANDS_ALONE:
            await send_bytes(send, captured.status, captured.body, "application/json", kept_headers(captured.headers))
            return False
        base = captured.json() if ok else None
        base = base if isinstance(base, dict) else {}
        if answer is None or (isinstance(answer, Respond) and value is None):
            document: Any = base
        elif isinstance(answer, Reply):
            document = reply_document(operation, call, base, answer)
        else:
            patch = as_document(value)
            document = recount_usage(operation, call, deep_merge(base, patch), patch)
        if answer is None or answer.validate:
            problem = schema_problem(self.scripting.spec, operation, document)
            if problem is not None:
                return await self._broken(operation, f"the scripted response does not match the spec: {problem}", send)
        kept = kept_headers(captured.headers) if ok else []
        if call.stream and operation.streams:
            fault = (step.kind, step.after, step.message) if isinstance(step, StreamFault) else None
            await send_events(send, stream_events(operation, document, fault), kept)
        else:
            await send_bytes(send, 200, orjson.dumps(document), "application/json", kept)
        return True

    async def _raw(self, operation: Operation, response: httpx.Response, answer: Respond | Reply, send: Send) -> bool:
        content = response.read()
        media = response.headers.get("content-type", "application/json")
        if answer.validate and 200 <= response.status_code < 300 and media.startswith("application/json"):
            problem = schema_problem(self.scripting.spec, operation, response.json())
            if problem is not None:
                return await self._broken(operation, f"the scripted response does not match the spec: {problem}", send)
        headers = [
            (k.lower(), v) for k, v in response.headers.raw if k.lower() not in (b"content-length", b"content-type")
        ]
        await send_bytes(send, response.status_code, content, media, headers)
        return True

    async def _broken(self, operation: Operation, problem: str, send: Send) -> bool:
        """A script that cannot be served: the test fails naming it; the client gets a 500 saying why."""
        message = f"{operation.facade_name}: {problem}"
        self.scripting.report(message)
        log.error("%s", message)
        await send_bytes(send, 500, orjson.dumps(error_body(message, "server_error")), "application/json", [])
        return True
