from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from .. import types
from ..models.image_response_format import ImageResponseFormat, check_image_response_format
from ..models.image_size import ImageSize, check_image_size
from ..types import (
    PARSE_FAILURES,
    UNSET,
    File,
    FileTypes,
    ParseError,
    Unset,
    field_error,
    not_an_object,
    strict_enums,
    wrong_type,
)

T = TypeVar("T", bound="CreateImageEditRequest")


@_attrs_define
class CreateImageEditRequest:
    """
    Attributes:
        image (File): Square PNG under 4 MB; without a mask its transparent areas are edited.
        prompt (str): Description of the wanted image(s), at most 1000 characters.
        mask (File | Unset): PNG of the image's size whose fully transparent areas mark where to edit.
        n (int | Unset): How many images to generate. Default: 1.
        size (ImageSize | Unset): Width x height of the generated images.
        response_format (ImageResponseFormat | Unset): Return image URLs or base64-encoded PNG data.
        user (str | Unset): A stable identifier of the end user, to help detect abuse.
    """

    image: File
    prompt: str
    mask: File | Unset = UNSET
    n: int | Unset = UNSET
    size: ImageSize | Unset = UNSET
    response_format: ImageResponseFormat | Unset = UNSET
    user: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_tuple()

        prompt = self.prompt

        mask: FileTypes | Unset = UNSET
        if not isinstance(self.mask, Unset):
            mask = self.mask.to_tuple()

        n = self.n

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format

        user = self.user

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "image": image,
                "prompt": prompt,
            }
        )
        if mask is not UNSET:
            field_dict["mask"] = mask
        if n is not UNSET:
            field_dict["n"] = n
        if size is not UNSET:
            field_dict["size"] = size
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("image", self.image.to_tuple()))

        files.append(("prompt", (None, str(self.prompt).encode(), "text/plain")))

        if not isinstance(self.mask, Unset):
            files.append(("mask", self.mask.to_tuple()))

        if not isinstance(self.n, Unset):
            files.append(("n", (None, str(self.n).encode(), "text/plain")))

        if not isinstance(self.size, Unset):
            files.append(("size", (None, str(self.size).encode(), "text/plain")))

        if not isinstance(self.response_format, Unset):
            files.append(("response_format", (None, str(self.response_format).encode(), "text/plain")))

        if not isinstance(self.user, Unset):
            files.append(("user", (None, str(self.user).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Refuses (types.ParseError) keys the schema does not list and enum values the spec does not list."""
        with strict_enums():
            return cls._from_closed_dict(src_dict)

    @classmethod
    def _from_closed_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            image = File(payload=BytesIO(d.pop("image")))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "image")

        try:
            prompt = d.pop("prompt")
            if not isinstance(prompt, str):
                raise wrong_type("a string", prompt)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "prompt")

        try:
            _mask = d.pop("mask", UNSET)
            mask: File | Unset
            if isinstance(_mask, Unset):
                mask = UNSET
            else:
                mask = File(payload=BytesIO(_mask))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "mask")

        try:
            n = d.pop("n", UNSET)
            if not isinstance(n, Unset) and not (isinstance(n, int) and not isinstance(n, bool)):
                raise wrong_type("an integer", n)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n")

        try:
            _size = d.pop("size", UNSET)
            size: ImageSize | Unset
            if isinstance(_size, Unset):
                size = UNSET
            else:
                size = check_image_size(_size)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "size")

        try:
            _response_format = d.pop("response_format", UNSET)
            response_format: ImageResponseFormat | Unset
            if isinstance(_response_format, Unset):
                response_format = UNSET
            else:
                response_format = check_image_response_format(_response_format)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "response_format")

        try:
            user = d.pop("user", UNSET)
            if not isinstance(user, Unset) and not isinstance(user, str):
                raise wrong_type("a string", user)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "user")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            image=image,
            prompt=prompt,
            mask=mask,
            n=n,
            size=size,
            response_format=response_format,
            user=user,
        )

        return _instance
