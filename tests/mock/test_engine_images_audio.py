"""PNG rendering and validation; audio file checks, transcripts and response formats."""

from __future__ import annotations

import io
import json
import struct
import wave
import zlib

import pytest

from openai_mock.errors import InvalidRequestError, PayloadTooLargeError
from openai_mock.media.audio import FORMATS, check_audio_file, format_transcript, transcribe
from openai_mock.media.images import check_image_request, image_seed, inspect_png, render_png, validate_edit


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc
        out.append((kind, body))
        pos += 12 + length
    return out


def _png(width: int, height: int, color_type: int, channels: int) -> bytes:
    """An independent minimal PNG writer for test inputs."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes([128] * width * channels) for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", ["256x256", "512x512", "1024x1024"])
def test_rendered_png_is_valid(size: str) -> None:
    data = render_png("A cute baby sea otter", size)
    chunks = _chunks(data)
    assert [k for k, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, ctype, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    side = int(size.split("x")[0])
    assert (width, height, depth, ctype) == (side, side, 8, 2)
    raw = zlib.decompress(chunks[1][1])
    assert len(raw) == side * (1 + 3 * side)
    assert all(raw[y * (1 + 3 * side)] == 0 for y in range(side))  # filter byte of every row
    assert inspect_png(data).width == side


def test_render_is_deterministic_and_prompt_dependent() -> None:
    big = render_png("otter", 1024, seed=1)
    assert big == render_png("otter", "1024x1024", seed=1)
    assert big != render_png("otter", 1024, seed=2) != render_png("beaver", 1024, seed=1)
    with pytest.raises(InvalidRequestError) as err:
        render_png("x", "300x300")
    assert err.value.param == "size"


def test_inspect_rejects_non_png_and_corruption() -> None:
    good = render_png("x", 256)
    with pytest.raises(InvalidRequestError):
        inspect_png(b"GIF89a....")
    flipped = bytearray(good)
    flipped[40] ^= 0xFF
    with pytest.raises(InvalidRequestError, match="CRC"):
        inspect_png(bytes(flipped))
    with pytest.raises(InvalidRequestError):
        inspect_png(good[:-20])
    assert inspect_png(_png(8, 8, 6, 4)).has_alpha
    assert not inspect_png(_png(8, 8, 2, 3)).has_alpha


def test_edit_and_variation_rules() -> None:
    rgba, rgb = _png(16, 16, 6, 4), _png(16, 16, 2, 3)
    assert validate_edit(rgba, None).width == 16
    with pytest.raises(InvalidRequestError, match="transparency") as no_alpha:
        validate_edit(rgb, None)
    assert no_alpha.value.param == "image"
    assert validate_edit(rgb, rgba).width == 16
    with pytest.raises(InvalidRequestError) as mask_alpha:
        validate_edit(rgb, rgb)
    assert mask_alpha.value.param == "mask"
    with pytest.raises(InvalidRequestError, match="same dimensions"):
        validate_edit(rgb, _png(8, 8, 6, 4))
    with pytest.raises(InvalidRequestError, match="square"):
        validate_edit(_png(16, 8, 6, 4), None)
    with pytest.raises(InvalidRequestError, match="less than 4 MB"):
        validate_edit(rgba + b"\0" * (4 * 1024 * 1024), None)
    assert image_seed(rgba) == image_seed(rgba) != image_seed(rgb)
    assert check_image_request("otter", 2, "512x512") == 512
    with pytest.raises(InvalidRequestError) as too_many:
        check_image_request("otter", 11, "512x512")
    assert too_many.value.param == "n"


def _wav(seconds: float, rate: int = 8000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x01\x00" * int(rate * seconds))
    return buf.getvalue()


def test_audio_file_checks() -> None:
    wav = _wav(1)
    assert check_audio_file("speech.WAV", wav) == "wav"
    assert check_audio_file("speech.mp3", b"ID3\x03" + b"\0" * 100) == "mp3"
    assert check_audio_file("clip.m4a", b"\0\0\0\x20ftypM4A " + b"\0" * 50) == "m4a"
    for name, data in [("speech.ogg", wav), ("speech", wav), ("speech.mp3", wav), ("speech.wav", b"")]:
        with pytest.raises(InvalidRequestError, match="Invalid file format") as err:
            check_audio_file(name, data)
        assert err.value.param == "file"
    with pytest.raises(PayloadTooLargeError):
        check_audio_file("big.mp3", b"ID3" + b"\0" * (25 * 1024 * 1024))


def test_transcript_is_deterministic_with_wav_duration() -> None:
    wav = _wav(9.5)
    t = transcribe("a.wav", wav)
    assert t == transcribe("a.wav", wav)
    assert t.duration == 9.5 and t.language == "english" and t.task == "transcribe"
    assert t.segments[-1].end == pytest.approx(9.5) and t.segments[0].start == 0
    assert " ".join(s.text.strip() for s in t.segments) == t.text
    assert transcribe("a.wav", wav, translate=True).task == "translate"
    assert transcribe("a.wav", wav, language="de").language == "german"
    assert transcribe("a.wav", wav, language="de", translate=True).language == "english"
    with pytest.raises(InvalidRequestError) as err:
        transcribe("a.wav", wav, language="xx")
    assert err.value.param == "language"


def test_response_formats() -> None:
    t = transcribe("a.wav", _wav(9))
    out = {f: format_transcript(t, f) for f in FORMATS}
    assert json.loads(out["json"].body) == {"text": t.text}
    assert out["json"].content_type == out["verbose_json"].content_type == "application/json"
    verbose = json.loads(out["verbose_json"].body)
    assert set(verbose) == {"task", "language", "duration", "text", "segments"}
    assert set(verbose["segments"][0]) >= {
        "id",
        "seek",
        "start",
        "end",
        "text",
        "tokens",
        "temperature",
        "avg_logprob",
        "compression_ratio",
        "no_speech_prob",
    }
    for f in ("text", "srt", "vtt"):
        assert out[f].content_type == "text/plain; charset=utf-8"
    assert out["text"].body == t.text + "\n"
    assert out["srt"].body.startswith("1\n00:00:00,000 --> 00:00:0")
    assert out["vtt"].body.startswith("WEBVTT\n\n00:00:00.000 --> ")
    with pytest.raises(InvalidRequestError) as err:
        format_transcript(t, "xml")
    assert err.value.param == "response_format"
