"""Sample app: a state that grows past what a browser tool can hold (issue 7, huge inputs).

"Grow" puts a string of HUGE_STATE_MB megabytes (default 100) into state; "Touch" bumps a counter,
so without a session backend its request carries the whole state up again. With HUGE_RENDER=1 the
page also renders the string (in a hidden box: no layout), so the component tree carries it too:
in WebSocket mode, where state stays on the server, that is what makes a frame huge. Run:
`HUGE_STATE_MB=100 .venv/bin/mesop test/apps/huge.py --port 32123`.
"""

import os

import mesop as me

_MB = int(os.environ.get("HUGE_STATE_MB", "100"))
_RENDER = os.environ.get("HUGE_RENDER") == "1"


@me.stateclass
class State:
  blob: str = ""
  touches: int = 0


def on_grow(e: me.ClickEvent):
  me.state(State).blob = "x" * (_MB * 1_000_000)


def on_touch(e: me.ClickEvent):
  me.state(State).touches += 1


@me.page(path="/")
def page():
  state = me.state(State)
  me.button("Grow", on_click=on_grow)
  me.button("Touch", on_click=on_touch)
  me.text(f"blob: {len(state.blob)} chars, touches: {state.touches}")
  if _RENDER:
    with me.box(style=me.Style(display="none")):
      me.text(state.blob)
