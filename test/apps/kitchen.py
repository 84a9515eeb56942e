"""Sample "kitchen sink" app: every state shape and every kind of state diff Mesop sends.

Two state classes (sent by position: 0 = Kitchen, 1 = Visits), with bytes, datetime, date, set,
nested dataclasses, a list of dataclasses, a dict (including a key that looks like an integer,
which JavaScript objects reorder), an optional field (type changes) and non-ASCII text. Each
button makes one kind of change, so the recorded diffs cover values_changed, type_changes,
dictionary_item_added/removed, iterable_item_added/removed, set_item_added/removed and
DeepDiff 8's iterable_items_inserted/deleted opcodes. A second page (`/second`, with an on_load)
is reached with me.navigate and left with the browser's back button (a `navigation` event).
Run: `.venv/bin/mesop test/apps/kitchen.py --port 32123`.
"""

import datetime
from dataclasses import dataclass, field

import mesop as me


@dataclass
class Geo:
  lat: float = 0.0  # Python writes 0.0, JSON.stringify writes 0: the mirror's bytes change
  lng: float = 2.35


@dataclass
class Address:
  street: str = "1 rue de la Paix"
  city: str = "Lyon"
  geo: Geo = field(default_factory=Geo)


@dataclass
class Item:
  name: str = ""
  qty: int = 0
  labels: list[str] = field(default_factory=list)


@me.stateclass
class Kitchen:
  blob: bytes = b"\x00\x01\x02 binary \xff"
  created: datetime.datetime = datetime.datetime(2024, 1, 2, 3, 4, 5)
  birthday: datetime.date = datetime.date(1990, 5, 17)
  tags: set[str] = field(default_factory=lambda: {"alpha"})
  address: Address = field(default_factory=Address)
  items: list[Item] = field(
    default_factory=lambda: [Item("apple", 1, ["fruit"]), Item("bread", 2)]
  )
  meta: dict[str, str] = field(
    default_factory=lambda: {"lang": "fr", "content-type": "text/plain"}
  )
  greeting: str = "Café 東京 🎉"
  words: list[str] = field(
    default_factory=lambda: ["one", "two", "three", "four", "five"]
  )
  note: str | None = None


@me.stateclass
class Visits:
  second_page_loads: int = 0
  log: list[str] = field(default_factory=list)


def add_item(e: me.ClickEvent) -> None:
  items = me.state(Kitchen).items
  items.append(Item(f"item-{len(items)}", len(items), ["new", "ünïcödé"]))


def remove_first_item(e: me.ClickEvent) -> None:
  me.state(Kitchen).items.pop(0)


def add_key(e: me.ClickEvent) -> None:
  # "7" is an integer-like key: JSON.parse/stringify moves it first in the client's copy.
  me.state(Kitchen).meta["7"] = "sept"
  me.state(Kitchen).meta["emoji 🍕"] = "pizza"


def remove_key(e: me.ClickEvent) -> None:
  del me.state(Kitchen).meta["lang"]


def add_tag(e: me.ClickEvent) -> None:
  me.state(Kitchen).tags.add("beta")


def remove_tag(e: me.ClickEvent) -> None:
  me.state(Kitchen).tags.discard("alpha")


def change_nested(e: me.ClickEvent) -> None:
  state = me.state(Kitchen)
  state.address.city = "Zürich"
  state.address.geo.lat = 47.3769
  state.items[0].labels.append("fresh")


def change_scalars(e: me.ClickEvent) -> None:
  state = me.state(Kitchen)
  state.blob = state.blob + b"\x10more"
  state.created = state.created + datetime.timedelta(days=1, seconds=30)
  state.birthday = datetime.date(1991, 6, 18)
  state.greeting = "Grüße 世界 🌍"


def toggle_note(e: me.ClickEvent) -> None:
  state = me.state(Kitchen)
  state.note = "a note" if state.note is None else None  # None <-> str: type_changes


def remove_words(e: me.ClickEvent) -> None:
  del me.state(Kitchen).words[1:3]  # several at once: DeepDiff 8 sends an opcode


def insert_words(e: me.ClickEvent) -> None:
  me.state(Kitchen).words[1:1] = ["uno", "dos", "tres"]


def go_second(e: me.ClickEvent) -> None:
  me.navigate("/second")


def second_on_load(e: me.LoadEvent) -> None:
  visits = me.state(Visits)
  visits.second_page_loads += 1
  visits.log.append(f"load {visits.second_page_loads}")


def log_visit(e: me.ClickEvent) -> None:
  me.state(Visits).log.append("clicked on /second")


_BUTTONS = [
  ("Add item", add_item),
  ("Remove first item", remove_first_item),
  ("Add keys", add_key),
  ("Remove key", remove_key),
  ("Add tag", add_tag),
  ("Remove tag", remove_tag),
  ("Change nested", change_nested),
  ("Change scalars", change_scalars),
  ("Toggle note", toggle_note),
  ("Remove words", remove_words),
  ("Insert words", insert_words),
  ("Go to second page", go_second),
]


@me.page(path="/", title="Kitchen")
def home() -> None:
  state = me.state(Kitchen)
  me.text(f"{state.greeting} | items: {[i.name for i in state.items]}")
  me.text(f"words: {' '.join(state.words)} | tags: {sorted(state.tags)}")
  for label, handler in _BUTTONS:
    me.button(label, key=label.lower().replace(" ", "-"), on_click=handler)


@me.page(path="/second", title="Second", on_load=second_on_load)
def second() -> None:
  visits = me.state(Visits)
  me.text(f"Second page, loads: {visits.second_page_loads}, log: {visits.log}")
  me.button("Log visit", key="log-visit", on_click=log_visit)
