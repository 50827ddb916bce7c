"""The scripting API over HTTP, under ``/__mock__/``, for clients in other processes or languages.

Served only when the mock was started with an admin key, and only to requests bearing it
(``Authorization: Bearer <admin key>``). ``{name}`` is an operationId or a facade name.

    GET    /__mock__/routes                      names, call counts and unused steps of every route
    PUT    /__mock__/routes/{name}/response      {"response": {...} | [...] | null, "times": N?, "validate": true}
    POST   /__mock__/routes/{name}/reply         {"text": "...", "times": N?, "finish_reason": "stop"}
    POST   /__mock__/routes/{name}/fail          {"status": 429, "times": 1, "message", "type", "code", "retry_after"}
    POST   /__mock__/routes/{name}/stream-fault  {"kind": "cut" | "error", "after": 2, "times": 1, "reply"?, "message"?}
    GET    /__mock__/routes/{name}/calls         the calls of one route
    GET    /__mock__/calls                       every recorded call
    GET    /__mock__/pending                     unused steps and scripts that could not be served
    POST   /__mock__/reset                       forget every script, call and problem
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ..http.responses import error_body, json_response, not_found_url
from .handles import RouteHandle
from .registry import Scripting

__all__ = ["ADMIN_PREFIX", "AdminAPI"]

ADMIN_PREFIX = "/__mock__/"


class _BadRequest(Exception):
    pass


def _field(body: dict[str, Any], name: str, kinds: type | tuple[type, ...], default: Any = None) -> Any:
    value = body.get(name, default)
    if value is not None and not isinstance(value, kinds):
        raise _BadRequest(f"'{name}' has the wrong type: {value!r}")
    return value


class AdminAPI:
    def __init__(self, scripting: Scripting, admin_key: str) -> None:
        self.scripting = scripting
        self._key = admin_key.encode()

    def _handle(self, name: str) -> RouteHandle:
        try:
            return RouteHandle(self.scripting.route(name))
        except KeyError as exc:
            raise LookupError(str(exc.args[0])) from None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(key.strip().encode(), self._key):
            message = "The admin API needs the mock's admin key."
            body = error_body(message, "invalid_request_error", None, "invalid_api_key")
            await json_response(body, 401)(scope, receive, send)
            return
        try:
            response = await self._dispatch(request)
        except _BadRequest as exc:
            response = json_response(error_body(str(exc), "invalid_request_error"), 400)
        except LookupError as exc:
            response = json_response(error_body(str(exc), "invalid_request_error"), 404)
        except ValueError as exc:
            response = json_response(error_body(str(exc), "invalid_request_error"), 400)
        await response(scope, receive, send)

    async def _dispatch(self, request: Request) -> Response:
        parts = request.url.path.removeprefix(ADMIN_PREFIX).strip("/").split("/")
        method = request.method
        if parts == ["routes"] and method == "GET":
            return json_response({"routes": [self._summary(h) for h in self._all()]})
        if parts == ["calls"] and method == "GET":
            return json_response({"calls": [c.to_json() for c in self.scripting.recorded()]})
        if parts == ["pending"] and method == "GET":
            return json_response({"pending": self.scripting.pending(), "problems": self.scripting.found_problems()})
        if parts == ["reset"] and method == "POST":
            self.scripting.reset()
            return json_response({"reset": True})
        if len(parts) == 3 and parts[0] == "routes":
            handle = self._handle(parts[1])
            action = _ACTIONS.get((method, parts[2]))
            if action is not None:
                return await action(handle, request)
        return not_found_url(method, request.url.path)

    def _all(self) -> list[RouteHandle]:
        return [RouteHandle(route) for route in self.scripting.routes.values()]

    @staticmethod
    def _summary(handle: RouteHandle) -> dict[str, Any]:
        return {
            "operation_id": handle.operation_id,
            "name": handle.name,
            "call_count": handle.call_count,
            "pending": handle.pending,
        }


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = orjson.loads(await request.body() or b"{}")
    except orjson.JSONDecodeError:
        raise _BadRequest("the body is not JSON") from None
    if not isinstance(body, dict):
        raise _BadRequest("the body must be a JSON object")
    return body


async def _set_response(handle: RouteHandle, request: Request) -> Response:
    body = await _json(request)
    if "response" not in body:
        raise _BadRequest("'response' is a required property")
    times = _field(body, "times", int)
    handle.respond(body["response"], times=times, validate=bool(_field(body, "validate", bool, True)))
    return json_response(AdminAPI._summary(handle))


async def _reply(handle: RouteHandle, request: Request) -> Response:
    body = await _json(request)
    text = _field(body, "text", str)
    if text is None:
        raise _BadRequest("'text' is a required property")
    handle.reply(
        text,
        times=_field(body, "times", int),
        finish_reason=_field(body, "finish_reason", str, "stop"),
        validate=bool(_field(body, "validate", bool, True)),
    )
    return json_response(AdminAPI._summary(handle))


async def _fail(handle: RouteHandle, request: Request) -> Response:
    body = await _json(request)
    status = _field(body, "status", int)
    if status is None:
        raise _BadRequest("'status' is a required property")
    retry_after = _field(body, "retry_after", (int, float))
    handle.fail(
        status,
        times=_field(body, "times", int, 1),
        message=_field(body, "message", str),
        type=_field(body, "type", str),
        code=_field(body, "code", str),
        retry_after=float(retry_after) if retry_after is not None else None,
    )
    return json_response(AdminAPI._summary(handle))


async def _stream_fault(handle: RouteHandle, request: Request) -> Response:
    body = await _json(request)
    kind, after = _field(body, "kind", str), _field(body, "after", int)
    if kind not in ("cut", "error") or after is None:
        raise _BadRequest("'kind' must be 'cut' or 'error' and 'after' a number of events")
    times = _field(body, "times", int, 1)
    reply = _field(body, "reply", str)
    if kind == "cut":
        handle.cut_stream(after, times=times, reply=reply)
    else:
        handle.error_stream(after, times=times, reply=reply, message=_field(body, "message", str))
    return json_response(AdminAPI._summary(handle))


async def _calls(handle: RouteHandle, request: Request) -> Response:
    return json_response({"calls": [c.to_json() for c in handle.calls]})


_ACTIONS: dict[tuple[str, str], Callable[[RouteHandle, Request], Awaitable[Response]]] = {
    ("PUT", "response"): _set_response,
    ("POST", "reply"): _reply,
    ("POST", "fail"): _fail,
    ("POST", "stream-fault"): _stream_fault,
    ("GET", "calls"): _calls,
}
