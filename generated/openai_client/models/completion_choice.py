from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..models.finish_reason import FinishReason, check_finish_reason
from ..types import (
    PARSE_FAILURES,
    field_error,
    not_an_object,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.completion_logprobs import CompletionLogprobs


T = TypeVar("T", bound="CompletionChoice")


@_attrs_define
class CompletionChoice:
    """
    Attributes:
        text (str):
        index (int):
        logprobs (CompletionLogprobs | None):
        finish_reason (FinishReason | None): Why generation stopped; null while a stream is still running.
    """

    text: str
    index: int
    logprobs: CompletionLogprobs | None
    finish_reason: FinishReason | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.completion_logprobs import CompletionLogprobs  # noqa: PLC0415

        text = self.text

        index = self.index

        logprobs: dict[str, Any] | None
        if isinstance(self.logprobs, CompletionLogprobs):
            logprobs = self.logprobs.to_dict()
        else:
            logprobs = self.logprobs

        finish_reason: None | str
        if isinstance(self.finish_reason, str):
            finish_reason = self.finish_reason
        else:
            finish_reason = self.finish_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "index": index,
                "logprobs": logprobs,
                "finish_reason": finish_reason,
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
            text = d.pop("text")
            if not isinstance(text, str):
                raise wrong_type("a string", text)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "text")

        try:
            index = d.pop("index")
            if not (isinstance(index, int) and not isinstance(index, bool)):
                raise wrong_type("an integer", index)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "index")

        try:

            def _parse_logprobs(data: object) -> CompletionLogprobs | None:
                if data is None:
                    return data
                if not isinstance(data, dict):
                    raise wrong_type("an object or null", data)
                logprobs_type_0 = CompletionLogprobs.from_dict(cast(Any, data))

                return logprobs_type_0

            logprobs = _parse_logprobs(d.pop("logprobs"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "logprobs")

        try:

            def _parse_finish_reason(data: object) -> FinishReason | None:
                if data is None:
                    return data
                if not isinstance(data, str):
                    raise wrong_type("a string or null", data)
                finish_reason_type_0 = check_finish_reason(cast(Any, data))

                return finish_reason_type_0

            finish_reason = _parse_finish_reason(d.pop("finish_reason"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "finish_reason")

        _instance = cls(
            text=text,
            index=index,
            logprobs=logprobs,
            finish_reason=finish_reason,
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
    global _referenced_models_loaded, CompletionLogprobs
    from ..models.completion_logprobs import CompletionLogprobs  # noqa: PLC0415

    _referenced_models_loaded = True
