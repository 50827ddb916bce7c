"""PNG reading and writing with zlib and numpy: chunk checks, filter reconstruction, encoding.

Every PNG the standard allows is decoded: greyscale, greyscale with alpha, palette, RGB and RGBA,
at each bit depth (1 to 16), with or without Adam7 interlacing, and with ``tRNS`` transparency.
Pixels come out as 8-bit RGB, or RGBA when the image has an alpha channel or a ``tRNS`` chunk.
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

from ..errors import InvalidRequestError

__all__ = ["CHANNELS", "DEPTHS", "SIGNATURE", "Pixels", "RawPng", "decode_png", "encode_png", "inflate", "read_png"]

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
Pixels = npt.NDArray[np.uint8]
_Plane = npt.NDArray[np.int16]


def _bad(param: str, why: str) -> InvalidRequestError:
    return InvalidRequestError(f"Invalid {param}: {why}. Uploaded image must be a valid PNG.", param=param)


# The bit depths the standard allows for each colour type (PNG spec, table 11.1).
DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
# Adam7: each pass's first column and row, and its steps across and down.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


@dataclass(frozen=True)
class RawPng:
    width: int
    height: int
    bit_depth: int
    color_type: int
    interlaced: bool
    chunks: tuple[bytes, ...]
    idat: bytes
    palette: bytes = b""
    transparency: bytes | None = None

    def row_bytes_for(self, width: int) -> int:
        return (width * CHANNELS[self.color_type] * self.bit_depth + 7) // 8

    @property
    def row_bytes(self) -> int:
        return self.row_bytes_for(self.width)

    @property
    def filter_unit(self) -> int:
        """The bytes per pixel filters step by (one for depths under 8 bits)."""
        return max(1, CHANNELS[self.color_type] * self.bit_depth // 8)

    def passes(self) -> list[tuple[int, int, int, int, int, int]]:
        """``(x0, y0, dx, dy, width, height)`` of each sub-image with pixels: one, or Adam7's seven."""
        steps = _ADAM7 if self.interlaced else ((0, 0, 1, 1),)
        out = []
        for x0, y0, dx, dy in steps:
            width, height = (self.width - x0 + dx - 1) // dx, (self.height - y0 + dy - 1) // dy
            if width > 0 and height > 0:
                out.append((x0, y0, dx, dy, width, height))
        return out

    @property
    def data_bytes(self) -> int:
        """The size of the decompressed image data: every sub-image's rows, each with its filter byte."""
        return sum(h * (1 + self.row_bytes_for(w)) for _, _, _, _, w, h in self.passes())


def read_png(data: bytes, param: str = "image") -> RawPng:
    """Walk the chunks (signature, CRCs, IHDR first, IEND last) or raise a 400 naming ``param``."""
    if not data.startswith(SIGNATURE):
        raise _bad(param, "not a PNG file")
    pos, kinds, idat, ihdr = len(SIGNATURE), [], [], b""
    palette, transparency = b"", None
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
        elif kind == b"PLTE":
            palette = body
        elif kind == b"tRNS":
            transparency = body
        pos += 12 + length
        if kind == b"IEND":
            break
    if not kinds or kinds[0] != b"IHDR" or len(ihdr) != 13 or kinds[-1] != b"IEND" or not idat:
        raise _bad(param, "missing IHDR, IDAT or IEND chunk")
    width, height, depth, ctype, compression, filtering, interlace = struct.unpack(">IIBBBBB", ihdr)
    if ctype not in CHANNELS or depth not in DEPTHS[ctype] or width == 0 or height == 0:
        raise _bad(param, f"unsupported IHDR (bit depth {depth}, color type {ctype})")
    if compression != 0 or filtering != 0 or interlace > 1:
        raise _bad(param, "unknown compression, filter or interlace method")
    if ctype == 3 and (not palette or len(palette) % 3 or len(palette) > 3 * 256):
        raise _bad(param, "a palette image needs a PLTE chunk of at most 256 colours")
    return RawPng(width, height, depth, ctype, bool(interlace), tuple(kinds), b"".join(idat), palette, transparency)


def inflate(png: RawPng, param: str = "image") -> bytes:
    """The image data, decompressed no further than the size the header announces (zip bombs stop there)."""
    limit = png.data_bytes
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(png.idat, limit + 1)
    except zlib.error as exc:
        raise _bad(param, "corrupt image data") from exc
    if len(raw) != limit:
        raise _bad(param, "image data does not match its dimensions")
    return raw


def decode_png(data: bytes, param: str = "image") -> Pixels:
    """``(height, width, 3 | 4)`` 8-bit pixels of any valid PNG: RGBA when it has alpha or ``tRNS``."""
    png = read_png(data, param)
    raw = np.frombuffer(inflate(png, param), dtype=np.uint8)
    channels = CHANNELS[png.color_type]
    usual = png.bit_depth == 8 and png.color_type in (2, 6) and not png.interlaced and png.transparency is None
    if usual:  # what image editors save: the unfiltered bytes are the pixels
        rows = raw.reshape(png.height, -1)
        return _unfilter(rows, png.filter_unit, param).reshape(png.height, png.width, channels)
    samples = np.zeros((png.height, png.width, channels), dtype=np.uint16)
    offset = 0
    for x0, y0, dx, dy, width, height in png.passes():
        size = height * (1 + png.row_bytes_for(width))
        rows = raw[offset : offset + size].reshape(height, -1)
        offset += size
        samples[y0::dy, x0::dx] = _samples(_unfilter(rows, png.filter_unit, param), png, width)
    return _to_rgb(samples, png, param)


def _unfilter(rows: Pixels, unit: int, param: str) -> Pixels:
    """The unfiltered bytes of one sub-image: ``(height, row bytes)`` without the filter bytes."""
    kinds, body = rows[:, 0], rows[:, 1:]
    if int(kinds.max()) > 4:
        raise _bad(param, f"unknown filter type {int(kinds.max())}")
    units = body.shape[1] // unit
    if int(kinds.max()) >= 3:
        return _unfilter_diagonals(body, kinds, units, unit).reshape(len(kinds), -1)
    return _unfilter_rows(body, kinds, units, unit).reshape(len(kinds), -1)


def _samples(rows: Pixels, png: RawPng, width: int) -> npt.NDArray[np.uint16]:
    """``(height, width, channels)`` samples at the image's own bit depth (up to 65535)."""
    channels, depth = CHANNELS[png.color_type], png.bit_depth
    if depth == 16:
        wide = rows.reshape(len(rows), -1, 2).astype(np.uint16)
        values = (wide[..., 0] << 8) | wide[..., 1]
    elif depth == 8:
        values = rows.astype(np.uint16)
    else:  # 1, 2 or 4 bits a sample, packed from the high bit, each row padded to a whole byte
        bits = np.unpackbits(rows, axis=1).reshape(len(rows), -1, depth)
        weights = (1 << np.arange(depth - 1, -1, -1)).astype(np.uint16)
        values = (bits * weights).sum(axis=2, dtype=np.uint16)
    return values[:, : width * channels].reshape(len(rows), width, channels).astype(np.uint16, copy=False)


def _to_rgb(samples: npt.NDArray[np.uint16], png: RawPng, param: str) -> Pixels:
    """Samples as 8-bit RGB or RGBA: grey spread to three channels, palettes looked up, ``tRNS`` as alpha."""
    ctype, depth, trns = png.color_type, png.bit_depth, png.transparency
    if ctype == 3:
        colours = np.frombuffer(png.palette, dtype=np.uint8).reshape(-1, 3)
        index = samples[..., 0]
        if int(index.max()) >= len(colours):
            raise _bad(param, "a pixel's palette index is past the end of the palette")
        if trns is None:
            return colours[index]
        alpha = np.full(len(colours), 255, dtype=np.uint8)
        given = np.frombuffer(trns[: len(colours)], dtype=np.uint8)
        alpha[: len(given)] = given
        return np.concatenate([colours[index], alpha[index][..., None]], axis=-1)
    top = (1 << depth) - 1
    scaled = (samples if depth == 8 else samples >> 8 if depth == 16 else samples * 255 // top).astype(np.uint8)
    colour = scaled[..., :1].repeat(3, axis=-1) if ctype in (0, 4) else scaled[..., :3]
    if ctype in (4, 6):
        return np.concatenate([colour, scaled[..., -1:]], axis=-1)
    if trns is None:
        return colour
    # tRNS names the one colour (of the image's own depth) that is fully transparent.
    key = np.frombuffer(trns[: 2 if ctype == 0 else 6], dtype=">u2").astype(np.uint16)
    if len(key) != (1 if ctype == 0 else 3):
        raise _bad(param, "tRNS chunk of the wrong size")
    clear = (samples == key).all(axis=-1)
    alpha = np.where(clear, 0, 255).astype(np.uint8)[..., None]
    return np.concatenate([colour, alpha], axis=-1)


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
