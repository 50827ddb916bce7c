"""Scripted answers and a request journal in front of the mock, for tests (see docs/TESTING.md).

``create_app`` puts a ``ScriptingLayer`` in front of every app; it is off until the pytest plugin
turns it on for a test's app, or the server is started with an admin key (``/__mock__/`` API).
"""

from .handles import RouteHandle, Routes
from .journal import RecordedCall, UploadedFile
from .operations import Operation, OperationTable
from .registry import Scripting

__all__ = [
    "Operation",
    "OperationTable",
    "RecordedCall",
    "RouteHandle",
    "Routes",
    "Scripting",
    "UploadedFile",
]
