"""Uploads a client can get wrong: bodies cut short, odd boundaries, and file names."""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from collections.abc import Iterator

import httpx
import pytest
from mock_app_support import conforms, document, error_of, mock_client, png
from starlette.applications import Starlette

from openai_mock.config import MockConfig


@pytest.fixture
def mock() -> Iterator[tuple[httpx.Client, Starlette]]:
    with mock_client(MockConfig(fine_tune_duration=0.4)) as pair:
        yield pair


NOTES = document("hello")


def form(boundary: str, content: bytes, filename: bytes = b"notes.txt", purpose: str = "search") -> bytes:
    """A complete multipart body: a ``purpose`` field, then the ``file`` part, then the closing boundary."""
    mark = b"--" + boundary.encode()
    return b"".join(
        [
            mark + b'\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n' + purpose.encode() + b"\r\n",
            mark + b'\r\nContent-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n',
            b"Content-Type: text/plain\r\n\r\n" + content + b"\r\n",
            mark + b"--\r\n",
        ]
    )


def post_form(client: httpx.Client, boundary: str, body: bytes, path: str = "/files") -> httpx.Response:
    return client.post(path, content=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"})


def test_a_body_cut_before_its_closing_boundary_is_refused(mock: tuple[httpx.Client, Starlette]) -> None:
    client, app = mock
    content = document(size=10_000)
    body = form("cut", content)
    start = body.index(content)
    error = error_of(post_form(client, "cut", body[: start + 4321]), 400)
    assert error["param"] == "file" and "closing boundary" in error["message"]
    error = error_of(post_form(client, "cut", body[: body.rindex(b"--cut--")]), 400)  # only the final mark missing
    assert error["param"] == "file"
    assert conforms(client.get("/files")).json()["data"] == []
    assert list(app.state.services.store._db.tmp_dir.iterdir()) == []  # the partial upload is gone too
    assert conforms(post_form(client, "cut", body)).status_code == 200  # the whole body is accepted


def test_a_cut_image_upload_is_refused() -> None:
    with mock_client() as (client, _):
        body = form("img", png(8)).replace(b'name="purpose"', b'name="n"').replace(b"search", b"1")
        body = body.replace(b'name="file"; filename="notes.txt"', b'name="image"; filename="a.png"')
        assert post_form(client, "img", body, "/images/variations").status_code == 200
        error = error_of(post_form(client, "img", body[: body.rindex(b"--img--")], "/images/variations"), 400)
        assert error["param"] == "image"


@pytest.mark.parametrize("length", [70, 200, 256])
def test_long_boundaries_up_to_256_characters_are_accepted(mock: tuple[httpx.Client, Starlette], length: int) -> None:
    boundary = "b" * length
    assert conforms(post_form(mock[0], boundary, form(boundary, NOTES))).status_code == 200


def test_a_boundary_over_256_characters_is_a_400(mock: tuple[httpx.Client, Starlette]) -> None:
    boundary = "b" * 257
    error = error_of(post_form(mock[0], boundary, form(boundary, NOTES)), 400)
    assert "boundary" in error["message"] and "257" in error["message"]


# RFC 6266: a quoted ASCII ``filename`` (no quote or backslash left to escape), then optionally the
# RFC 5987 ``filename*`` (attr-chars and percent-escapes only).
_DISPOSITION = re.compile(
    r'attachment; filename="([ !#-\[\]-~]*)"'
    r"""(?:; filename\*=UTF-8''((?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})+))?"""
)


def disposition_filename(header: str) -> str:
    """The file name an RFC 6266 client reads from a well-formed header: ``filename*`` first, else ``filename``."""
    match = _DISPOSITION.fullmatch(header)
    assert match is not None, f"malformed Content-Disposition: {header}"
    fallback, extended = match.groups()
    return fallback if extended is None else urllib.parse.unquote(extended, errors="strict")


@pytest.mark.parametrize("name", ["日本語 データ.txt", "résumé.txt", "emoji 🎉.txt", "plain.txt"])
def test_any_unicode_file_name_downloads(mock: tuple[httpx.Client, Starlette], name: str) -> None:
    client = mock[0]
    record = conforms(client.post("/files", files={"file": (name, NOTES)}, data={"purpose": "search"})).json()
    assert record["filename"] == name
    download = client.get(f"/files/{record['id']}/content")
    assert download.status_code == 200 and download.content == NOTES
    header = download.headers["content-disposition"]
    assert header.isascii() and disposition_filename(header) == name


def test_a_quote_in_a_file_name_gives_a_well_formed_header(mock: tuple[httpx.Client, Starlette]) -> None:
    client = mock[0]
    record = conforms(post_form(client, "q", form("q", NOTES, filename=b'say \\"hi\\".txt'))).json()
    assert record["filename"] == 'say "hi".txt'
    header = client.get(f"/files/{record['id']}/content").headers["content-disposition"]
    assert header.count('"') == 2  # only the quotes around the ASCII fallback
    assert disposition_filename(header) == 'say "hi".txt'


@pytest.mark.parametrize("name", [b"a\x00b.txt", b"line\nbreak.txt", b"bell\x07.txt", b"dir/x.txt", b"..\\x.txt"])
def test_unsafe_file_names_are_refused_at_upload(mock: tuple[httpx.Client, Starlette], name: bytes) -> None:
    client = mock[0]
    error = error_of(post_form(client, "u", form("u", NOTES, filename=name)), 400)
    assert error["param"] == "file" and "file name" in error["message"]
    assert conforms(client.get("/files")).json()["data"] == []


def pieces(body: bytes, size: int = 100_000) -> Iterator[bytes]:
    """The body as a client streams it: many chunks, so the file is written in many batches."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


def writing_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "upload-writes"]


# Pieces of odd sizes, and pieces larger than a batch: the batches' edges fall inside pieces.
@pytest.mark.parametrize("piece", [65536, 99_991, 1_300_000])
def test_a_file_written_in_many_batches_comes_back_whole(mock: tuple[httpx.Client, Starlette], piece: int) -> None:
    client, _ = mock
    # 5 MB of documents: several batches, written while the rest arrives. Lines end in CRLF and hold
    # the boundary's text, so batch edges fall on what the multipart parser must not take for a boundary.
    content = b"".join(
        json.dumps({"text": f"{i:06d} --many \r\n" + "x" * (i % 97)}).encode() + b"\r\n" for i in range(60_000)
    )
    response = client.post(
        "/files",
        content=pieces(form("many", content), piece),
        headers={"content-type": "multipart/form-data; boundary=many"},
    )
    file_id = conforms(response).json()["id"]
    assert client.get(f"/files/{file_id}/content").content == content
    assert writing_threads() == []


def test_the_quota_passed_early_in_a_body_cut_later_is_a_413() -> None:
    # The write that passes the quota comes before the cut in the stream, so it is what the client hears.
    with mock_client(MockConfig(quota_bytes=2 << 20)) as (client, app):
        body = form("q", b"x" * (6 << 20))
        cut = body[: len(body) - 1000]
        response = client.post(
            "/files", content=pieces(cut), headers={"content-type": "multipart/form-data; boundary=q"}
        )
        error = error_of(response, 413)
        assert error["param"] == "file" and str(2 << 20) in error["message"]
        assert list(app.state.services.store._db.tmp_dir.iterdir()) == []
        assert writing_threads() == []
