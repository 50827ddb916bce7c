"""/audio/transcriptions and /audio/translations: file checks, a deterministic transcript,
and the five response formats.

The transcript is a few English sentences picked by a hash of the file, spread evenly over the
estimated duration (read from the header for WAV, from the size at 128 kbit/s otherwise).
Translations are always English, as the real endpoint's are.
"""

from __future__ import annotations

import hashlib
import io
import json
import wave
from dataclasses import dataclass
from typing import Any

from openai_models import AudioResponseFormat

from ..engines.tokenizer import tokenizer_for_model
from ..errors import InvalidRequestError, PayloadTooLargeError

__all__ = [
    "FORMATS",
    "MAX_AUDIO_BYTES",
    "SUFFIXES",
    "FormattedTranscript",
    "Transcript",
    "check_audio_file",
    "format_transcript",
    "transcribe",
]

SUFFIXES = ("m4a", "mp3", "webm", "mp4", "mpga", "wav", "mpeg")
# From the generated model: the spec is the one list of formats.
FORMATS = tuple(kind.value for kind in AudioResponseFormat)
MAX_AUDIO_BYTES = 25 * 1024 * 1024
_JSON = "application/json"
_TEXT = "text/plain; charset=utf-8"
# The languages Whisper knows (spec schema AudioLanguage), with the English names verbose_json reports.
_LANGUAGES = {
    "af": "afrikaans",
    "am": "amharic",
    "ar": "arabic",
    "as": "assamese",
    "az": "azerbaijani",
    "ba": "bashkir",
    "be": "belarusian",
    "bg": "bulgarian",
    "bn": "bengali",
    "bo": "tibetan",
    "br": "breton",
    "bs": "bosnian",
    "ca": "catalan",
    "cs": "czech",
    "cy": "welsh",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fo": "faroese",
    "fr": "french",
    "gl": "galician",
    "gu": "gujarati",
    "ha": "hausa",
    "he": "hebrew",
    "hi": "hindi",
    "hr": "croatian",
    "ht": "haitian creole",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "is": "icelandic",
    "it": "italian",
    "ja": "japanese",
    "jw": "javanese",
    "ka": "georgian",
    "kk": "kazakh",
    "km": "khmer",
    "kn": "kannada",
    "ko": "korean",
    "la": "latin",
    "lb": "luxembourgish",
    "ln": "lingala",
    "lo": "lao",
    "lt": "lithuanian",
    "lv": "latvian",
    "mg": "malagasy",
    "mi": "maori",
    "mk": "macedonian",
    "ml": "malayalam",
    "mn": "mongolian",
    "mr": "marathi",
    "ms": "malay",
    "mt": "maltese",
    "my": "myanmar",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "nynorsk",
    "no": "norwegian",
    "oc": "occitan",
    "pa": "punjabi",
    "pl": "polish",
    "ps": "pashto",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sa": "sanskrit",
    "sd": "sindhi",
    "si": "sinhala",
    "sk": "slovak",
    "sl": "slovenian",
    "sn": "shona",
    "so": "somali",
    "sq": "albanian",
    "sr": "serbian",
    "su": "sundanese",
    "sv": "swedish",
    "sw": "swahili",
    "ta": "tamil",
    "te": "telugu",
    "tg": "tajik",
    "th": "thai",
    "tk": "turkmen",
    "tl": "tagalog",
    "tr": "turkish",
    "tt": "tatar",
    "uk": "ukrainian",
    "ur": "urdu",
    "uz": "uzbek",
    "vi": "vietnamese",
    "yi": "yiddish",
    "yo": "yoruba",
    "zh": "chinese",
}
_SENTENCES = (
    "Thank you for calling, how can I help you today?",
    "The weather this morning is clear with a light breeze from the west.",
    "Please remember to bring the documents to the meeting on Thursday.",
    "We walked along the river until the sun went down behind the hills.",
    "The results of the experiment were better than we expected.",
    "Let me read the first paragraph of the report out loud.",
    "Our train leaves at half past seven, so we should hurry.",
    "I think the new library downtown opens next week.",
    "She played the piano while the rest of us sang along.",
    "Could you please repeat the last part of the question?",
    "The recipe calls for two cups of flour and a pinch of salt.",
    "Every evening the birds gather in the old oak tree.",
)


def _sniff(head: bytes) -> str | None:
    """The container family the first bytes announce, where that is simple to tell."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mpeg"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    return None


_FAMILY = {"wav": "wav", "mp3": "mpeg", "mpga": "mpeg", "mpeg": "mpeg", "mp4": "mp4", "m4a": "mp4", "webm": "webm"}


def check_audio_file(filename: str, data: bytes) -> str:
    """The file's format (its suffix), or the error the API gives for an unsupported upload."""
    if len(data) > MAX_AUDIO_BYTES:
        raise PayloadTooLargeError(
            f"Maximum content size limit ({MAX_AUDIO_BYTES}) exceeded ({len(data)} bytes read)", param="file"
        )
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    found = _sniff(data[:16])
    # mpeg may also be an MPEG program stream; only contradicting, recognised magic is rejected.
    if suffix not in SUFFIXES or not data or (found is not None and found != _FAMILY[suffix]):
        raise InvalidRequestError(f"Invalid file format. Supported formats: {list(SUFFIXES)}", param="file")
    return suffix


@dataclass(frozen=True)
class Segment:
    id: int
    start: float
    end: float
    text: str
    tokens: list[int]

    def to_dict(self, temperature: float) -> dict[str, Any]:
        return {
            "id": self.id,
            "seek": int(self.start * 100),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "tokens": self.tokens,
            "temperature": temperature,
            "avg_logprob": -0.25,
            "compression_ratio": 1.3,
            "no_speech_prob": 0.01,
            "transient": False,
        }


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    duration: float
    segments: list[Segment]
    task: str
    temperature: float

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        """The JSON body: ``{"text"}``, or with ``verbose`` the task, language, duration and segments."""
        if not verbose:
            return {"text": self.text}
        return {
            "task": self.task,
            "language": self.language,
            "duration": self.duration,
            "text": self.text,
            "segments": [s.to_dict(self.temperature) for s in self.segments],
        }


def _duration(suffix: str, data: bytes) -> float:
    if suffix == "wav":
        try:
            with wave.open(io.BytesIO(data)) as w:
                frames: int = w.getnframes()
                rate: int = w.getframerate()
                return round(frames / rate, 2)
        except (wave.Error, EOFError, ZeroDivisionError):
            pass
    return round(max(1.0, len(data) / 16000), 2)


def transcribe(
    filename: str,
    data: bytes,
    *,
    translate: bool = False,
    language: str | None = None,
    prompt: str | None = None,
    temperature: float = 0.0,
) -> Transcript:
    """A deterministic transcript of the upload (the same file always reads the same)."""
    suffix = check_audio_file(filename, data)
    if language is not None and language not in _LANGUAGES:
        raise InvalidRequestError(f"Language '{language}' is not supported.", param="language")
    duration = _duration(suffix, data)
    digest = hashlib.sha256(data).digest()
    count = max(1, min(len(_SENTENCES), int(duration // 4) or 1, 2 + digest[0] % 4))
    picked = [_SENTENCES[(digest[1] + 5 * i) % len(_SENTENCES)] for i in range(count)]
    tok = tokenizer_for_model("gpt-3.5-turbo")
    step = duration / count
    segments = [
        Segment(i, round(i * step, 2), round((i + 1) * step, 2), " " + s, tok.encode(" " + s))
        for i, s in enumerate(picked)
    ]
    lang = "english" if translate or language is None else _LANGUAGES[language]
    return Transcript(
        " ".join(picked), lang, duration, segments, "translate" if translate else "transcribe", temperature
    )


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


@dataclass(frozen=True)
class FormattedTranscript:
    body: str
    content_type: str


def format_transcript(t: Transcript, response_format: str = "json") -> FormattedTranscript:
    if response_format in ("json", "verbose_json"):
        return FormattedTranscript(json.dumps(t.to_dict(response_format == "verbose_json")), _JSON)
    if response_format == "text":
        return FormattedTranscript(t.text + "\n", _TEXT)
    if response_format == "srt":
        blocks = [
            f"{s.id + 1}\n{_stamp(s.start, ',')} --> {_stamp(s.end, ',')}\n{s.text.strip()}\n" for s in t.segments
        ]
        return FormattedTranscript("\n".join(blocks) + "\n", _TEXT)
    if response_format == "vtt":
        cues = [f"{_stamp(s.start, '.')} --> {_stamp(s.end, '.')}\n{s.text.strip()}\n" for s in t.segments]
        return FormattedTranscript("WEBVTT\n\n" + "\n".join(cues) + "\n", _TEXT)
    raise InvalidRequestError(
        f"'{response_format}' is not one of {list(FORMATS)} - 'response_format'", param="response_format"
    )
