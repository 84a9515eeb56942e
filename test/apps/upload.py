"""Sample app: `me.uploader` whose handler keeps the `me.UploadedFile` in state.

The upload arrives as a `UserEvent.bytes_value` (a serialized `UploadEvent` with the file's bytes),
and the stored file comes back as a `mesop_equality_changed` diff with an
`{"__mesop.UploadedFile__": {...}}` marker; without a session backend it then goes up again with
every later event. Run: `.venv/bin/mesop test/apps/upload.py --port 32123`.
"""

import mesop as me


@me.stateclass
class State:
  file: me.UploadedFile
  uploads: int = 0


def on_upload(e: me.UploadEvent) -> None:
  state = me.state(State)
  state.file = e.file
  state.uploads += 1


def on_touch(e: me.ClickEvent) -> None:
  me.state(State).uploads += 0  # no change: the request still carries the stored file


@me.page(path="/", title="Upload")
def page() -> None:
  state = me.state(State)
  me.uploader(label="Upload file", key="uploader", on_upload=on_upload)
  me.text(f"Stored: {state.file.name or '-'} ({state.file.size} bytes), uploads: {state.uploads}")
  me.button("Touch", key="touch", on_click=on_touch)
