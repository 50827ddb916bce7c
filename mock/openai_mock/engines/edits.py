"""/edits: a deterministic rule-based editor driven by the instruction.

Instructions are read for a few intents, applied in this order: fixing spelling (a small
built-in dictionary of common misspellings; "fix", "spell", "typo", "correct", "grammar"),
upper/lower/title case, and "remove/delete X". An instruction with no known intent returns the
input with its spelling fixed, so the call still edits something. The result is the same for
every choice and every temperature; usage counts the input and instruction as the prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .params import check_range
from .textgen import Usage
from .tokenizer import tokenizer_for_model

__all__ = ["EditResult", "edit", "fix_spelling"]

_MISSPELLINGS = {
    "wek": "week",
    "teh": "the",
    "recieve": "receive",
    "adress": "address",
    "wich": "which",
    "becuase": "because",
    "beleive": "believe",
    "definately": "definitely",
    "seperate": "separate",
    "occured": "occurred",
    "untill": "until",
    "tommorow": "tomorrow",
    "tomorow": "tomorrow",
    "wierd": "weird",
    "freind": "friend",
    "goverment": "government",
    "enviroment": "environment",
    "alot": "a lot",
    "thier": "their",
    "realy": "really",
    "acheive": "achieve",
    "arguement": "argument",
    "begining": "beginning",
    "calender": "calendar",
    "comming": "coming",
    "dosen't": "doesn't",
    "existance": "existence",
    "foriegn": "foreign",
    "happend": "happened",
    "knowlege": "knowledge",
    "neccessary": "necessary",
    "occassion": "occasion",
    "persue": "pursue",
    "posession": "possession",
    "prefered": "preferred",
    "publically": "publicly",
    "recomend": "recommend",
    "sucess": "success",
    "suprise": "surprise",
    "truely": "truly",
    "wat": "what",
    "dya": "day",
    "yeterday": "yesterday",
    "adn": "and",
    "taht": "that",
    "hte": "the",
    "waht": "what",
}
_WORD = re.compile(r"[A-Za-z']+")


def _match_case(original: str, fixed: str) -> str:
    if original.isupper() and len(original) > 1:
        return fixed.upper()
    if original[:1].isupper():
        return fixed[:1].upper() + fixed[1:]
    return fixed


def fix_spelling(text: str) -> str:
    return _WORD.sub(lambda m: _match_case(m.group(), _MISSPELLINGS.get(m.group().lower(), m.group())), text)


def _apply(instruction: str, text: str) -> str:
    ins = instruction.lower()
    out = text
    known = False
    if any(w in ins for w in ("spell", "typo", "fix", "correct", "grammar", "mistake")):
        out, known = fix_spelling(out), True
    if "upper" in ins or "capital letters" in ins:
        out, known = out.upper(), True
    elif "lower" in ins:
        out, known = out.lower(), True
    elif "title case" in ins:
        out, known = out.title(), True
    removed = re.search(r"(?:remove|delete)\s+(?:the\s+word\s+)?[\"']?([\w ]+?)[\"']?\s*$", ins)
    if removed:
        out = re.sub(rf"\s*\b{re.escape(removed.group(1))}\b", "", out, flags=re.IGNORECASE)
        known = True
    return out if known else fix_spelling(out)


@dataclass(frozen=True)
class EditResult:
    texts: list[str]
    usage: Usage


def edit(
    model: str, input: str = "", instruction: str = "", *, n: int = 1, temperature: float = 1.0, top_p: float = 1.0
) -> EditResult:
    """``n`` identical edited versions of ``input`` (the model is deterministic)."""
    check_range("n", n, 1, 20)
    check_range("temperature", temperature, 0, 2)
    check_range("top_p", top_p, 0, 1)
    tok = tokenizer_for_model(model)
    result = _apply(instruction, input)
    prompt = tok.count(input) + tok.count(instruction)
    return EditResult([result] * n, Usage(prompt, tok.count(result) * n))
