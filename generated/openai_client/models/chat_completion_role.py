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


def check_chat_completion_role(value: object) -> ChatCompletionRole:
    if isinstance(value, str) and (value in CHAT_COMPLETION_ROLE_VALUES or not enums_are_strict()):
        return cast(ChatCompletionRole, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(CHAT_COMPLETION_ROLE_VALUES)!r}")
