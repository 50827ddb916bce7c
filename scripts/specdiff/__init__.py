"""The change report between two versions of the OpenAPI document, and of the client generated from it.

``rules`` is the rule table (id, level, description); ``compare`` finds the spec's changes,
``python_api`` the generated client's (griffe), ``report`` renders them, ``cli`` is ``scripts/diff``
and ``regeneration`` the summary ``scripts/generate`` prints.
"""

from .changes import Change, sort_changes
from .compare import compare_specs
from .python_api import compare_python_api
from .report import render, summary_line
from .rules import LEVELS, RULES, Rule

__all__ = [
    "LEVELS",
    "RULES",
    "Change",
    "Rule",
    "compare_python_api",
    "compare_specs",
    "render",
    "sort_changes",
    "summary_line",
]
