"""PNG decoding (every filter type), encoding, and what edits and variations do to the pixels."""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest

from openai_mock.errors import InvalidRequestError
from openai_mock.media.images import edited_pngs, variation_pngs
from openai_mock.media.pngcodec import decode_png, encode_png

Grid = list[list[list[int]]]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _png(grid: Grid, kinds: list[int], *, depth: int = 8, interlace: int = 0) -> bytes:
    """An independent, byte-by-byte PNG writer applying filter ``kinds[y % len(kinds)]`` to row ``y``."""
    channels = len(grid[0][0])
    rows = []
    for y, line in enumerate(grid):
        flat = [v for pixel in line for v in pixel]
        above = [v for pixel in grid[y - 1] for v in pixel] if y else [0] * len(flat)
        kind = kinds[y % len(kinds)]
        out = [kind]
        for i, v in enumerate(flat):
            a = flat[i - channels] if i >= channels else 0
            b, c = above[i], above[i - channels] if i >= channels else 0
            pred = (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]
            out.append((v - pred) % 256)
        rows.append(bytes(out))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    color = {3: 2, 4: 6, 1: 0}[channels]
    ihdr = struct.pack(">IIBBBBB", len(grid[0]), len(grid), depth, color, 0, 0, interlace)
    idat = zlib.compress(b"".join(rows))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _grid(width: int, height: int, channels: int, seed: int = 0) -> Grid:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (height, width, channels)).tolist()  # type: ignore[no-any-return]


@pytest.mark.parametrize("channels", [3, 4])
@pytest.mark.parametrize("kinds", [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 4, 2, 1]])
def test_every_filter_type_decodes_exactly(channels: int, kinds: list[int]) -> None:
    grid = _grid(13, 11, channels, seed=sum(kinds) + channels)
    decoded = decode_png(_png(grid, kinds))
    assert decoded.shape == (11, 13, channels) and decoded.tolist() == grid


def test_encode_round_trips() -> None:
    pixels = np.array(_grid(20, 20, 4, seed=5), dtype=np.uint8)
    assert (decode_png(encode_png(pixels)) == pixels).all()
    assert (decode_png(encode_png(pixels[..., :3])) == pixels[..., :3]).all()


_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _pack(line: list[list[int]], depth: int) -> list[int]:
    """One row of samples as PNG bytes: big-endian pairs at 16 bits, packed from the high bit below 8."""
    flat = [v for pixel in line for v in pixel]
    if depth == 16:
        return [b for v in flat for b in (v >> 8, v & 255)]
    if depth == 8:
        return flat
    bits = "".join(format(v, f"0{depth}b") for v in flat)
    bits += "0" * (-len(bits) % 8)
    return [int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)]


def _filtered(rows: list[list[int]], kinds: list[int], unit: int) -> bytes:
    out = []
    for y, flat in enumerate(rows):
        above = rows[y - 1] if y else [0] * len(flat)
        kind = kinds[y % len(kinds)]
        out.append(kind)
        for i, v in enumerate(flat):
            a = flat[i - unit] if i >= unit else 0
            b, c = above[i], above[i - unit] if i >= unit else 0
            out.append((v - (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) % 256)
    return bytes(out)


def _any_png(
    grid: Grid,
    color: int,
    depth: int = 8,
    *,
    interlace: bool = False,
    kinds: tuple[int, ...] = (0, 1, 2, 3, 4),
    palette: bytes = b"",
    trns: bytes | None = None,
) -> bytes:
    """An independent writer of any PNG: samples at their own depth, optionally Adam7-interlaced."""
    height, width, channels = len(grid), len(grid[0]), len(grid[0][0])
    unit = max(1, channels * depth // 8)
    data = b""
    for x0, y0, dx, dy in _ADAM7 if interlace else ((0, 0, 1, 1),):
        sub = [row[x0::dx] for row in grid[y0::dy]]
        if sub and sub[0]:
            data += _filtered([_pack(line, depth) for line in sub], list(kinds), unit)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, int(interlace))
    extra = (chunk(b"PLTE", palette) if palette else b"") + (chunk(b"tRNS", trns) if trns is not None else b"")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")
    )


def _samples(width: int, height: int, channels: int, top: int, seed: int = 0) -> Grid:
    rng = np.random.default_rng(seed)
    return rng.integers(0, top + 1, (height, width, channels)).tolist()  # type: ignore[no-any-return]


def _eight(value: int, depth: int) -> int:
    return value >> 8 if depth == 16 else value * 255 // ((1 << depth) - 1)


@pytest.mark.parametrize("interlace", [False, True])
@pytest.mark.parametrize(
    ("color", "depth"), [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (4, 8), (4, 16), (2, 16), (6, 16)]
)
def test_every_colour_type_and_depth_decodes(color: int, depth: int, interlace: bool) -> None:
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    grid = _samples(13, 11, channels, (1 << depth) - 1, seed=color * 17 + depth)
    decoded = decode_png(_any_png(grid, color, depth, interlace=interlace))
    eight = [[[_eight(v, depth) for v in pixel] for pixel in row] for row in grid]
    if color in (0, 4):  # grey spread to red, green and blue; its alpha kept
        eight = [[[p[0]] * 3 + p[1:] for p in row] for row in eight]
    assert decoded.dtype == np.uint8 and decoded.tolist() == eight


@pytest.mark.parametrize("interlace", [False, True])
@pytest.mark.parametrize("depth", [1, 2, 4, 8])
def test_palette_images_decode_with_their_transparency(depth: int, interlace: bool) -> None:
    colours = min(1 << depth, 20)
    palette = bytes(range(3 * colours))
    trns = bytes([0, 128][: colours - 1])  # the first (one or two) entries see-through, the rest opaque
    grid = _samples(10, 9, 1, colours - 1, seed=depth)
    decoded = decode_png(_any_png(grid, 3, depth, interlace=interlace, palette=palette, trns=trns))
    alpha = [*trns, *[255] * (colours - len(trns))]
    assert decoded.tolist() == [[[*palette[3 * i : 3 * i + 3], alpha[i]] for (i,) in row] for row in grid]
    opaque = decode_png(_any_png(grid, 3, depth, palette=palette))
    assert opaque.tolist() == [[list(palette[3 * i : 3 * i + 3]) for (i,) in row] for row in grid]


def test_trns_makes_one_grey_or_rgb_colour_transparent() -> None:
    grey = [[[0], [7]], [[7], [255]]]
    decoded = decode_png(_any_png(grey, 0, 8, trns=b"\x00\x07"))
    assert decoded[..., 3].tolist() == [[255, 0], [0, 255]] and decoded[0, 1, :3].tolist() == [7, 7, 7]
    rgb = [[[1, 2, 3], [1, 2, 4]]]
    decoded = decode_png(_any_png(rgb, 2, 8, trns=b"\x00\x01\x00\x02\x00\x03"))
    assert decoded[..., 3].tolist() == [[0, 255]]


@pytest.mark.parametrize("side", [1, 2, 3, 5, 8, 9])
def test_interlaced_images_of_every_small_size_decode(side: int) -> None:
    grid = _samples(side, side, 3, 255, seed=side)
    assert decode_png(_any_png(grid, 2, 8, interlace=True)).tolist() == grid


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (_any_png(_samples(4, 4, 3, 15), 2, 4), "bit depth 4, color type 2"),
        (_any_png(_samples(4, 4, 1, 3), 3, 2), "PLTE"),
        (_any_png(_samples(4, 4, 1, 3), 3, 2, palette=b"\x00" * 6), "past the end of the palette"),
    ],
)
def test_invalid_pngs_are_400s_naming_the_upload(data: bytes, fragment: str) -> None:
    for param in ("image", "mask"):
        with pytest.raises(InvalidRequestError, match=fragment) as err:
            decode_png(data, param)
        assert err.value.param == param


def test_a_bomb_is_not_inflated_past_the_declared_size() -> None:
    good = _png(_grid(8, 8, 3), [0])
    head, tail = good.split(b"IDAT")
    bomb_body = zlib.compress(b"\x00" * 50_000_000)
    bomb = head[:-4] + struct.pack(">I", len(bomb_body)) + b"IDAT" + bomb_body
    bomb += struct.pack(">I", zlib.crc32(b"IDAT" + bomb_body)) + tail[tail.index(b"IEND") - 4 :]
    with pytest.raises(InvalidRequestError, match="does not match its dimensions"):
        decode_png(bomb)


def test_large_paeth_image_round_trips() -> None:
    # Decoding speed is a benchmark matter; here the slow filter kinds must only decode exactly.
    side = 1024
    y, x = np.mgrid[0:side, 0:side]
    pixels = np.stack([x % 256, y % 256, (x * y) % 251, 255 - x // 4], axis=-1).astype(np.uint8)
    # Paeth and Average rows (the slow kinds to undo), filtered with numpy to keep the setup short.
    wide = pixels.astype(np.int16)
    left, up, corner = np.zeros_like(wide), np.zeros_like(wide), np.zeros_like(wide)
    left[:, 1:], up[1:], corner[1:, 1:] = wide[:, :-1], wide[:-1], wide[:-1, :-1]
    p = left + up - corner
    pa, pb, pc = np.abs(p - left), np.abs(p - up), np.abs(p - corner)
    paeth = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, up, corner))
    pred = np.where((np.arange(side) % 2 == 0)[:, None, None], paeth, (left + up) >> 1)
    kinds = np.where(np.arange(side) % 2 == 0, 4, 3).astype(np.uint8)[:, None]
    rows = np.concatenate([kinds, ((wide - pred) & 255).astype(np.uint8).reshape(side, -1)], axis=1)
    png = encode_png(pixels)  # valid chunks around our own filtered rows
    ihdr_end = png.index(b"IDAT") - 4
    body = zlib.compress(rows.tobytes(), 1)
    idat = struct.pack(">I", len(body)) + b"IDAT" + body + struct.pack(">I", zlib.crc32(b"IDAT" + body))
    data = png[:ihdr_end] + idat + png[png.index(b"IEND") - 4 :]
    decoded = decode_png(data)
    encoded = encode_png(decoded[..., :3])
    assert (decoded == pixels).all() and encoded.startswith(b"\x89PNG")


def _picture(side: int) -> np.ndarray:
    y, x = np.mgrid[0:side, 0:side]
    return np.stack([x * 255 // side, y * 255 // side, ((x // 8 + y // 8) % 2) * 200 + 20], axis=-1).astype(np.uint8)


def test_edit_keeps_opaque_mask_areas_and_redraws_transparent_ones() -> None:
    side = 256
    original = _picture(side)
    alpha = np.full((side, side, 1), 255, dtype=np.uint8)
    alpha[64:192, 64:192] = 0  # the square to redraw
    mask = encode_png(np.concatenate([np.zeros_like(original), alpha], axis=-1))
    outputs = edited_pngs(encode_png(original), mask, "a beret", side, seed=3, n=2)
    assert len(outputs) == 2
    hole = alpha[..., 0] == 0
    for png in outputs:
        edited = decode_png(png)
        assert edited.shape == (side, side, 3)
        assert (edited[~hole] == original[~hole]).all()
        assert (edited[hole] != original[hole]).any(axis=-1).mean() > 0.9
    first, second = (decode_png(png) for png in outputs)
    assert (first[hole] != second[hole]).any()  # each output draws its own content


def test_edit_without_mask_uses_the_image_alpha_and_scales_to_the_size() -> None:
    small = _picture(64)
    alpha = np.full((64, 64, 1), 255, dtype=np.uint8)
    alpha[:, :32] = 0  # left half transparent
    edited = decode_png(edited_pngs(encode_png(np.concatenate([small, alpha], -1)), None, "sea", 256, 0, 1)[0])
    assert edited.shape == (256, 256, 3)
    upscaled = small.repeat(4, axis=0).repeat(4, axis=1)
    assert (edited[:, 128:] == upscaled[:, 128:]).all()
    assert (edited[:, :128] != upscaled[:, :128]).any(axis=-1).mean() > 0.9
    with pytest.raises(InvalidRequestError) as err:
        edited_pngs(encode_png(small), None, "sea", 256, 0, 1)
    assert err.value.param == "image"
    with pytest.raises(InvalidRequestError) as mask_err:
        edited_pngs(encode_png(small), encode_png(small), "sea", 256, 0, 1)
    assert mask_err.value.param == "mask"


def test_variations_resemble_the_original() -> None:
    side = 256
    original = _picture(side)
    other = decode_png(
        edited_pngs(
            encode_png(np.dstack([original, np.zeros((side, side))]).astype(np.uint8)),
            None,
            "something else",
            side,
            9,
            1,
        )[0]
    )
    first, second = (decode_png(png) for png in variation_pngs(encode_png(original), side, seed=1, n=2))

    def distance(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.abs(a.astype(int) - b.astype(int)).mean())

    assert 0 < distance(first, original) < 30 and 0 < distance(second, original) < 30
    assert distance(first, second) > 0
    assert distance(other, original) > 2 * max(distance(first, original), distance(second, original))
    assert variation_pngs(encode_png(original), side, 1, 1)[0] == variation_pngs(encode_png(original), side, 1, 2)[0]


def test_partly_transparent_mask_blends_original_and_new_content() -> None:
    side = 256
    original = _picture(side)
    clear = np.zeros((side, side, 4), dtype=np.uint8)
    half = clear.copy()
    half[..., 3] = 128
    fresh = decode_png(edited_pngs(encode_png(original), encode_png(clear), "fog", side, 4, 1)[0])
    blended = decode_png(edited_pngs(encode_png(original), encode_png(half), "fog", side, 4, 1)[0])
    expected = (original.astype(int) * 128 + fresh.astype(int) * 127 + 127) // 255
    assert (blended == expected).all()
