"""Spike app for the extension's capture tests (test/extension/capture.e2e.test.ts).

Owned by the extension capture work; the sample apps for analysis live beside it. Every control
produces exactly one UI event (one POST /__ui__ in SSE mode, one sent frame in WebSocket mode):
- "Increment" (plain handler, 1 render)
- "Stream" (generator: 5 renders spaced by 60 ms, so the SSE response spans ~300 ms)
- "Add 200 kB" (grows state by a 200 kB string: request bodies get big fast)
- the text input (on_blur)
"""

import time

import mesop as me


@me.stateclass
class State:
  count: int = 0
  text: str = ""
  blobs: list[str]
  streamed: int = 0


def increment(e: me.ClickEvent):
  me.state(State).count += 1


def stream(e: me.ClickEvent):
  state = me.state(State)
  for _ in range(5):
    state.streamed += 1
    time.sleep(0.06)
    yield


def add_blob(e: me.ClickEvent):
  # 200 kB of ASCII: stays 200 kB in the JSON state, ~267 kB once base64-encoded upstream.
  me.state(State).blobs.append("x" * 200_000)


def on_blur(e: me.InputBlurEvent):
  me.state(State).text = e.value


@me.page(path="/")
def page():
  state = me.state(State)
  me.text(f"count={state.count} streamed={state.streamed} blobs={len(state.blobs)}", key="status")
  me.button("Increment", on_click=increment, key="inc")
  me.button("Stream", on_click=stream, key="stream")
  me.button("Add 200 kB", on_click=add_blob, key="blob")
  me.input(label="Text", on_blur=on_blur, key="text")
  me.text(f"text={state.text}", key="echo")
