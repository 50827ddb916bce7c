from typing import Literal

ChatCompletionRole = Literal["assistant", "system", "user"]

CHAT_COMPLETION_ROLE_VALUES: set[ChatCompletionRole] = {
    "assistant",
    "system",
    "user",
}


def check_chat_completion_role(value: str) -> ChatCompletionRole:
    if value in CHAT_COMPLETION_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHAT_COMPLETION_ROLE_VALUES!r}")
