"""The state a virtual user holds, kept exactly as Mesop's 1.3.7 web client keeps it.

One JSON string per state class: replaced by `full_states`, patched by `diff_states` the way
`applyStateDiff` (mesop/web/src/utils/diff.ts) patches it, then re-serialized as `JSON.stringify`
writes it, because that string is what the client uploads with its next event. The same rules as the
TypeScript core's mirror (src/core/session/apply-state-diff.ts), client quirks included:
- a diff text of exactly `[]` leaves the string untouched (no re-serialization);
- `iterable_item_removed` rows go first, in reverse order;
- `iterable_items_deleted` removes `t2_to_index - t2_from_index + 1` items (the client's count);
- `iterable_items_replaced` and unknown actions are ignored, as the client ignores them;
- `set_item_added` on a missing list one level up creates it.
"""
from __future__ import annotations

import json
import math
from typing import Any

_MISSING = object()


class MirrorError(Exception):
  """The client would throw here (count mismatch, a path that does not exist): it keeps its copy."""


def js_number(x: float | int) -> str:
  """Number.prototype.toString, as JSON.stringify writes numbers."""
  if isinstance(x, int):
    if abs(x) < 2**53:
      return str(x)
    x = float(x)
  if not math.isfinite(x):
    return "null"
  if x == 0:
    return "0"
  if x.is_integer() and abs(x) < 1e21:
    return str(int(x)) if abs(x) < 2**53 else _expand(repr(x))
  text = repr(x)
  return _expand(text) if "e" in text else text


def _expand(text: str) -> str:
  """Python's shortest repr with an exponent -> JavaScript's form (plain from 1e-7 to 1e21)."""
  if "e" not in text:
    return text.removesuffix(".0")
  mantissa, exp_text = text.split("e")
  sign = "-" if mantissa.startswith("-") else ""
  digits = mantissa.lstrip("-").replace(".", "").rstrip("0") or "0"
  exp = int(exp_text)
  if -7 <= exp < 21:
    point = exp + 1
    if point <= 0:
      return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
      return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"
  rest = f".{digits[1:]}" if len(digits) > 1 else ""
  return f"{sign}{digits[0]}{rest}e{'+' if exp > 0 else '-'}{abs(exp)}"


def _is_index_key(key: str) -> bool:
  return key.isdigit() and (key == "0" or key[0] != "0") and int(key) < 2**32 - 1


def stringify(value: Any) -> str:
  """JSON.stringify(value) for a value JSON.parse made: compact, integer-like keys first."""
  if value is None or value is _MISSING:
    return "null"
  if value is True:
    return "true"
  if value is False:
    return "false"
  if isinstance(value, (int, float)):
    return js_number(value)
  if isinstance(value, str):
    return json.dumps(value, ensure_ascii=False)
  if isinstance(value, list):
    return "[" + ",".join(stringify(item) for item in value) + "]"
  keys = sorted((k for k in value if _is_index_key(k)), key=int) + [k for k in value if not _is_index_key(k)]
  return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + stringify(value[k]) for k in keys if value[k] is not _MISSING) + "}"


def _key(container: Any, seg: Any) -> Any:
  """A path segment as JavaScript indexes `container` with it (object keys are strings)."""
  if isinstance(container, dict):
    return seg if isinstance(seg, str) else js_number(seg)
  return seg


def _child(container: Any, seg: Any) -> Any:
  if isinstance(container, list):
    return container[seg] if isinstance(seg, int) and 0 <= seg < len(container) else _MISSING
  if isinstance(container, dict):
    return container.get(_key(container, seg), _MISSING)
  return _MISSING


def _parent(root: list[Any], path: list[Any], create_list: bool = False) -> tuple[Any, Any]:
  """The container holding the path's last segment (root is a one-item box for the whole value)."""
  if not path:
    raise MirrorError("diff row without a path")
  node = root[0]
  for i, seg in enumerate(path[:-1]):
    if not isinstance(node, (dict, list)):
      raise MirrorError(f"{path}: not an object at segment {i}")
    if create_list and _child(node, seg) is _MISSING and i + 2 == len(path):
      _assign(node, seg, [])
    node = _child(node, seg)
  if not isinstance(node, (dict, list)):
    raise MirrorError(f"{path}: parent is not an object")
  return node, path[-1]


def _assign(container: Any, seg: Any, value: Any) -> None:
  if isinstance(container, list):
    if not isinstance(seg, int):
      raise MirrorError(f"list index {seg!r} is not a number")
    container.extend([_MISSING] * (seg + 1 - len(container)))
    container[seg] = value
  else:
    container[_key(container, seg)] = value


def _list_at(parent: Any, key: Any) -> list[Any]:
  value = _child(parent, key)
  if not isinstance(value, list):
    raise MirrorError(f"{key!r} is not a list")
  return value


def _splice(items: Any, start: Any, delete: int, insert: list[Any]) -> None:
  if not isinstance(items, list):
    raise MirrorError("splice on a non-list")
  n = len(items)
  at = int(start)
  at = max(0, n + at) if at < 0 else min(at, n)
  items[at:at + max(0, delete)] = insert


def _same_in_set(a: Any, b: Any) -> bool:
  """JavaScript Set identity: primitives by value and type, objects never equal a parsed value."""
  if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
    return a is b
  if isinstance(a, bool) or isinstance(b, bool):
    return type(a) is type(b) and a == b
  return a == b and isinstance(a, str) == isinstance(b, str)


def apply_diff_text(state: str, diff_text: str) -> str:
  """One class: the client's new JSON string after applying `diff_text` to `state`."""
  if diff_text == "[]":
    return state
  box = [json.loads(state)]
  rows = json.loads(diff_text)
  if not isinstance(rows, list):
    raise MirrorError("state diff is not a list")
  for row in reversed(rows):
    if row.get("action") == "iterable_item_removed":
      parent, key = _parent(box, row["path"])
      _splice(parent, key, 1, [])
  for row in rows:
    _apply_row(box, row)
  return stringify(box[0])


def _apply_row(box: list[Any], row: dict[str, Any]) -> None:
  action, path = row.get("action"), row.get("path") or []
  if action in ("values_changed", "type_changes", "data_frame_changed", "mesop_equality_changed", "dictionary_item_added"):
    if not path:
      box[0] = row.get("value")
      return
    parent, key = _parent(box, path)
    _assign(parent, key, row.get("value"))
  elif action == "dictionary_item_removed":
    parent, key = _parent(box, path)
    if isinstance(parent, dict):
      parent.pop(_key(parent, key), None)
  elif action == "iterable_item_added":
    parent, key = _parent(box, path)
    _splice(parent, key, 0, [row.get("value")])
  elif action == "set_item_added":
    parent, key = _parent(box, path, create_list=True)
    _list_at(parent, key).append(row.get("value"))
  elif action == "set_item_removed":
    parent, key = _parent(box, path)
    kept: list[Any] = []
    for item in _list_at(parent, key):
      if not any(_same_in_set(item, seen) for seen in kept):
        kept.append(item)
    _assign(parent, key, [item for item in kept if not _same_in_set(item, row.get("value"))])
  elif action in ("iterable_items_inserted", "iterable_items_deleted"):
    start, end = row.get("t2_from_index"), row.get("t2_to_index")
    if start is None or end is None:
      return
    parent, key = _parent(box, path)
    items = _list_at(parent, key)
    if action == "iterable_items_inserted":
      _splice(items, start, 0, list(row.get("value") or []))
    else:
      _splice(items, start, end - start + 1, [])


class StateMirror:
  """The client's copy of every state class and its current token."""

  def __init__(self) -> None:
    self.states: list[str] | None = None
    self.token: str = ""

  def apply_full(self, states: list[str]) -> None:
    self.states = list(states)

  def apply_diff(self, diffs: list[str]) -> None:
    if self.states is None:
      raise MirrorError("a state diff arrived before any full state")
    if len(diffs) != len(self.states):
      raise MirrorError(f"state diff has {len(diffs)} classes, the client holds {len(self.states)}")
    self.states = [apply_diff_text(s, d) for s, d in zip(self.states, diffs)]
