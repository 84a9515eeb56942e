"""The chat app (test/apps/chat.py) with a state field whose size the test chooses.

`CHAT_STATE_PADDING=<n>` (default 0) starts every session with an n-character `notes` field, which
(without a session backend) every event uploads again: "the app changed to upload a larger state"
for the Recorder export's test (test/extension/recorder-export.e2e.test.ts).
Run: `CHAT_STATE_PADDING=20000 .venv/bin/mesop test/apps/chat_padded.py --port 32123`.
"""

import os
from dataclasses import dataclass, field

import mesop as me

PADDING = int(os.environ.get("CHAT_STATE_PADDING", "0"))


@dataclass
class ChatMessage:
  role: str = ""
  content: str = ""


@me.stateclass
class State:
  draft: str = ""
  history: list[ChatMessage] = field(default_factory=list)
  notes: str = "n" * PADDING


def on_blur(e: me.InputBlurEvent) -> None:
  me.state(State).draft = e.value


def on_send(e: me.ClickEvent) -> None:
  state = me.state(State)
  text = state.draft.strip() or "(empty)"
  state.history.append(ChatMessage(role="user", content=text))
  state.history.append(ChatMessage(role="bot", content=f"You said {text!r}."))
  state.draft = ""


@me.page(path="/", title="Chat")
def page() -> None:
  state = me.state(State)
  for i, msg in enumerate(state.history):
    me.text(f"{msg.role}: {msg.content}", key=f"msg-{i}")
  me.input(label="Message", key="draft", value=state.draft, on_blur=on_blur)
  me.button("Send", key="send", on_click=on_send)
