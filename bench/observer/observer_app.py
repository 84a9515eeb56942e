"""The observer-effect bench's app (bench/observer-effect.ts): a state of a chosen size, replaced on
every event, so each event carries it up (no session backend: the request holds the whole state) and
down (the diff holds the new value).

- `Grow`: sets `blob` to `?kb=N` kilobytes (query parameter; 1000 bytes a kB).
- `Touch`: replaces `blob` by a string of the same size with another letter, and counts.
With OBSERVER_RENDER=1 the page also renders the blob (in a hidden box: no layout), so in
WebSocket mode, where the state stays on the server, each frame carries it.
Run: `.venv/bin/mesop bench/observer/observer_app.py --prod --port 32123`.
"""

import os

import mesop as me

_RENDER = os.environ.get("OBSERVER_RENDER") == "1"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@me.stateclass
class State:
  blob: str = ""
  touches: int = 0


def _size() -> int:
  try:
    return int(me.query_params.get("kb", "100")) * 1000
  except ValueError:
    return 100_000


def on_grow(e: me.ClickEvent):
  me.state(State).blob = "a" * _size()


def on_touch(e: me.ClickEvent):
  state = me.state(State)
  state.touches += 1
  state.blob = _LETTERS[state.touches % len(_LETTERS)] * len(state.blob)


@me.page(path="/")
def page():
  state = me.state(State)
  me.button("Grow", on_click=on_grow)
  me.button("Touch", on_click=on_touch)
  me.text(f"blob: {len(state.blob)} chars, touches: {state.touches}")
  if _RENDER:
    with me.box(style=me.Style(display="none")):
      me.text(state.blob)
