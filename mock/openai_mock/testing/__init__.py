"""The names a test needs: ``OpenAIMock`` (what the ``openai_mock`` fixture gives) and what it records.

    from openai_mock.testing import OpenAIMock

    def test_reply(openai_mock: OpenAIMock) -> None:
        openai_mock.chat.completions.create.reply("Paris.")
        ...

Outside pytest, ``with OpenAIMock() as mock:`` gives the same object for the ``with`` block. Nothing here
imports pytest (only the plugin in ``openai_mock.pytest_plugin`` does), so the mock extra alone serves it.
"""

from ..scripting.handles import RouteHandle, Routes
from ..scripting.journal import RecordedCall, UploadedFile
from ..scripting.steps import Failure, Reply
from .mock import DEFAULT_API_KEY, DEFAULT_ORGANIZATION, IN_PROCESS_URL, OpenAIMock

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_ORGANIZATION",
    "IN_PROCESS_URL",
    "Failure",
    "OpenAIMock",
    "RecordedCall",
    "Reply",
    "RouteHandle",
    "Routes",
    "UploadedFile",
]
