from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    array_items,
    field_error,
    not_an_object,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.completion_top_logprobs import CompletionTopLogprobs


T = TypeVar("T", bound="CompletionLogprobs")


@_attrs_define
class CompletionLogprobs:
    """Per-token log probabilities of a completion.

    Attributes:
        tokens (list[str]):
        token_logprobs (list[float | None]): Log probability of each token; null for the first token of an echoed
            prompt.
        top_logprobs (list[CompletionTopLogprobs | None]): The `logprobs` most likely tokens at each position; null for
            the first token of an echoed prompt.
        text_offset (list[int]):
    """

    tokens: list[str]
    token_logprobs: list[float | None]
    top_logprobs: list[CompletionTopLogprobs | None]
    text_offset: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.completion_top_logprobs import CompletionTopLogprobs  # noqa: PLC0415

        tokens = self.tokens

        token_logprobs: list[float | None] = []
        for token_logprobs_item_data in self.token_logprobs:
            token_logprobs_item: float | None
            token_logprobs_item = token_logprobs_item_data
            token_logprobs.append(token_logprobs_item)

        top_logprobs: list[dict[str, Any] | None] = []
        for top_logprobs_item_data in self.top_logprobs:
            top_logprobs_item: dict[str, Any] | None
            if isinstance(top_logprobs_item_data, CompletionTopLogprobs):
                top_logprobs_item = top_logprobs_item_data.to_dict()
            else:
                top_logprobs_item = top_logprobs_item_data
            top_logprobs.append(top_logprobs_item)

        text_offset = self.text_offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tokens": tokens,
                "token_logprobs": token_logprobs,
                "top_logprobs": top_logprobs,
                "text_offset": text_offset,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not _referenced_models_loaded:
            _load_referenced_models()
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            tokens = cast(list[str], array_items(d.pop("tokens")))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "tokens")

        try:
            _token_logprobs = array_items(d.pop("token_logprobs"))
            token_logprobs: list[float | None] = []
            for token_logprobs_item_index, token_logprobs_item_data in enumerate(_token_logprobs):
                try:

                    def _parse_token_logprobs_item(data: object) -> float | None:
                        if data is None:
                            return data
                        if isinstance(data, int | float) and not isinstance(data, bool):
                            return data
                        raise wrong_type("a number or null", data)

                    token_logprobs_item = _parse_token_logprobs_item(token_logprobs_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, token_logprobs_item_index)
                token_logprobs.append(token_logprobs_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "token_logprobs")

        try:
            _top_logprobs = array_items(d.pop("top_logprobs"))
            top_logprobs: list[CompletionTopLogprobs | None] = []
            for top_logprobs_item_index, top_logprobs_item_data in enumerate(_top_logprobs):
                try:

                    def _parse_top_logprobs_item(data: object) -> CompletionTopLogprobs | None:
                        if data is None:
                            return data
                        if not isinstance(data, dict):
                            raise wrong_type("an object or null", data)
                        top_logprobs_item_type_0 = CompletionTopLogprobs.from_dict(cast(Any, data))

                        return top_logprobs_item_type_0

                    top_logprobs_item = _parse_top_logprobs_item(top_logprobs_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, top_logprobs_item_index)
                top_logprobs.append(top_logprobs_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "top_logprobs")

        try:
            text_offset = cast(list[int], array_items(d.pop("text_offset")))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "text_offset")

        _instance = cls(
            tokens=tokens,
            token_logprobs=token_logprobs,
            top_logprobs=top_logprobs,
            text_offset=text_offset,
        )

        _instance.additional_properties = d
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, CompletionTopLogprobs
    from ..models.completion_top_logprobs import CompletionTopLogprobs  # noqa: PLC0415

    _referenced_models_loaded = True
