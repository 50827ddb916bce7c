"""The text of an event stream, split into its events (the WHATWG HTML "event stream" format).

An event is its lines up to a blank line; CR LF, LF and CR all end a line. `EventDecoder.feed` takes
each piece of text as it is read and returns the events it completes, as `(event type, data)` pairs.
It works on whole pieces: line ends are normalised to LF and the text split on blank lines in bulk, and
an event that is one `data: ` line (every chunk OpenAI sends) is taken as it is, without parsing lines.

`id:` and `retry:` are recognised fields that nothing here reports (the streams do not reconnect), and
an event without `data:` or `event:` lines is dropped. An event longer than `max_event_size`
characters raises StreamError as soon as that much of it has been fed, so that an endless line cannot
grow the process without limit.
"""

from __future__ import annotations

from .exceptions import StreamError

__all__ = ["EventDecoder", "ServerEvent"]

ServerEvent = tuple[str, str]
"""An event's type (`message` unless an `event:` line names one) and its data lines joined by LF."""

_BOM = "\ufeff"


class EventDecoder:
    """Splits the text of one stream into events, piece by piece."""

    def __init__(self, max_event_size: int) -> None:
        self.limit = max_event_size
        self._parts: list[str] = []  # the unfinished event: the text after the last blank line
        self._size = 0
        self._held_cr = False  # the last piece ended in CR, which may be the first half of CR LF
        self._started = False

    def feed(self, text: str) -> list[ServerEvent]:
        """The events that `text`, the next piece of the stream, completes."""
        if not self._started and text:
            self._started = True
            if text.startswith(_BOM):  # one byte order mark may open the stream
                text = text[1:]
        if self._held_cr:
            text = "\r" + text
            self._held_cr = False
        if text.endswith("\r"):
            self._held_cr = True
            text = text[:-1]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\n\n" not in text and not (text.startswith("\n") and self._parts and self._parts[-1].endswith("\n")):
            return self._hold(text)  # no event ends in this piece
        if self._parts:
            self._parts.append(text)
            text = "".join(self._parts)
        blocks = text.split("\n\n")
        rest = blocks.pop()
        self._parts = [rest] if rest else []
        self._size = len(rest)
        limit = self.limit
        if self._size > limit:
            raise self._too_large()
        events: list[ServerEvent] = []
        for block in blocks:
            if len(block) > limit:
                raise self._too_large()
            if block.startswith("data: ") and "\n" not in block:
                events.append(("message", block[6:]))
            elif block:
                events.extend(_parse_block(block))
        return events

    def end(self) -> list[ServerEvent]:
        """The events the end of the body completes: a CR held back as the possible half of CR LF ends a line.
        An event that no blank line ended is discarded, as the spec says."""
        if not self._held_cr:
            return []
        self._held_cr = False
        return self.feed("\n")

    def _hold(self, text: str) -> list[ServerEvent]:
        if text:
            self._parts.append(text)
            self._size += len(text)
            if self._size > self.limit:
                raise self._too_large()
        return []

    def _too_large(self) -> StreamError:
        return StreamError(
            f"an event grew beyond max_event_size ({self.limit} characters) before it ended;"
            " the stream is closed (raise max_event_size if such events are expected)"
        )


def _parse_block(block: str) -> list[ServerEvent]:
    """The events of a block of lines without a blank line between them, save for leading ones."""
    events: list[ServerEvent] = []
    kind = ""
    data: list[str] = []
    for line in block.split("\n"):
        if not line:  # only at the start of a block: a blank line after a blank line ends no event
            continue
        if line.startswith(":"):
            continue  # a comment
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            data.append(value)
        elif name == "event":
            kind = value
        # `id` and `retry` are valid fields with nothing to report; other names are ignored, as the spec says.
    if data or kind:
        events.append((kind or "message", "\n".join(data)))
    return events
