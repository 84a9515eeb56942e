"""Sample app for what the rules used to miss: a heavy first load and a handler that streams renders.

- `/` renders 80 cards of about 3 kB of text each: the page load's component tree is about
  500 kB (Mesop's component protobuf is bigger than the text), and the response is over the
  500 kB response threshold.
- `/stream`: "Stream" appends one 2 kB line per step and yields 40 times: one response made of
  40 renders (the page shows the count and the last line only, so each render stays small).
Run: `.venv/bin/mesop test/apps/stream.py --port 32123`.
"""

from dataclasses import field

import mesop as me

CARD_TEXT = " ".join(f"word{i:04d}" for i in range(330))  # ~3 kB


@me.stateclass
class Stream:
  lines: list[str] = field(default_factory=list)


def stream(e: me.ClickEvent):
  state = me.state(Stream)
  for step in range(40):
    state.lines.append(f"step {step:02d} " + "x" * 2000)
    yield


@me.page(path="/", title="Cards")
def cards() -> None:
  for card in range(80):
    with me.box(key=f"card-{card}"):
      me.text(f"Card {card}: {CARD_TEXT}")


@me.page(path="/stream", title="Stream")
def stream_page() -> None:
  state = me.state(Stream)
  me.button("Stream", key="stream", on_click=stream)
  me.text(f"lines: {len(state.lines)}")
  if state.lines:
    me.text(state.lines[-1])
