"""Handler ids the page holds, and the recorded ids mapped onto them.

A browser can only send a handler id its page rendered. Mesop computes them from the handler's
module, name and source (compute_fn_id): in debug mode `<module>.<fn>.<sha256(source)>:<event
class>`, where the app file's module is made from its absolute path (`/home/me/app/main.py` ->
`.home.me.app.main`); in prod mode a bare sha256 over all three. A session recorded in another
checkout therefore names the same handler differently, and a prod server ignores an unknown id with
only a log line: a load test would then measure nothing. So users collect the ids renders carry
(until every recorded id has its live one: ids belong to the server, so the users of a process share
the mapping) (walking the protobuf wire format, since component-specific messages are opaque bytes) and
sends the live id: the recorded one when the page has it, else the one with the same `<fn>.<sha>:
<class>` tail (a debug id from another path), else the only one with the same event class on the
component with the event's key (a debug recording replayed on a prod server, or the reverse), else
it reports the event as failed.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Optional

_DEBUG_ID = re.compile(r"^[A-Za-z0-9_.:\\-]*\.([A-Za-z_][A-Za-z0-9_]*\.[0-9a-f]{64}(?::[A-Za-z0-9_.]+)?)$")
_PROD_ID = re.compile(r"^[0-9a-f]{64}(?::[A-Za-z0-9_.]+)?$")
_MAX_DEPTH = 64


def _varint(data: bytes, i: int) -> tuple[int, int]:
  shift = result = 0
  while True:
    if i >= len(data) or shift > 63:
      raise ValueError("truncated varint")
    b = data[i]
    i += 1
    result |= (b & 0x7F) << shift
    if not b & 0x80:
      return result, i
    shift += 7


def _strings(data: bytes, depth: int = 0) -> Iterator[bytes]:
  """Every length-delimited field, recursively (a field that does not parse as a message is a leaf)."""
  i, n = 0, len(data)
  fields: list[bytes] = []
  while i < n:
    key, i = _varint(data, i)
    wire = key & 7
    if key >> 3 == 0:
      raise ValueError("field 0")
    if wire == 0:
      _, i = _varint(data, i)
    elif wire == 1:
      i += 8
    elif wire == 5:
      i += 4
    elif wire == 2:
      size, i = _varint(data, i)
      if i + size > n:
        raise ValueError("truncated field")
      fields.append(data[i:i + size])
      i += size
    else:
      raise ValueError("group or bad wire type")
    if i > n:
      raise ValueError("truncated")
  for field in fields:
    yield field
    if depth < _MAX_DEPTH and field:
      try:
        yield from list(_strings(field, depth + 1))
      except ValueError:
        pass


def handler_ids(serialized: bytes) -> set[str]:
  """Handler ids found anywhere in a serialized message (a RenderEvent)."""
  found: set[str] = set()
  try:
    for raw in _strings(serialized):
      if 64 <= len(raw) <= 1000 and raw[:1] != b"\n":
        try:
          text = raw.decode("ascii")
        except UnicodeDecodeError:
          continue
        if _PROD_ID.match(text) or _DEBUG_ID.match(text):
          found.add(text)
  except ValueError:
    pass
  return found


def portable_tail(handler_id: str) -> Optional[str]:
  m = _DEBUG_ID.match(handler_id)
  return m.group(1) if m else None


def event_class(handler_id: str) -> str:
  return handler_id.split(":", 1)[1] if ":" in handler_id else ""


class HandlerMap:
  """The ids one page holds, and recorded id -> live id."""

  def __init__(self) -> None:
    self.live: set[str] = set()
    self._tails: dict[str, str] = {}
    self._by_key: dict[tuple[str, str], set[str]] = {}

  def learn(self, render: Any) -> None:
    """A RenderEvent: its full tree or its diff."""
    if render.HasField("root_component"):
      self._component(render.root_component)
    elif render.HasField("component_diff"):
      self._diff(render.component_diff)

  def _add(self, key: str, type_value: bytes) -> None:
    for handler_id in handler_ids(type_value):
      self.live.add(handler_id)
      tail = portable_tail(handler_id)
      if tail:
        self._tails[tail] = handler_id
      if key:
        self._by_key.setdefault((key, event_class(handler_id)), set()).add(handler_id)

  def _component(self, component: Any) -> None:
    stack = [component]
    while stack:
      c = stack.pop()
      self._add(c.key.key, c.type.value)
      stack.extend(c.children)

  def _diff(self, diff: Any) -> None:
    stack = [diff]
    while stack:
      d = stack.pop()
      if d.HasField("component"):
        self._component(d.component)
      if d.HasField("type"):
        self._add(d.key.key, d.type.value)
      stack.extend(d.children)

  def live_id(self, recorded: str, key: str) -> Optional[str]:
    if recorded in self.live:
      return recorded
    tail = portable_tail(recorded)
    if tail and tail in self._tails:
      return self._tails[tail]
    same = self._by_key.get((key, event_class(recorded)), set())
    return next(iter(same)) if len(same) == 1 else None
