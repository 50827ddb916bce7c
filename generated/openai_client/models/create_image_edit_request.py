from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

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
        n (int | None | Unset): How many images to generate. Default: 1.
        size (ImageSize | None | Unset):  Default: '1024x1024'.
        response_format (ImageResponseFormat | None | Unset):  Default: 'url'.
        user (str | Unset): A stable identifier of the end user, to help detect abuse.
    """

    image: File
    prompt: str
    mask: File | Unset = UNSET
    n: int | None | Unset = UNSET
    size: ImageSize | None | Unset = UNSET
    response_format: ImageResponseFormat | None | Unset = UNSET
    user: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_tuple()

        prompt = self.prompt

        mask: FileTypes | Unset = UNSET
        if not isinstance(self.mask, Unset):
            mask = self.mask.to_tuple()

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        size: None | str | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        elif isinstance(self.size, str):
            size = self.size
        else:
            size = self.size

        response_format: None | str | Unset
        if isinstance(self.response_format, Unset):
            response_format = UNSET
        elif isinstance(self.response_format, str):
            response_format = self.response_format
        else:
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
            if isinstance(self.n, int):
                files.append(("n", (None, str(self.n).encode(), "text/plain")))
            else:
                files.append(("n", (None, str(self.n).encode(), "text/plain")))

        if not isinstance(self.size, Unset):
            if isinstance(self.size, str):
                files.append(("size", (None, str(self.size).encode(), "text/plain")))
            else:
                files.append(("size", (None, str(self.size).encode(), "text/plain")))

        if not isinstance(self.response_format, Unset):
            if isinstance(self.response_format, str):
                files.append(("response_format", (None, str(self.response_format).encode(), "text/plain")))
            else:
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

            def _parse_n(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            n = _parse_n(d.pop("n", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n")

        try:

            def _parse_size(data: object) -> ImageSize | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if not isinstance(data, str):
                    raise wrong_type("a string or null", data)
                size_type_0 = check_image_size(cast(Any, data))

                return size_type_0

            size = _parse_size(d.pop("size", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "size")

        try:

            def _parse_response_format(data: object) -> ImageResponseFormat | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if not isinstance(data, str):
                    raise wrong_type("a string or null", data)
                response_format_type_0 = check_image_response_format(cast(Any, data))

                return response_format_type_0

            response_format = _parse_response_format(d.pop("response_format", UNSET))

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
