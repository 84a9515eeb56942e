"""Sample app: a response made big by what is rendered, not by state (the heavy-component-tree rule).

The state is one small counter; the page renders 1,500 text rows whose values depend on it, so
every "Shuffle" sends a component diff of all of them (over 100 kB in debug mode) while the
state diff stays a few bytes: a session backend would not help, rendering less would.
Run: `.venv/bin/mesop test/apps/table.py --port 32123`.
"""

import mesop as me

_ROWS = 1500


@me.stateclass
class State:
  seed: int = 0


def on_shuffle(e: me.ClickEvent):
  me.state(State).seed += 1


@me.page(path="/")
def page():
  state = me.state(State)
  me.button("Shuffle", on_click=on_shuffle)
  for i in range(_ROWS):
    me.text(f"row {i}: value {(i * 7919 + state.seed * 104729) % 100000}")
