"""Sample app for DeepDiff 8's list opcodes on Mesop 1.3.7 and the client bug they expose.

- "Edit middle" inserts two items in the middle of a list of strings: DeepDiff sends
  `iterable_items_inserted` between `iterable_items_equal` rows (normal protocol rows the client
  ignores; they are not problems), and the client applies it correctly.
- "Delete three" runs `del words[1:4]`: one multi-item `iterable_items_deleted` row, which the
  1.3.7 client applies as a one-item deletion, so the browser keeps two items the server removed.
- "Replace middle" runs `words[1:4] = ["r"]`: DeepDiff sends `iterable_items_replaced` (with a
  `values_changed` row for the first item), which the 1.3.7 client ignores: it keeps two items more.
- "Touch" changes another field: the next upload (no backend) carries the browser's wrong list.
Run: `.venv/bin/mesop test/apps/lists.py --port 32123`.
"""

from dataclasses import field

import mesop as me


@me.stateclass
class Lists:
  words: list[str] = field(
    default_factory=lambda: ["one", "two", "three", "four", "five", "six", "seven"]
  )
  touches: int = 0


def edit_middle(e: me.ClickEvent) -> None:
  me.state(Lists).words[3:3] = ["new-a", "new-b"]


def delete_three(e: me.ClickEvent) -> None:
  del me.state(Lists).words[1:4]


def replace_middle(e: me.ClickEvent) -> None:
  me.state(Lists).words[1:4] = ["r"]


def touch(e: me.ClickEvent) -> None:
  me.state(Lists).touches += 1


@me.page(path="/", title="Lists")
def page() -> None:
  state = me.state(Lists)
  me.text(f"words: {len(state.words)} | touches: {state.touches}")
  me.button("Edit middle", key="edit", on_click=edit_middle)
  me.button("Delete three", key="delete", on_click=delete_three)
  me.button("Replace middle", key="replace", on_click=replace_middle)
  me.button("Touch", key="touch", on_click=touch)
