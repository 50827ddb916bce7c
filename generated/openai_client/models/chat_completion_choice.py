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
    from ..models.chat_completion_response_message import ChatCompletionResponseMessage


T = TypeVar("T", bound="ChatCompletionChoice")


@_attrs_define
class ChatCompletionChoice:
    """
    Attributes:
        index (int):
        message (ChatCompletionResponseMessage):
        finish_reason (FinishReason | None):
    """

    index: int
    message: ChatCompletionResponseMessage
    finish_reason: FinishReason | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        message = self.message.to_dict()

        finish_reason: None | str
        if isinstance(self.finish_reason, str):
            finish_reason = self.finish_reason
        else:
            finish_reason = self.finish_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "message": message,
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
            index = d.pop("index")
            if not (isinstance(index, int) and not isinstance(index, bool)):
                raise wrong_type("an integer", index)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "index")

        try:
            message = ChatCompletionResponseMessage.from_dict(d.pop("message"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "message")

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
            index=index,
            message=message,
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
    global _referenced_models_loaded, ChatCompletionResponseMessage
    from ..models.chat_completion_response_message import ChatCompletionResponseMessage  # noqa: PLC0415

    _referenced_models_loaded = True
