"""Real PNG files for /images, and the checks the edit and variation endpoints apply.

Pictures are diagonal stripes in colours taken from a hash of the prompt and seed. Uploads
must be square PNGs under 4 MB; an edit without a mask needs an image with transparency (the
real API's rule: transparent pixels mark the area to edit), and a mask must be a PNG with an
alpha channel and the image's dimensions. An edit keeps the original wherever the mask (or the
image's own alpha) is opaque and draws new stripes where it is transparent; a variation is the
original recoloured with a little noise, so it still shows the same picture.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from openai_models import ImageSize

from ..errors import InvalidRequestError
from .pngcodec import Pixels, decode_png, encode_png, inflate, read_png

__all__ = [
    "MAX_IMAGE_BYTES",
    "SIZES",
    "PngInfo",
    "check_image_request",
    "edited_pngs",
    "image_seed",
    "inspect_png",
    "parse_size",
    "render_png",
    "validate_edit",
    "validate_image",
    "variation_pngs",
]

# From the generated model, so a size added to or removed from the spec reaches the mock by itself.
SIZES = tuple(size.value for size in ImageSize)
MAX_IMAGE_BYTES = 4 * 1024 * 1024
_Cell = TypeVar("_Cell", bound=np.generic)


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


def image_seed(data: bytes) -> int:
    """A seed derived from an uploaded image, so edits/variations of one image are stable."""
    return int.from_bytes(hashlib.sha256(data).digest()[:4], "big")


def _stripes(prompt: str, side: int, seed: int) -> Pixels:
    h = hashlib.sha256(f"{seed}:{prompt}".encode()).digest()
    period = 16 + h[0] % 48
    bands = []
    for b in range(4):
        c1, c2 = h[1 + 6 * b : 4 + 6 * b], h[4 + 6 * b : 7 + 6 * b]
        # Two periods' worth of spare pixels lets every row be one slice of the band's pattern.
        pixels = [c1 if (x // (period // 2)) % 2 else c2 for x in range(side + period)]
        bands.append(b"".join(pixels))
    band_height = max(1, side // 4)
    rows = [bands[min(y // band_height, 3)][3 * (y % period) : 3 * (y % period + side)] for y in range(side)]
    return np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(side, side, 3)


def render_png(prompt: str, size: str | int, seed: int = 0) -> bytes:
    """A valid RGB PNG of ``size`` x ``size``, the same bytes for the same arguments."""
    side = parse_size(size)
    return encode_png(_stripes(prompt, side, seed))


@dataclass(frozen=True)
class PngInfo:
    width: int
    height: int
    bit_depth: int
    color_type: int
    has_alpha: bool


def inspect_png(data: bytes, param: str = "image") -> PngInfo:
    """Parse and verify a PNG (signature, chunk CRCs, IHDR, image data size) or raise naming ``param``."""
    png = read_png(data, param)
    inflate(png, param)
    has_alpha = png.color_type in (4, 6) or b"tRNS" in png.chunks
    return PngInfo(png.width, png.height, png.bit_depth, png.color_type, has_alpha)


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
                "transparent areas mark where to edit.",
                param="image",
            )
        return info
    mask_info = validate_image(mask, "mask")
    if not mask_info.has_alpha:
        raise InvalidRequestError("Invalid mask: the mask must have an alpha channel.", param="mask")
    if (mask_info.width, mask_info.height) != (info.width, info.height):
        raise InvalidRequestError("Image and mask must have the same dimensions.", param="mask")
    return info


def _resized(pixels: npt.NDArray[_Cell], side: int) -> npt.NDArray[_Cell]:
    """Nearest-neighbour resampling to ``side`` x ``side`` (the API answers at the requested size)."""
    height, width = pixels.shape[:2]
    if (height, width) == (side, side):
        return pixels
    out: npt.NDArray[_Cell] = pixels[np.arange(side) * height // side][:, np.arange(side) * width // side]
    return out


def edited_pngs(image: bytes, mask: bytes | None, prompt: str, side: int, seed: int, n: int) -> list[bytes]:
    """``n`` edits: the original where the mask (else the image's alpha) is opaque, new stripes where it
    is transparent, the two blended where it is partly transparent."""
    pixels = decode_png(image, "image")
    if mask is None:
        if pixels.shape[2] != 4:
            raise InvalidRequestError(
                "The image must be an RGBA PNG when no mask is given: transparent areas mark where to edit.",
                param="image",
            )
        alpha = pixels[..., 3]
    else:
        cover = decode_png(mask, "mask")
        if cover.shape[2] != 4:
            raise InvalidRequestError("Invalid mask: the mask must be an RGBA PNG.", param="mask")
        alpha = cover[..., 3]
    keep = _resized(alpha, side)[..., None]
    original = _resized(pixels[..., :3], side)
    partial = bool(((keep > 0) & (keep < 255)).any())
    weighted = original.astype(np.uint32) * keep if partial else original
    out = []
    for i in range(n):
        fresh = _stripes(prompt, side, seed + i)
        if partial:
            mixed = (weighted + fresh.astype(np.uint32) * (255 - keep) + 127) // 255
            out.append(encode_png(mixed.astype(np.uint8)))
        else:  # the usual mask: each pixel either kept or redrawn
            out.append(encode_png(np.where(keep > 0, original, fresh)))
    return out


def variation_pngs(image: bytes, side: int, seed: int, n: int) -> list[bytes]:
    """``n`` variations: the image (over white where it is transparent) with each channel's tones
    shifted and a little noise, so every variation still shows the original's shapes."""
    pixels = decode_png(image, "image")
    if pixels.shape[2] == 4:
        alpha = pixels[..., 3:].astype(np.uint32)
        pixels = ((pixels[..., :3] * alpha + 255 * (255 - alpha) + 127) // 255).astype(np.uint8)
    base = _resized(pixels, side)
    out = []
    for i in range(n):
        h = hashlib.sha256(f"variation:{seed}:{i}".encode()).digest()
        recoloured = np.empty((side, side, 3), dtype=np.int16)
        for c in range(3):
            gain, shift = 0.8 + h[c] / 640, h[3 + c] // 6 - 21  # 0.8 to 1.2, -21 to 21
            tones = np.clip(np.arange(256) * gain + shift, 0, 255).astype(np.int16)
            recoloured[..., c] = tones[base[..., c]]
        # A 64-pixel tile of noise (the sizes are multiples of 64) keeps this cheap at 1024x1024.
        grain = np.random.default_rng(int.from_bytes(h[6:14], "little")).integers(-6, 7, (64, 64, 3), dtype=np.int16)
        recoloured += np.tile(grain, (side // 64, side // 64, 1))
        out.append(encode_png(np.clip(recoloured, 0, 255).astype(np.uint8)))
    return out
