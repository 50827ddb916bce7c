from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

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
    from ..models.chat_completion_choice import ChatCompletionChoice
    from ..models.completion_usage import CompletionUsage


T = TypeVar("T", bound="CreateChatCompletionResponse")


@_attrs_define
class CreateChatCompletionResponse:
    """
    Attributes:
        id (str):
        object_ (Literal['chat.completion']):
        created (int): Unix time in seconds.
        model (str):
        choices (list[ChatCompletionChoice]):
        usage (CompletionUsage): Token counts of the request.
    """

    id: str
    object_: Literal["chat.completion"]
    created: int
    model: str
    choices: list[ChatCompletionChoice]
    usage: CompletionUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        model = self.model

        choices: list[dict[str, Any]] = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "model": model,
                "choices": choices,
                "usage": usage,
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
            id = d.pop("id")
            if not isinstance(id, str):
                raise wrong_type("a string", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            object_ = cast("Literal['chat.completion']", d.pop("object"))
            if object_ != "chat.completion":
                raise ValueError(f"object must match const 'chat.completion', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            created = d.pop("created")
            if not (isinstance(created, int) and not isinstance(created, bool)):
                raise wrong_type("an integer", created)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "created")

        try:
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:
            _choices = array_items(d.pop("choices"))
            choices: list[ChatCompletionChoice] = []
            for choices_item_index, choices_item_data in enumerate(_choices):
                try:
                    choices_item = ChatCompletionChoice.from_dict(choices_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, choices_item_index)
                choices.append(choices_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "choices")

        try:
            usage = CompletionUsage.from_dict(d.pop("usage"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "usage")

        _instance = cls(
            id=id,
            object_=object_,
            created=created,
            model=model,
            choices=choices,
            usage=usage,
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

    @property
    def object(self) -> Literal["chat.completion"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, ChatCompletionChoice, CompletionUsage
    from ..models.chat_completion_choice import ChatCompletionChoice  # noqa: PLC0415
    from ..models.completion_usage import CompletionUsage  # noqa: PLC0415

    _referenced_models_loaded = True
