"""`ChatCompletionRole`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in CHAT_COMPLETION_ROLE_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

ChatCompletionRole = Literal["assistant", "system", "user"]

CHAT_COMPLETION_ROLE_VALUES: set[ChatCompletionRole] = {
    "assistant",
    "system",
    "user",
}


def check_chat_completion_role(value: str) -> ChatCompletionRole:
    if value in CHAT_COMPLETION_ROLE_VALUES:
        return value
    if not isinstance(value, str) or enums_are_strict():
        raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(CHAT_COMPLETION_ROLE_VALUES)!r}")
    return cast(ChatCompletionRole, value)
