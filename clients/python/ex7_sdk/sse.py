"""A Server-Sent Events parser, as the WHATWG HTML standard defines it (9.2.6 "Interpreting an event
stream"), with no I/O: feed it the bytes of one connection as they arrive, it returns the events they
complete. Both SignalStream and AsyncSignalStream read through it.

What the standard asks, and where it is done here:
- UTF-8, decoded incrementally (a character split across chunks is not mangled), invalid bytes replaced;
  one leading BOM is dropped;
- lines end at CRLF, LF or CR, even when a CRLF is split across two chunks;
- `:` starts a comment (our `: heartbeat`), ignored;
- `field: value` drops one space after the colon; a line without a colon is a field with an empty value;
- `data` lines are joined with LF; `event` names the type (`message` when absent); `id` sets the last
  event id unless it holds NUL; `retry` sets the reconnection time if it is all ASCII digits; other
  fields are ignored;
- a blank line dispatches: nothing when no data came (the last event id still moves, as the standard
  says), and the buffers are reset, except the last event id, which carries over to later events;
- an event cut off by the end of the stream (no blank line yet) is never dispatched, and its id is not
  taken: a client resuming from `last_event_id` gets that event again, whole.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_EOL = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched event. `id` is the `id:` field of this event itself (None when it had none);
    `last_event_id` is what the standard's `lastEventId` is: the last id seen so far on the stream."""

    event: str
    data: str
    id: str | None
    last_event_id: str


class SSEParser:
    """Feed one connection's bytes (or text) with `feed`; each call returns the events completed by it.

    `last_event_id` (what to send as Last-Event-ID when reconnecting) and `retry` (the reconnection time
    the server asked for, in ms, or None) are kept across connections: pass them to the next parser."""

    def __init__(self, last_event_id: str = "", retry: int | None = None) -> None:
        self.last_event_id = last_event_id  # the standard's "last event ID string" (moved on dispatch)
        self.retry = retry
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._started = False  # the BOM check is done on the stream's first characters
        self._skip_lf = False  # the previous chunk ended in CR: an LF opening this one belongs to it
        self._line = ""  # the unfinished line
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None  # the `id:` of the event being read (None: none yet)
        self._id_buffer = last_event_id  # the standard's "last event ID buffer"

    def feed(self, chunk: bytes | str) -> list[ServerSentEvent]:
        text = self._decoder.decode(chunk) if isinstance(chunk, bytes) else chunk
        if not text:
            return []
        if not self._started:
            self._started = True
            if text.startswith(_BOM):
                text = text[1:]
        if self._skip_lf:
            self._skip_lf = False
            if text.startswith("\n"):
                text = text[1:]
        out: list[ServerSentEvent] = []
        buffer = self._line + text
        pos = 0
        for match in _EOL.finditer(buffer):
            event = self._process(buffer[pos:match.start()])
            if event is not None:
                out.append(event)
            pos = match.end()
            # A CR at the very end may be the first half of a CRLF whose LF comes with the next chunk.
            self._skip_lf = match.group() == "\r" and pos == len(buffer)
        self._line = buffer[pos:]
        return out

    def _process(self, line: str) -> ServerSentEvent | None:
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._id_buffer = value
                self._id = value
        elif name == "retry":
            if value and value.isascii() and value.isdigit():
                self.retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        self.last_event_id = self._id_buffer
        data, event, own_id = self._data, self._event, self._id
        self._data, self._event, self._id = [], "", None
        if not data:
            return None
        return ServerSentEvent(event=event or "message", data="\n".join(data), id=own_id,
                               last_event_id=self.last_event_id)
