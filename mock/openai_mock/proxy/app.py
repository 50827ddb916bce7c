"""``create_proxy_app``: forward every request to the upstream, validating both directions against the spec.

Bodies stream both ways chunk by chunk (request bodies and downloads are never held whole; JSON
bodies are copied up to ``max_json_bytes`` to be validated). Server-sent events are passed on as
they arrive and checked one by one. With ``fail_on_violation`` the client gets an OpenAI-style
error instead of a non-conforming answer: 400 for a request violation, 502 for a response one,
and, once a stream has started, an ``error`` event in place of the first bad event.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import anyio
import httpx
import orjson
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from ..http.responses import error_body, json_response
from ..spec import load_spec
from .checks import EVENT_STREAM, BodyPlan, ResponsePlan, SpecChecker, is_json, media_type
from .config import ProxyConfig
from .events import EventBlock, EventParser
from .operations import Operation, OperationIndex
from .recorder import ExchangeRecord, Recorder
from .report import UNKNOWN_OPERATION, ProxyReport
from .taps import BodyCopy, RequestTap
from .violations import Violation

__all__ = ["STATUS_PATH", "VALIDATION_ERROR_TYPE", "create_proxy_app", "violation_error"]

log = logging.getLogger("openai_mock.proxy")

STATUS_PATH = "/__proxy__/status"
VALIDATION_ERROR_TYPE = "proxy_validation_error"
UPSTREAM_ERROR_TYPE = "proxy_upstream_error"
# RFC 9110 7.6.1: meant for one connection only, never forwarded.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# httpx decodes these itself; asking only for them means any answer can be validated.
DECODABLE_ENCODINGS = "gzip, deflate"


def _end_to_end(headers: Sequence[tuple[str, str]], *, drop: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    named = {
        token.strip().lower() for name, value in headers if name.lower() == "connection" for token in value.split(",")
    }
    skip = HOP_BY_HOP | named | drop
    return [(name, value) for name, value in headers if name.lower() not in skip]


def violation_error(violations: Sequence[Violation]) -> dict[str, object]:
    """The OpenAI-style error object describing the first violation (and how many more there were)."""
    first = violations[0]
    more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
    message = f"The proxy found a spec violation: {first.describe()}{more}"
    if first.direction == "request" and first.kind == "request_body":
        # As the API does: the argument's name when the error is about a top-level one.
        parts = first.pointer.split("/")
        param: str | None = parts[1] if len(parts) == 2 else None
    elif first.kind == "parameter":
        param = first.pointer.rsplit("/", 1)[-1] or None
    else:
        param = first.pointer or None
    return error_body(message, VALIDATION_ERROR_TYPE, param, first.kind)


# An exchange file lists at most this many violations (a long stream may break on every event).
MAX_RECORDED_VIOLATIONS = 100


def _keep(violations: list[Violation], found: list[Violation]) -> None:
    violations.extend(found[: max(0, MAX_RECORDED_VIOLATIONS - len(violations))])


def _error_event(violations: Sequence[Violation]) -> bytes:
    return b"event: error\ndata: " + orjson.dumps(violation_error(violations)) + b"\n\n"


@dataclass
class _Incoming:
    """A request as first seen: where it goes, its operation (if any), what was already found wrong."""

    relative: str | None
    op: Operation | None
    name: str
    has_body: bool
    plan: BodyPlan | None = None
    violations: list[Violation] = field(default_factory=list)


class _Proxy:
    def __init__(self, config: ProxyConfig, transport: httpx.AsyncBaseTransport | None) -> None:
        self.config = config
        self.spec = load_spec(config.spec_path)
        self.index = OperationIndex(self.spec)
        self.checker = SpecChecker(self.spec, self.index, closed_responses=config.undeclared_fields)
        self.report = ProxyReport(self.index.operation_ids(), config.upstream)
        self.recorder = Recorder(config.record_dir) if config.record_dir is not None else None
        upstream = urlsplit(config.upstream)
        self.upstream_base = config.upstream.rstrip("/")
        self.upstream_origin = f"{upstream.scheme}://{upstream.netloc}"
        # Proxy variables in the environment are not read: the upstream is reached as configured.
        self.client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            trust_env=False,
        )

    def _url(self, request: Request, relative: str | None) -> str:
        url = self.upstream_base + relative if relative is not None else self.upstream_origin + request.url.path
        query = request.url.query
        return f"{url}?{query}" if query else url

    def _request_headers(self, request: Request) -> list[tuple[str, str]]:
        headers = _end_to_end(request.headers.items(), drop=frozenset({"host"}))
        return [(name, DECODABLE_ENCODINGS if name.lower() == "accept-encoding" else value) for name, value in headers]

    def _check_request(self, request: Request) -> _Incoming:
        """What can be checked before the body: the operation, its parameters, the body's content type."""
        relative = self.index.relative_path(request.url.path)
        matched = self.index.match(request.method, relative) if relative is not None else None
        op = matched[0] if matched is not None else None
        name = op.operation_id if op is not None else UNKNOWN_OPERATION
        has_body = request.headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in request.headers
        incoming = _Incoming(relative, op, name, has_body)
        if relative is not None:
            self.report.request_seen(name)
            if op is None:
                message = f"no operation of the spec matches {request.method} {request.url.path}"
                incoming.violations.append(Violation(name, "request", "unknown_operation", "", message))
        if matched is not None and op is not None:
            query = request.query_params.multi_items()
            incoming.violations += self.checker.parameters(op, matched[1], query, request.headers)
            found, incoming.plan = self.checker.request_body(op, request.headers.get("content-type"), has_body)
            incoming.violations += found
        self.report.add(incoming.violations)
        return incoming

    def _outgoing(self, request: Request, incoming: _Incoming, body: AsyncIterator[bytes]) -> httpx.Request:
        headers = self._request_headers(request)
        outgoing = self.client.build_request(
            request.method,
            self._url(request, incoming.relative),
            headers=headers,
            content=body if incoming.has_body else None,
        )
        sent = {key.lower() for key, _ in headers} | {"host", "content-length", "transfer-encoding"}
        for key in [key for key in outgoing.headers if key.lower() not in sent]:
            del outgoing.headers[key]  # httpx's own defaults (user-agent, accept): the client's request goes as sent
        return outgoing

    async def handle(self, request: Request) -> Response:
        incoming = self._check_request(request)
        op, name, violations = incoming.op, incoming.name, incoming.violations
        tap = RequestTap(incoming.plan, self.config.max_json_bytes, request.headers.get("content-type"))
        record = self.recorder.begin(name if op is not None else request.url.path) if self.recorder else None

        async def body() -> AsyncGenerator[bytes, None]:
            async for chunk in request.stream():
                tap.feed(chunk)
                if chunk:
                    yield chunk

        stream = body()
        try:
            upstream = await self.client.send(self._outgoing(request, incoming, stream), stream=True)
        except ClientDisconnect:
            await stream.aclose()
            if record is not None:
                record.finish([v.to_dict() for v in violations], complete=False)
            return Response(status_code=400)  # nobody is left to read it
        except httpx.HTTPError as exc:
            await stream.aclose()
            self._finish_request(tap, incoming, record, request)
            if record is not None:
                record.finish([v.to_dict() for v in violations], complete=False)
            body_ = error_body(f"The proxy could not reach the upstream: {exc!r}", UPSTREAM_ERROR_TYPE)
            return json_response(body_, 502)
        if incoming.has_body and not tap.finished:
            async for _ in stream:  # the upstream answered early: read the rest only to validate it
                pass
        violations += self._finish_request(tap, incoming, record, request)
        if self.config.fail_on_violation and violations:
            await upstream.aclose()
            return self._refuse(violations, 400, record)
        return await self._respond(upstream, incoming, record)

    async def _respond(self, upstream: httpx.Response, incoming: _Incoming, record: ExchangeRecord | None) -> Response:
        op, name, violations = incoming.op, incoming.name, incoming.violations
        response_headers = upstream.headers.multi_items()
        plan = (
            self.checker.response(op, upstream.status_code, upstream.headers)
            if op is not None
            else ResponsePlan([], media_type(upstream.headers.get("content-type")), None, None)
        )
        self.report.add(plan.violations)
        violations += plan.violations
        if record is not None:
            record.response(upstream.status_code, response_headers)
        if self.config.fail_on_violation and plan.violations:
            await upstream.aclose()
            return self._refuse(violations, 502, record)
        # httpx hands over decoded bytes: the encoding headers no longer describe them; in fail mode a
        # stream may end early with an error event, so its length is no longer known either.
        encoded = "content-encoding" in upstream.headers
        rewritten = self.config.fail_on_violation and plan.stream is not None
        drop = {"content-encoding", "content-length"} if encoded else {"content-length"} if rewritten else set()
        out_headers = _end_to_end(response_headers, drop=frozenset(drop))
        raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in out_headers]
        if self.config.fail_on_violation and plan.stream is None and is_json(plan.media):
            return await self._checked_json(upstream, plan, raw_headers, violations, record, name)
        relay = self._relay(upstream, plan, violations, record, name)
        reply = StreamingResponse(relay, status_code=upstream.status_code)
        reply.raw_headers = raw_headers
        return reply

    def _finish_request(
        self, tap: RequestTap, incoming: _Incoming, record: ExchangeRecord | None, request: Request
    ) -> list[Violation]:
        found = tap.finish(self.checker, incoming.op)
        if tap.json is not None and tap.json.overflowed:
            log.warning("request body of %s over %d bytes: not validated", incoming.name, self.config.max_json_bytes)
        self.report.add(found)
        if record is not None:
            record.request(request.method, request.url.path, request.url.query, request.headers.items(), tap.recorded())
        return found

    def _refuse(self, violations: list[Violation], status: int, record: ExchangeRecord | None) -> Response:
        body = violation_error(violations)
        if record is not None:
            record.data["proxy_answer"] = {"status": status, "body": body}
            record.finish([v.to_dict() for v in violations])
        return json_response(body, status)

    async def _checked_json(
        self,
        upstream: httpx.Response,
        plan: ResponsePlan,
        headers: list[tuple[bytes, bytes]],
        violations: list[Violation],
        record: ExchangeRecord | None,
        name: str,
    ) -> Response:
        """With ``fail_on_violation`` a JSON answer is read whole, so a bad one never reaches the client.

        One larger than ``max_json_bytes`` cannot be held: what was read goes on, then the rest, unchecked.
        """
        limit = self.config.max_json_bytes
        held: list[bytes] = []
        size = 0
        chunks = upstream.aiter_bytes()
        async for chunk in chunks:
            held.append(chunk)
            size += len(chunk)
            if size > limit:
                log.warning("%s: an answer over %d bytes passes unchecked", name, limit)
                rest = self._unchecked(upstream, held, chunks, record)
                reply = StreamingResponse(rest, status_code=upstream.status_code)
                reply.raw_headers = headers
                return reply
        await upstream.aclose()
        tap = BodyCopy(limit)
        tap.feed(b"".join(held))
        found = tap.check(self.checker, name, "response", "response_body", plan.body_pointer)
        self.report.add(found)
        _keep(violations, found)
        if record is not None:
            record.response_body(tap.recorded())
        if found:
            return self._refuse(violations, 502, record)
        if record is not None:
            record.finish([v.to_dict() for v in violations])
        whole = Response(tap.value(), status_code=upstream.status_code)
        kept = [(key, value) for key, value in headers if key != b"content-length"]
        whole.raw_headers = [*kept, (b"content-length", str(size).encode())]
        return whole

    async def _unchecked(
        self, upstream: httpx.Response, held: list[bytes], rest: AsyncIterator[bytes], record: ExchangeRecord | None
    ) -> AsyncIterator[bytes]:
        complete = False
        try:
            for chunk in held:
                yield chunk
            async for chunk in rest:
                yield chunk
            complete = True
        finally:
            with anyio.CancelScope(shield=True):
                await upstream.aclose()
            if record is not None:
                record.response_body({"omitted": True, "bytes": sum(map(len, held))})
                record.finish([], complete=complete)

    async def _relay(
        self,
        upstream: httpx.Response,
        plan: ResponsePlan,
        violations: list[Violation],
        record: ExchangeRecord | None,
        name: str,
    ) -> AsyncIterator[bytes]:
        """The upstream's body chunk by chunk, checked as it passes; in fail mode, events one by one."""
        complete = False
        text = plan.media.startswith("text/") and plan.media != EVENT_STREAM
        small = (is_json(plan.media) or text) and plan.stream is None
        copy = BodyCopy(self.config.max_json_bytes, as_json=is_json(plan.media)) if small else None
        parser = EventParser() if plan.stream is not None else None
        fail = self.config.fail_on_violation
        try:
            async for chunk in upstream.aiter_bytes():
                if parser is not None:
                    if not fail:
                        yield chunk  # on its way before it is checked: checking costs the client nothing
                    for block in parser.feed(chunk):
                        out = self._event(block, plan, violations, record)
                        if fail:
                            yield out
                            if out is not block.raw:
                                return
                    continue
                if copy is not None:
                    copy.feed(chunk)
                elif record is not None:
                    record.binary(chunk)
                yield chunk
            if parser is not None and plan.stream is not None:
                tail = parser.finish()
                if tail is not None:
                    out = self._event(tail, plan, violations, record)
                    if fail:
                        yield out
                        if out is not tail.raw:
                            return
                found = plan.stream.end()
                self.report.add(found)
                _keep(violations, found)
                if fail and found:
                    yield _error_event(found)
            if copy is not None:
                found = copy.check(self.checker, name, "response", "response_body", plan.body_pointer)
                self.report.add(found)
                _keep(violations, found)
                if record is not None:
                    record.response_body(copy.recorded())
            complete = True
        except httpx.HTTPError as exc:  # the upstream broke off: the client sees its stream end there
            log.warning("%s: the upstream's answer broke off: %r", name, exc)
        finally:
            with anyio.CancelScope(shield=True):  # the client may have left: close the upstream all the same
                await upstream.aclose()
            if record is not None:
                record.finish([v.to_dict() for v in violations], complete=complete)

    def _event(
        self, block: EventBlock, plan: ResponsePlan, violations: list[Violation], record: ExchangeRecord | None
    ) -> bytes:
        """The bytes to forward for one block: itself, or an error event in fail mode when it is bad."""
        if block.event is None or plan.stream is None:
            return block.raw
        if record is not None:
            record.event(block.event)
        found = plan.stream.event(block.event)
        self.report.add(found)
        _keep(violations, found)
        return _error_event(found) if found else block.raw


def create_proxy_app(config: ProxyConfig, transport: httpx.AsyncBaseTransport | None = None) -> Starlette:
    """The proxy as an ASGI app; ``app.state.report`` holds what it has seen. ``transport`` reaches the upstream
    (``httpx.ASGITransport(app=create_app())`` runs the mock in process)."""
    proxy = _Proxy(config, transport)

    async def status(request: Request) -> Response:
        return json_response(proxy.report.to_dict())

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await proxy.client.aclose()

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    app = Starlette(
        routes=[
            Route(STATUS_PATH, status, methods=["GET"]),
            Route("/{path:path}", proxy.handle, methods=methods),
        ],
        lifespan=lifespan,
    )
    app.state.report = proxy.report
    app.state.proxy = proxy
    return app
