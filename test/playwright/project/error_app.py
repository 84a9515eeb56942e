"""Sample app whose button handler raises, to record Mesop's `ServerError` response.

Run: `.venv/bin/mesop test/apps/error.py --port 32123`.
"""

import mesop as me


@me.stateclass
class State:
  clicks: int = 0


def on_ok(e: me.ClickEvent) -> None:
  me.state(State).clicks += 1


def on_boom(e: me.ClickEvent) -> None:
  me.state(State).clicks += 1  # mutated before the raise: the diff is never sent
  raise ValueError("Boom: this handler always fails (fixture)")


@me.page(path="/", title="Error")
def page() -> None:
  me.text(f"Clicks: {me.state(State).clicks}")
  me.button("Fine", key="ok", on_click=on_ok)
  me.button("Explode", key="boom", on_click=on_boom)
