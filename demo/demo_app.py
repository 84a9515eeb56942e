"""The app `mesop-devtools demo` runs: a chat whose state grows, and a picture kept in state.

Every "Send" appends the message and a reply to `State.history`, so the state (and, without a
session backend, every request) grows with each event. Asking for a picture makes the bot draw one:
a ~60 kB PNG kept in state as a base64 data URL and shown with me.image, the classic Mesop payload
problem (the browser uploads it again with every later click). Standard library only, so it runs
under any recent `pip install mesop`. Run it yourself: `mesop demo_app.py`.
"""

import base64
import random
import struct
import zlib
from dataclasses import dataclass, field

import mesop as me


@dataclass
class ChatMessage:
  role: str = ""  # "user" or "bot"
  content: str = ""


@me.stateclass
class State:
  draft: str = ""  # the text input's value (updated on blur)
  history: list[ChatMessage] = field(default_factory=list)
  picture: str = ""  # "data:image/png;base64,..." once the bot drew one


def _png_chunk(kind: bytes, data: bytes) -> bytes:
  crc = zlib.crc32(kind + data) & 0xFFFFFFFF
  return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def draw_picture(seed: int, width: int = 144, height: int = 144) -> bytes:
  """A colourful, noisy (hence incompressible) RGB PNG made with zlib + struct, no PIL."""
  rng = random.Random(seed)
  rows = []
  for y in range(height):
    row = bytearray(b"\x00")  # filter type 0 for this row
    for x in range(width):
      row += bytes(((x * 255 // width) ^ rng.randrange(64), (y * 255 // height) ^ rng.randrange(64), rng.randrange(256)))
    rows.append(bytes(row))
  header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
  return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _png_chunk(b"IEND", b"")


def on_blur(e: me.InputBlurEvent) -> None:
  me.state(State).draft = e.value


def on_send(e: me.ClickEvent) -> None:
  state = me.state(State)
  text = state.draft.strip() or "(empty)"
  state.history.append(ChatMessage(role="user", content=text))
  if "picture" in text.lower():
    png = draw_picture(seed=len(state.history))
    state.picture = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    reply = f"Here is a picture ({len(png) // 1000} kB of PNG, kept in state as a data URL)."
  else:
    # A deterministic reply longer than the question, like a real bot's.
    reply = f"You said {text!r}. " + "This is a canned answer with some padding. " * 3
  state.history.append(ChatMessage(role="bot", content=reply))
  state.draft = ""


@me.page(path="/", title="mesop-devtools demo")
def page() -> None:
  state = me.state(State)
  for i, msg in enumerate(state.history):
    me.text(f"{msg.role}: {msg.content}", key=f"msg-{i}")
  if state.picture:
    me.image(src=state.picture, alt="the bot's picture", style=me.Style(width=144, height=144))
  me.input(label="Message", key="draft", value=state.draft, on_blur=on_blur)
  me.button("Send", key="send", on_click=on_send)
