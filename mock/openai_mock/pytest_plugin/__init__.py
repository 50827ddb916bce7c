"""The pytest plugin (entry point ``pytest11``): the ``openai_mock`` fixture and marker.

    def test_reply(openai_mock):
        openai_mock.chat.completions.create.reply("Hi!")
        with httpx.Client(transport=openai_mock.transport, base_url="http://mock/v1") as http:
            ...

See docs/TESTING.md. Loading the plugin imports nothing of the mock; the fixture does.
"""

from .fixture import openai_mock, pytest_configure, pytest_runtest_makereport

__all__ = ["openai_mock", "pytest_configure", "pytest_runtest_makereport"]
