"""Images (URLs to real PNGs, base64, edit and variation checks) and audio formats over HTTP."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
from mock_app_support import conforms, error_of, mock_client, png, wav

from openai_mock.media.images import inspect_png
from openai_mock.media.pngcodec import decode_png, encode_png


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with mock_client() as (c, _):
        yield c


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = conforms(response).json()
    return body


def test_generation_urls_serve_pngs_of_the_size(client: httpx.Client) -> None:
    body = ok(client.post("/images/generations", json={"prompt": "A cute baby sea otter", "n": 2, "size": "256x256"}))
    urls = [d["url"] for d in body["data"]]
    assert len(set(urls)) == 2 and all(u.startswith("http://mock/v1/images/content/") for u in urls)
    for url in urls:
        image = client.get(url, headers={"Authorization": ""})  # like a pre-signed URL: no key needed
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        info = inspect_png(image.content)
        assert (info.width, info.height) == (256, 256)
    assert client.get(urls[0]).content == client.get(urls[0]).content
    assert client.get("/images/content/img-nothing.png").status_code == 404


def test_generation_b64_matches_the_url(client: httpx.Client) -> None:
    request = {"prompt": "A red fox", "size": "512x512"}
    b64 = ok(client.post("/images/generations", json={**request, "response_format": "b64_json"}))["data"][0]
    url = ok(client.post("/images/generations", json=request))["data"][0]["url"]
    data = base64.b64decode(b64["b64_json"])
    assert inspect_png(data).width == 512
    assert client.get(url).content == data


def test_edit_with_mask_and_variation(client: httpx.Client) -> None:
    files = {"image": ("otter.png", png(16), "image/png"), "mask": ("mask.png", png(16, alpha=True), "image/png")}
    body = ok(
        client.post(
            "/images/edits",
            files=files,
            data={"prompt": "A beret", "n": "2", "size": "256x256", "response_format": "b64_json"},
        )
    )
    assert len(body["data"]) == 2
    assert inspect_png(base64.b64decode(body["data"][0]["b64_json"])).width == 256
    body = ok(client.post("/images/variations", files={"image": ("otter.png", png(32), "image/png")}, data={"n": "3"}))
    assert len(body["data"]) == 3 and "url" in body["data"][0]


def test_form_fields_spelled_null_take_their_defaults(client: httpx.Client) -> None:
    # A form cannot carry null; clients send its JSON spelling for a nullable field.
    nulls = {"n": "null", "size": "null", "response_format": "null"}
    body = ok(client.post("/images/variations", files={"image": ("otter.png", png(32), "image/png")}, data=nulls))
    assert len(body["data"]) == 1 and "url" in body["data"][0]
    assert inspect_png(client.get(body["data"][0]["url"]).content).width == 1024
    error = error_of(
        client.post("/images/variations", files={"image": ("o.png", png(32), "image/png")}, data={"n": "x"}), 400
    )
    assert error["param"] == "n"


def test_edit_redraws_only_the_transparent_part_and_urls_serve_the_result(client: httpx.Client) -> None:
    side = 256
    y, x = np.mgrid[0:side, 0:side]
    original = np.stack([x, y, (x + y) % 256], axis=-1).astype(np.uint8)
    alpha = np.where((x < 128)[..., None], 255, 0).astype(np.uint8)  # the right half is to be redrawn
    files = {
        "image": ("otter.png", encode_png(original), "image/png"),
        "mask": ("mask.png", encode_png(np.concatenate([original, alpha], axis=-1)), "image/png"),
    }
    form = {"prompt": "A beret", "n": "2", "size": "256x256"}
    b64 = ok(client.post("/images/edits", files=files, data={**form, "response_format": "b64_json"}))["data"]
    for item in b64:
        edited = decode_png(base64.b64decode(item["b64_json"]))
        assert (edited[:, :128] == original[:, :128]).all()
        assert (edited[:, 128:] != original[:, 128:]).any(axis=-1).mean() > 0.9
    urls = [d["url"] for d in ok(client.post("/images/edits", files=files, data=form))["data"]]
    assert [base64.b64decode(item["b64_json"]) for item in b64] == [client.get(url).content for url in urls]
    variation = ok(client.post("/images/variations", files={"image": files["image"]}, data={"size": "512x512"}))
    varied = decode_png(client.get(variation["data"][0]["url"]).content)
    assert varied.shape == (512, 512, 3)
    assert np.abs(varied[::2, ::2].astype(int) - original.astype(int)).mean() < 30  # the same picture, retinted
    assert client.get("/images/content/edit-0123456789abcdef-0-256.png").status_code == 404


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _small_png(side: int, color: int, pixel: bytes, extra: bytes = b"") -> bytes:
    """A ``side`` x ``side`` 8-bit PNG of colour type ``color`` filled with ``pixel`` (one sample set)."""
    rows = b"".join(b"\x00" + pixel * side for _ in range(side))
    ihdr = struct.pack(">IIBBBBB", side, side, 8, color, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + extra
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


GREY = _small_png(16, 0, b"\x80")
GREY_ALPHA = _small_png(16, 4, b"\x80\x00")  # fully transparent: the whole image is to be edited
PALETTE = _small_png(16, 3, b"\x01", _chunk(b"PLTE", b"\xff\x00\x00\x00\x00\xff") + _chunk(b"tRNS", b"\xff\x00"))


@pytest.mark.parametrize("image", [GREY, GREY_ALPHA, PALETTE], ids=["grey", "grey+alpha", "palette"])
def test_variations_take_any_square_png(client: httpx.Client, image: bytes) -> None:
    files = {"image": ("a.png", image, "image/png")}
    body = conforms(client.post("/images/variations", files=files, data={"response_format": "b64_json"}))
    assert body.status_code == 200, body.text
    varied = decode_png(base64.b64decode(body.json()["data"][0]["b64_json"]))
    assert varied.shape == (1024, 1024, 3)


@pytest.mark.parametrize(
    ("image", "mask"), [(GREY_ALPHA, None), (PALETTE, None), (GREY, GREY_ALPHA), (png(16), PALETTE)]
)
def test_edits_take_grey_and_palette_images_and_masks(client: httpx.Client, image: bytes, mask: bytes | None) -> None:
    files = {"image": ("a.png", image, "image/png")}
    if mask is not None:
        files["mask"] = ("m.png", mask, "image/png")
    data = {"prompt": "a red boat", "size": "256x256", "response_format": "b64_json"}
    answer = conforms(client.post("/images/edits", files=files, data=data))
    assert answer.status_code == 200, answer.text
    assert decode_png(base64.b64decode(answer.json()["data"][0]["b64_json"])).shape == (256, 256, 3)


def test_an_edit_without_a_mask_needs_transparency_in_any_colour_type(client: httpx.Client) -> None:
    error = error_of(
        client.post("/images/edits", files={"image": ("a.png", GREY, "image/png")}, data={"prompt": "x"}), 400
    )
    assert error["param"] == "image" and "transparency" in error["message"]


@pytest.mark.parametrize(
    ("files", "param"),
    [
        ({"image": ("a.png", png(16, 8), "image/png")}, "image"),
        ({"image": ("a.png", b"GIF89a....", "image/png")}, "image"),
        ({"image": ("a.png", png(16), "image/png")}, "image"),  # no mask and no transparency
        ({"image": ("a.png", png(16), "image/png"), "mask": ("m.png", png(8, alpha=True), "image/png")}, "mask"),
        ({"image": ("a.png", png(16), "image/png"), "mask": ("m.png", png(16), "image/png")}, "mask"),
    ],
)
def test_edit_checks_name_image_or_mask(client: httpx.Client, files: dict[str, Any], param: str) -> None:
    error = error_of(client.post("/images/edits", files=files, data={"prompt": "x"}), 400)
    assert error["param"] == param, error


def test_upload_checks(client: httpx.Client) -> None:
    big = png(16) + b"\x00" * (4 * 1024 * 1024)
    error = error_of(client.post("/images/variations", files={"image": ("a.png", big, "image/png")}), 400)
    assert error["param"] == "image" and "4 MB" in error["message"]
    error = error_of(client.post("/images/variations", data={"n": "2"}, files={"x": ("a", b"1")}), 400)
    assert error["param"] is not None
    error = error_of(
        client.post("/images/variations", files={"image": ("a.png", png(16), "image/png")}, data={"n": "11"}), 400
    )
    assert (error["message"], error["param"]) == ("11 is greater than the maximum of 10 - 'n'", "n")
    error = error_of(
        client.post("/images/variations", files={"image": ("a.png", png(16), "image/png")}, data={"n": "two"}), 400
    )
    assert error["message"] == "'two' is not of type 'integer' - 'n'"
    error = error_of(client.post("/images/variations", json={"n": 1}), 400)
    assert "multipart/form-data" in error["message"]


@pytest.mark.parametrize(
    ("fmt", "media", "start"),
    [
        ("json", "application/json", '{"text": '),
        ("verbose_json", "application/json", '{"task": "transcribe"'),
        ("text", "text/plain", ""),
        ("srt", "text/plain", "1\n00:00:00,000 --> "),
        ("vtt", "text/plain", "WEBVTT\n\n00:00:00.000 --> "),
    ],
)
def test_transcription_formats(client: httpx.Client, fmt: str, media: str, start: str) -> None:
    response = client.post(
        "/audio/transcriptions",
        files={"file": ("speech.wav", wav(), "audio/wav")},
        data={"model": "whisper-1", "response_format": fmt, "language": "en"},
    )
    assert response.status_code == 200, response.text
    conforms(response)
    assert response.headers["content-type"].split(";")[0] == media
    assert response.text.startswith(start)


def test_translation_and_audio_errors(client: httpx.Client) -> None:
    body = ok(
        client.post(
            "/audio/translations",
            files={"file": ("speech.mp3", b"ID3" + b"\x00" * 5000)},
            data={"model": "whisper-1", "response_format": "verbose_json"},
        )
    )
    assert body["task"] == "translate" and body["language"] == "english"
    error = error_of(
        client.post("/audio/transcriptions", files={"file": ("notes.txt", b"hello")}, data={"model": "whisper-1"}), 400
    )
    assert error["param"] == "file"
    error = error_of(
        client.post("/audio/transcriptions", files={"file": ("a.wav", wav())}, data={"model": "whisper-9"}), 404
    )
    assert error["param"] == "model"
    error = error_of(
        client.post(
            "/audio/transcriptions",
            files={"file": ("a.wav", wav())},
            data={"model": "whisper-1", "language": "english"},
        ),
        400,
    )
    assert error["param"] == "language"


@pytest.mark.parametrize(("code", "name"), [("sw", "swahili"), ("no", "norwegian"), ("jw", "javanese")])
def test_every_language_whisper_knows_is_transcribed(client: httpx.Client, code: str, name: str) -> None:
    fields = {"model": "whisper-1", "language": code, "response_format": "verbose_json"}
    body = ok(client.post("/audio/transcriptions", files={"file": ("a.wav", wav())}, data=fields))
    assert body["language"] == name
    error = error_of(
        client.post(
            "/audio/translations", files={"file": ("a.wav", wav())}, data={"model": "whisper-1", "language": "de"}
        ),
        400,
    )
    assert (error["message"], error["param"]) == ("Unrecognized request argument supplied: language", "language")
    error = error_of(client.post("/audio/translations", files={"model": (None, "whisper-1")}), 400)
    assert (error["message"], error["param"]) == ("'file' is a required property", "file")
