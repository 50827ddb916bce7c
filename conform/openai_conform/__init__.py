"""Conformance testing of any OpenAI-compatible server against spec/openapi.yaml with schemathesis.

``checks`` registers the custom schemathesis checks on import; ``settings`` holds what the pytest
suite and the ``scripts/conform`` runner share (auth, profiles); ``runner`` drives the CLI and
``report`` turns its output into a per-operation Markdown report.
"""

__all__: list[str] = []
