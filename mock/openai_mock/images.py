"""Real PNG files for /images, and the checks the edit and variation endpoints apply.

Pictures are diagonal stripes in colours taken from a hash of the prompt and seed. Uploads
must be square PNGs under 4 MB; an edit without a mask needs an image with transparency (the
real API's rule: transparent pixels mark the area to edit), and a mask must be a PNG with an
alpha channel and the image's dimensions.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass

from .errors import InvalidRequestError

__all__ = [
    "MAX_IMAGE_BYTES",
    "SIZES",
    "PngInfo",
    "check_image_request",
    "image_seed",
    "inspect_png",
    "parse_size",
    "render_png",
    "validate_edit",
    "validate_image",
]

SIZES = ("256x256", "512x512", "1024x1024")
MAX_IMAGE_BYTES = 4 * 1024 * 1024
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def parse_size(size: str | int) -> int:
    text = f"{size}x{size}" if isinstance(size, int) else size
    if text not in SIZES:
        raise InvalidRequestError(f"'{text}' is not one of {list(SIZES)} - 'size'", param="size")
    return int(text.split("x")[0])


def check_image_request(prompt: str | None, n: int, size: str | int) -> int:
    """Checks shared by the three image endpoints; returns the side length in pixels."""
    if prompt is not None and len(prompt) > 1000:
        raise InvalidRequestError(f"'{prompt[:20]}...' is too long - 'prompt'", param="prompt")
    if not 1 <= n <= 10:
        raise InvalidRequestError(f"{n} is not between 1 and 10 - 'n'", param="n")
    return parse_size(size)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def image_seed(data: bytes) -> int:
    """A seed derived from an uploaded image, so edits/variations of one image are stable."""
    return int.from_bytes(hashlib.sha256(data).digest()[:4], "big")


def render_png(prompt: str, size: str | int, seed: int = 0) -> bytes:
    """A valid RGB PNG of ``size`` x ``size``, the same bytes for the same arguments."""
    side = parse_size(size)
    h = hashlib.sha256(f"{seed}:{prompt}".encode()).digest()
    period = 16 + h[0] % 48
    bands = []
    for b in range(4):
        c1, c2 = h[1 + 6 * b: 4 + 6 * b], h[4 + 6 * b: 7 + 6 * b]
        # Two periods' worth of spare pixels lets every row be one slice of the band's pattern.
        pixels = [c1 if (x // (period // 2)) % 2 else c2 for x in range(side + period)]
        bands.append(b"".join(pixels))
    band_height = max(1, side // 4)
    rows = [b"\x00" + bands[min(y // band_height, 3)][3 * (y % period): 3 * (y % period + side)] for y in range(side)]
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"".join(rows), 1)
    return _SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


@dataclass(frozen=True)
class PngInfo:
    width: int
    height: int
    bit_depth: int
    color_type: int
    has_alpha: bool


def inspect_png(data: bytes, param: str = "image") -> PngInfo:
    """Parse and verify a PNG (signature, chunk CRCs, IHDR, image data size) or raise naming ``param``."""

    def bad(why: str) -> InvalidRequestError:
        return InvalidRequestError(f"Invalid {param}: {why}. Uploaded image must be a valid PNG.", param=param)

    if not data.startswith(_SIGNATURE):
        raise bad("not a PNG file")
    pos, chunks, idat = len(_SIGNATURE), [], []
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos: pos + 4])
        kind, body = data[pos + 4: pos + 8], data[pos + 8: pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            raise bad("truncated chunk")
        (crc,) = struct.unpack(">I", data[pos + 8 + length: pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise bad(f"bad CRC in {kind.decode('latin-1')} chunk")
        chunks.append(kind)
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
        if kind == b"IEND":
            break
    if not chunks or chunks[0] != b"IHDR" or len(ihdr) != 13 or chunks[-1] != b"IEND" or not idat:
        raise bad("missing IHDR, IDAT or IEND chunk")
    width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if ctype not in _CHANNELS or width == 0 or height == 0:
        raise bad("unsupported IHDR")
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as exc:
        raise bad("corrupt image data") from exc
    if not interlace and len(raw) != height * (1 + (width * _CHANNELS[ctype] * depth + 7) // 8):
        raise bad("image data does not match its dimensions")
    return PngInfo(width, height, depth, ctype, ctype in (4, 6) or b"tRNS" in chunks)


def validate_image(data: bytes, param: str = "image") -> PngInfo:
    if len(data) >= MAX_IMAGE_BYTES:
        raise InvalidRequestError("Uploaded image must be a PNG and less than 4 MB.", param=param)
    info = inspect_png(data, param)
    if info.width != info.height:
        raise InvalidRequestError(f"Uploaded {param} must be square, got {info.width}x{info.height}.", param=param)
    return info


def validate_edit(image: bytes, mask: bytes | None) -> PngInfo:
    """Checks for /images/edits; returns the image's info."""
    info = validate_image(image)
    if mask is None:
        if not info.has_alpha:
            raise InvalidRequestError(
                "The image must have transparency (an alpha channel) when no mask is given: "
                "transparent areas mark where to edit.", param="image")
        return info
    mask_info = validate_image(mask, "mask")
    if not mask_info.has_alpha:
        raise InvalidRequestError("Invalid mask: the mask must have an alpha channel.", param="mask")
    if (mask_info.width, mask_info.height) != (info.width, info.height):
        raise InvalidRequestError("Image and mask must have the same dimensions.", param="mask")
    return info
