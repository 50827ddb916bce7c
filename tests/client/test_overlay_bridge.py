"""Pins the generator's private names the overlays rely on, and the overlay modules' public surface."""

from __future__ import annotations

import importlib
import inspect
import io
from pathlib import Path

import httpx
import pytest
from overlay_support import parse_multipart

from openai_client import _generated_bridge as bridge
from openai_client._client_fields import base_url_of
from openai_client.api.files import create_file
from openai_client.config import client_from_env
from openai_client.models import (
    CreateChatCompletionRequest,
    CreateCompletionRequest,
    CreateFileRequest,
    CreateImageEditRequest,
    CreateImageVariationRequest,
    CreateTranscriptionRequest,
    CreateTranslationRequest,
)
from openai_client.types import File

OVERLAYS = Path(__file__).resolve().parents[2] / "overlays" / "openai_client"
PRIVATE_GENERATOR_NAMES = ("_get_kwargs", "_base_url", "_httpx_args", "_verify_ssl", "_follow_redirects")
BRIDGES = {"_generated_bridge.py", "_client_fields.py"}


def _file() -> File:
    return File(payload=io.BytesIO(b"data"), file_name="a.bin", mime_type="application/octet-stream")


def test_json_and_query_builders() -> None:
    chat = bridge.chat_completion_request(
        CreateChatCompletionRequest.from_dict(
            {"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": True}
        )
    )
    assert (chat["method"].upper(), chat["url"], chat["json"]["stream"]) == ("POST", "/chat/completions", True)
    assert chat["headers"]["Accept"] == "text/event-stream"
    completion = bridge.completion_request(CreateCompletionRequest.from_dict({"model": "m", "stream": True}))
    assert (completion["url"], completion["json"]["stream"]) == ("/completions", True)
    events = bridge.fine_tune_events_request("ft/1")
    assert (events["method"].upper(), events["url"], events["params"]) == (
        "GET",
        "/fine-tunes/ft%2F1/events",
        {"stream": True},
    )
    download = bridge.download_file_request("file-1")
    assert (download["method"].upper(), download["url"]) == ("GET", "/files/file-1/content")


@pytest.mark.parametrize(
    ("build", "body", "url"),
    [
        (bridge.file_upload_request, lambda: CreateFileRequest(file=_file(), purpose="fine-tune"), "/files"),
        (bridge.image_edit_request, lambda: CreateImageEditRequest(image=_file(), prompt="p"), "/images/edits"),
        (bridge.image_variation_request, lambda: CreateImageVariationRequest(image=_file()), "/images/variations"),
        (
            bridge.transcription_request,
            lambda: CreateTranscriptionRequest(file=_file(), model="w"),
            "/audio/transcriptions",
        ),
        (bridge.translation_request, lambda: CreateTranslationRequest(file=_file(), model="w"), "/audio/translations"),
    ],
)
def test_multipart_builders_drop_the_fixed_boundary(build: object, body: object, url: str) -> None:
    kwargs = build(body())  # type: ignore[operator]
    assert kwargs["url"] == url and kwargs["files"]
    assert not any(key.lower() == "content-type" for key in kwargs["headers"])


def test_generated_multipart_still_pins_boundary_plus_plus_plus() -> None:
    # If this fails the generator fixed its boundary and _without_fixed_boundary can go.
    body = b'x\r\n--+++\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nevil\r\n--+++--\r\n'
    kwargs = create_file._get_kwargs(
        body=CreateFileRequest(file=File(payload=io.BytesIO(body), file_name="a"), purpose="ok")
    )
    assert kwargs["headers"]["Content-Type"] == "multipart/form-data; boundary=+++"
    with httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200))) as http:
        request = http.build_request(**kwargs)
    form = parse_multipart(request, request.read())
    assert form["file"].data != body  # the injected line cut the file short: the gap the overlays close


def test_base_url_of_reads_the_generated_field() -> None:
    assert base_url_of(client_from_env("sk-x", base_url="http://h/v1", env={})) == "http://h/v1"


def test_private_generator_names_appear_only_in_the_bridge() -> None:
    for path in OVERLAYS.glob("*.py"):
        if path.name in BRIDGES:
            continue
        text = path.read_text()
        for name in PRIVATE_GENERATOR_NAMES:
            assert name not in text, f"{path.name} uses the generator's private {name}"


@pytest.mark.parametrize("module_name", sorted(p.stem for p in OVERLAYS.glob("*.py") if not p.stem.startswith("_")))
def test_public_modules_export_exactly_their_public_names(module_name: str) -> None:
    module = importlib.import_module(f"openai_client.{module_name}")
    exported = set(module.__all__)
    defined = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and getattr(value, "__module__", "") == module.__name__
    }
    assert defined <= exported, f"{module_name} defines but does not export {defined - exported}"
    assert all(hasattr(module, name) for name in exported)
