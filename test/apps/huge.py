"""Sample app: a state that grows past what a browser tool can hold (issue 7, huge inputs).

"Grow" puts a string of HUGE_STATE_MB megabytes (default 100) into state; "Touch" bumps a counter,
so without a session backend its request carries the whole state up again. Run:
`HUGE_STATE_MB=100 .venv/bin/mesop test/apps/huge.py --port 32123`.
"""

import os

import mesop as me

_MB = int(os.environ.get("HUGE_STATE_MB", "100"))


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
