"""Sample chat app for fixture recording.

A text input and a "Send" button: every send appends the user's message and a canned bot reply to
`State.history`, so the state (and, without a session backend, every upload) grows with each event.
Run: `.venv/bin/mesop test/apps/chat.py --port 32123`.
"""

from dataclasses import dataclass, field

import mesop as me


@dataclass
class ChatMessage:
  role: str = ""  # "user" or "bot"
  content: str = ""


@me.stateclass
class State:
  draft: str = ""  # the text input's current value (updated on blur)
  history: list[ChatMessage] = field(default_factory=list)


def on_blur(e: me.InputBlurEvent) -> None:
  me.state(State).draft = e.value


def on_send(e: me.ClickEvent) -> None:
  state = me.state(State)
  text = state.draft.strip() or "(empty)"
  state.history.append(ChatMessage(role="user", content=text))
  # A deterministic reply that is longer than the question, like a real bot's.
  reply = f"You said {text!r}. " + "This is a canned answer with some padding. " * 3
  state.history.append(ChatMessage(role="bot", content=reply))
  state.draft = ""


@me.page(path="/", title="Chat")
def page() -> None:
  state = me.state(State)
  for i, msg in enumerate(state.history):
    me.text(f"{msg.role}: {msg.content}", key=f"msg-{i}")
  me.input(label="Message", key="draft", value=state.draft, on_blur=on_blur)
  me.button("Send", key="send", on_click=on_send)
