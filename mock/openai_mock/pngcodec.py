"""PNG reading and writing with zlib and numpy: chunk checks, filter reconstruction, encoding.

Pixels are decoded for 8-bit RGB and RGBA images without interlacing (what image editors save
for the API); other PNGs are still checked, but decoding them is a 400 naming the upload.
Rows filtered with Average or Paeth depend on the pixel to their left, so those images are
reconstructed one anti-diagonal at a time: every pixel of a diagonal only needs pixels of the
two diagonals before it, so each step is a few vector operations instead of a loop per byte.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .errors import InvalidRequestError

__all__ = ["CHANNELS", "SIGNATURE", "Pixels", "RawPng", "decode_png", "encode_png", "inflate", "read_png"]

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
Pixels = npt.NDArray[np.uint8]
_Plane = npt.NDArray[np.int16]


def _bad(param: str, why: str) -> InvalidRequestError:
    return InvalidRequestError(f"Invalid {param}: {why}. Uploaded image must be a valid PNG.", param=param)


@dataclass(frozen=True)
class RawPng:
    width: int
    height: int
    bit_depth: int
    color_type: int
    interlaced: bool
    chunks: tuple[bytes, ...]
    idat: bytes

    @property
    def row_bytes(self) -> int:
        return (self.width * CHANNELS[self.color_type] * self.bit_depth + 7) // 8


def read_png(data: bytes, param: str = "image") -> RawPng:
    """Walk the chunks (signature, CRCs, IHDR first, IEND last) or raise a 400 naming ``param``."""
    if not data.startswith(SIGNATURE):
        raise _bad(param, "not a PNG file")
    pos, kinds, idat, ihdr = len(SIGNATURE), [], [], b""
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            raise _bad(param, "truncated chunk")
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise _bad(param, f"bad CRC in {kind.decode('latin-1')} chunk")
        kinds.append(kind)
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
        if kind == b"IEND":
            break
    if not kinds or kinds[0] != b"IHDR" or len(ihdr) != 13 or kinds[-1] != b"IEND" or not idat:
        raise _bad(param, "missing IHDR, IDAT or IEND chunk")
    width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if ctype not in CHANNELS or width == 0 or height == 0:
        raise _bad(param, "unsupported IHDR")
    return RawPng(width, height, depth, ctype, bool(interlace), tuple(kinds), b"".join(idat))


def inflate(png: RawPng, param: str = "image") -> bytes:
    """The image data, decompressed no further than the size the header announces (zip bombs stop there)."""
    limit = png.height * (1 + png.row_bytes)
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(png.idat, limit + 1)
    except zlib.error as exc:
        raise _bad(param, "corrupt image data") from exc
    if not png.interlaced and len(raw) != limit:
        raise _bad(param, "image data does not match its dimensions")
    return raw


def decode_png(data: bytes, param: str = "image") -> Pixels:
    """``(height, width, channels)`` pixels of an 8-bit RGB or RGBA PNG without interlacing."""
    png = read_png(data, param)
    if png.bit_depth != 8 or png.color_type not in (2, 6) or png.interlaced:
        raise InvalidRequestError(
            f"Invalid {param}: only 8-bit RGB or RGBA PNGs without interlacing can be edited or varied "
            f"(got bit depth {png.bit_depth}, color type {png.color_type}"
            f"{', interlaced' if png.interlaced else ''}).",
            param=param,
        )
    bpp = CHANNELS[png.color_type]
    rows = np.frombuffer(inflate(png, param), dtype=np.uint8).reshape(png.height, 1 + png.width * bpp)
    kinds, body = rows[:, 0], rows[:, 1:]
    if int(kinds.max()) > 4:
        raise _bad(param, f"unknown filter type {int(kinds.max())}")
    if int(kinds.max()) >= 3:
        return _unfilter_diagonals(body, kinds, png.width, bpp)
    return _unfilter_rows(body, kinds, png.width, bpp)


def _unfilter_rows(body: Pixels, kinds: Pixels, width: int, bpp: int) -> Pixels:
    # None, Sub and Up only look left or up: whole rows at a time (uint8 arithmetic wraps mod 256).
    out = np.empty_like(body)
    above = np.zeros(body.shape[1], dtype=np.uint8)
    for y, kind in enumerate(kinds.tolist()):
        row = body[y]
        if kind == 1:
            row = row.reshape(width, bpp).cumsum(axis=0, dtype=np.uint8).reshape(-1)
        elif kind == 2:
            row = row + above
        out[y] = row
        above = out[y]
    return out.reshape(len(kinds), width, bpp)


def _unfilter_diagonals(body: Pixels, kinds: Pixels, width: int, bpp: int) -> Pixels:
    height = len(kinds)
    # Skewed planes, one diagonal after another: pixel (x, y) lives at [x + y + 1, y + 1]. Row 0 and
    # the cells before each row's first pixel stay zero, which is what filters read beyond the edges.
    skew = np.zeros((width + height + 1, height + 1, bpp), dtype=np.int16)
    raw = np.zeros_like(skew)
    pixels = body.reshape(height, width, bpp)
    for y in range(height):
        raw[y + 1 : y + 1 + width, y + 1] = pixels[y]
    # One column of row flags per filter type the image uses besides Paeth (the default predictor).
    present = [t for t in range(4) if bool((kinds == t).any())]
    flags = {t: (kinds == t).reshape(height, 1) for t in present}
    has_paeth = bool((kinds == 4).any())
    for d in range(width + height - 1):
        lo, hi = max(0, d - width + 1), min(height - 1, d)
        before = skew[d]
        a, b, c = before[lo + 1 : hi + 2], before[lo : hi + 1], skew[d - 1, lo : hi + 1]
        total = a + b
        paeth = a
        if has_paeth:
            pa, pb, pc = np.abs(b - c), np.abs(a - c), np.abs(total - 2 * c)
            paeth = np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))
        pred = paeth
        for t in present:
            choice = (0, a, b, total >> 1)[t]
            pred = np.where(flags[t][lo : hi + 1], choice, pred)
        pred = pred + raw[d + 1, lo + 1 : hi + 2]
        pred &= 255
        skew[d + 1, lo + 1 : hi + 2] = pred
    out = np.empty((height, width, bpp), dtype=np.uint8)
    for y in range(height):
        out[y] = skew[y + 1 : y + 1 + width, y + 1]
    return out


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(pixels: Pixels, level: int = 1) -> bytes:
    """An RGB or RGBA PNG of ``(height, width, 3 | 4)`` pixels (filter None on every row)."""
    height, width, channels = pixels.shape
    rows = np.zeros((height, 1 + width * channels), dtype=np.uint8)
    rows[:, 1:] = pixels.reshape(height, width * channels)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0)
    idat = zlib.compress(rows.tobytes(), level)
    return SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
