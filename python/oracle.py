#!/usr/bin/env python3
"""Independent decoder ("oracle") for recorded Mesop HAR fixtures.

Reads test/fixtures/<name>.har and writes test/fixtures/<name>.expected.json (schema in
test/fixtures/README.md). It shares no code with the TypeScript core on purpose: it decodes with
the pinned mesop package's OWN protobuf classes (`mesop.protos.ui_pb2`) and the standard library
only, so a bug in our decoder cannot hide in both. Where the truth is on the wire (no session
backend, SSE: the client uploads its whole state copy with the next event) it checks its own
replay of the client's state-diff logic against it and fails loudly on any difference.

Usage: .venv/bin/python python/oracle.py test/fixtures/chat.har [more.har ...]
"""

from __future__ import annotations

import base64
import json
import math
import re
import sys
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from mesop.protos import ui_pb2 as pb
from mesop.version import VERSION as MESOP_VERSION

STREAM_END = "<stream_end>"
TOKEN_MISS = "Token not found in state session backend."
MAX_PATHS_PER_CLASS = 3000
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

Json = Any


class OracleError(Exception):
  """The fixture contradicts itself or the client model: never write expected values then."""


# ---------------------------------------------------------------------------------------------
# HAR -> exchanges
# ---------------------------------------------------------------------------------------------


class Exchange:
  """One UI request (SSE POST, or one sent WebSocket frame) and the SSE payloads it got back."""

  def __init__(self, transport: str, body: str, response_wire: int, payloads: list[str]):
    self.transport = transport
    self.body = body
    self.response_wire = response_wire  # characters of the response as received
    self.payloads = payloads  # `data:` payloads in order, "<stream_end>" included when seen


def is_ui_url(url: str) -> bool:
  return urlsplit(url).path.endswith("/__ui__")


def sse_payloads(text: str) -> list[str]:
  """SSE body -> `data:` payloads. Mesop sends one `data: ...` line per event, events end with a
  blank line; a multi-line event joins its data lines with "\\n" (the SSE spec)."""
  payloads: list[str] = []
  for block in re.split(r"\r\n\r\n|\r\r|\n\n", text):
    lines = [ln for ln in re.split(r"\r\n|\r|\n", block) if ln.startswith("data:")]
    if not lines:
      continue
    data = "\n".join(ln[6:] if ln.startswith("data: ") else ln[5:] for ln in lines)
    payloads.append(data)
  return payloads


def ws_frame_payload(data: str) -> str:
  """Mesop's client drops the first 6 characters (`data: `) and trailing whitespace of a frame."""
  return data[6:].rstrip()


def har_exchanges(har: dict[str, Any]) -> tuple[str, list[Exchange]]:
  entries = har["log"]["entries"]
  exchanges: list[Exchange] = []
  transports: set[str] = set()
  for entry in entries:
    url = entry["request"]["url"]
    if not is_ui_url(url):
      continue
    messages = entry.get("_webSocketMessages")
    if entry.get("_resourceType") == "websocket" or messages is not None:
      transports.add("websocket")
      exchanges.extend(pair_ws_frames(messages or []))
      continue
    if entry["request"]["method"] != "POST":
      continue
    transports.add("sse")
    text = entry["response"]["content"].get("text")
    if text is None:
      raise OracleError(f"SSE entry without a response body: {url}")
    exchanges.append(
      Exchange("sse", entry["request"]["postData"]["text"], len(text), sse_payloads(text))
    )
  if len(transports) != 1:
    raise OracleError(f"expected exactly one UI transport, found {sorted(transports)}")
  return transports.pop(), exchanges


def pair_ws_frames(messages: list[dict[str, Any]]) -> list[Exchange]:
  """Each 'send' frame is one request; 'receive' frames go to the oldest open request (FIFO)
  until its `data: <stream_end>` frame."""
  out: list[Exchange] = []
  open_: list[Exchange] = []
  for msg in messages:
    if msg.get("opcode", 1) != 1:
      continue
    if msg["type"] == "send":
      ex = Exchange("websocket", msg["data"], 0, [])
      out.append(ex)
      open_.append(ex)
      continue
    if not open_:
      raise OracleError("WebSocket response frame with no open request")
    target = open_[0]
    target.response_wire += len(msg["data"])
    payload = ws_frame_payload(msg["data"])
    target.payloads.append(payload)
    if payload == STREAM_END:
      open_.pop(0)
  return out


# ---------------------------------------------------------------------------------------------
# Byte accounts
# ---------------------------------------------------------------------------------------------


def account(total: int, states: int = 0, tree: int = 0, commands: int = 0, error: int = 0) -> dict[str, int]:
  other = total - states - tree - commands - error
  if other < 0:
    raise OracleError("byte account buckets exceed the total")
  return {
    "total": total, "states": states, "componentTree": tree, "commands": commands, "error": error, "other": other,
  }


def utf8_len(s: str) -> int:
  return len(s.encode("utf-8"))


def response_account(msg: pb.UiResponse, total: int) -> dict[str, int]:
  kind = msg.WhichOneof("type")
  if kind == "render":
    r = msg.render
    tree = 0
    if r.HasField("root_component"):
      tree = r.root_component.ByteSize()
    elif r.HasField("component_diff"):
      tree = r.component_diff.ByteSize()
    return account(total, tree=tree, commands=sum(c.ByteSize() for c in r.commands))
  if kind == "update_state_event":
    u = msg.update_state_event
    which = u.WhichOneof("type")
    states = getattr(u, which).states if which else []
    return account(total, states=sum(utf8_len(s.data) for s in states))
  if kind == "error":
    return account(total, error=msg.error.ByteSize())
  return account(total)


# ---------------------------------------------------------------------------------------------
# JSON the way JavaScript's JSON.parse + JSON.stringify would produce it
# ---------------------------------------------------------------------------------------------


def _is_array_index(key: str) -> bool:
  """JS objects list "array index" keys (canonical integers < 2**32 - 1) first, ascending."""
  return key.isdigit() and (key == "0" or not key.startswith("0")) and int(key) < 2**32 - 1


def js_key_order(obj: dict[str, Json]) -> list[str]:
  ints = sorted((k for k in obj if _is_array_index(k)), key=int)
  return ints + [k for k in obj if not _is_array_index(k)]


def js_number(x: float | int) -> str:
  """Number.prototype.toString for finite numbers (JSON.stringify writes null for the others)."""
  if isinstance(x, bool):
    return "true" if x else "false"
  if isinstance(x, int):
    x = float(x) if abs(x) >= 2**53 else x
    if isinstance(x, int):
      return str(x)
  if not math.isfinite(x):
    return "null"
  if x == 0:
    return "0"
  if x.is_integer() and abs(x) < 1e16:
    return str(int(x))  # exact and short below 1e16; above, JS pads the shortest digits with zeros
  r = repr(x)  # shortest round-trip digits, like JS
  if "e" not in r:
    return r
  mant, exp = r.split("e")
  digits = mant.replace("-", "").replace(".", "")
  sign = "-" if x < 0 else ""
  e = int(exp)
  if -7 < e < 21:
    # JS writes these without an exponent
    point = e + 1
    if point <= 0:
      return sign + "0." + "0" * (-point) + digits
    return sign + digits + "0" * (point - len(digits)) if point >= len(digits) else sign + digits[:point] + "." + digits[point:]
  frac = digits[1:]
  return sign + digits[0] + ("." + frac if frac else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))


def js_string(s: str) -> str:
  return json.dumps(s, ensure_ascii=False)


def js_stringify(v: Json) -> str:
  """JSON.stringify(v) (compact) for values that came from JSON.parse."""
  if v is None:
    return "null"
  if v is True:
    return "true"
  if v is False:
    return "false"
  if isinstance(v, (int, float)):
    return js_number(v)
  if isinstance(v, str):
    return js_string(v)
  if isinstance(v, list):
    return "[" + ",".join("null" if x is _UNDEFINED else js_stringify(x) for x in v) + "]"
  if isinstance(v, dict):
    return "{" + ",".join(js_string(k) + ":" + js_stringify(v[k]) for k in js_key_order(v) if v[k] is not _UNDEFINED) + "}"
  raise OracleError(f"cannot stringify {type(v)}")


def py_default_dumps(v: Json) -> str:
  """What Mesop's server writes: json.dumps defaults (", ", ": ", ensure_ascii)."""
  return json.dumps(v)


# ---------------------------------------------------------------------------------------------
# The client's state mirror (mesop/web/src/utils/diff.ts `applyStateDiff`, as shipped in 1.3.7)
# ---------------------------------------------------------------------------------------------

_UNDEFINED = object()  # a JS `undefined` slot (never expected in practice; kept to stay total)


def _get(container: Json, seg: Any) -> Json:
  """container[seg] with JS semantics (missing -> undefined, numbers as object keys)."""
  if isinstance(container, list):
    if isinstance(seg, int) and 0 <= seg < len(container):
      return container[seg]
    return _UNDEFINED
  if isinstance(container, dict):
    return container.get(seg if isinstance(seg, str) else js_number(seg), _UNDEFINED)
  return _UNDEFINED


def _set(container: Json, seg: Any, value: Json) -> None:
  if isinstance(container, list) and isinstance(seg, int):
    while len(container) <= seg:
      container.append(_UNDEFINED)
    container[seg] = value
  elif isinstance(container, dict):
    container[seg if isinstance(seg, str) else js_number(seg)] = value
  else:
    raise OracleError(f"cannot set {seg!r} on {type(container)}")


def _walk(root: Json, path: list[Any]) -> Json:
  node = root
  for seg in path:
    node = _get(node, seg)
  return node


def _splice(arr: Json, start: int, delete: int, items: list[Json]) -> None:
  if not isinstance(arr, list):
    raise OracleError("splice on a non-array")
  n = len(arr)
  start = max(0, n + start) if start < 0 else min(start, n)
  arr[start:start + max(0, delete)] = items


def _last_object_segment(root: Json, path: list[Any]) -> Json:
  """getLastObjectSegment: the parent of the last segment, creating a missing `[]` one level up."""
  node = root
  for i, seg in enumerate(path[:-1]):
    if _get(node, seg) is _UNDEFINED and i + 2 == len(path):
      _set(node, seg, [])
    node = _get(node, seg)
  return node


def _js_set_key(v: Json) -> Any:
  """Identity of a value in a JS Set: primitives by value (type-aware), objects by reference."""
  if isinstance(v, (dict, list)):
    return ("ref", id(v))
  return (type(v).__name__ if not isinstance(v, (int, float)) or isinstance(v, bool) else "number", v)


def apply_state_diff(state_json: str, diff_json: str) -> str:
  """Replays the client's applyStateDiff on one class's JSON and returns the client's new string."""
  if diff_json == "[]":
    return state_json  # the client returns the string untouched (no re-stringify)
  root = json.loads(state_json)
  diff = json.loads(diff_json)
  for row in reversed(diff):
    if row.get("action") == "iterable_item_removed":
      path = row["path"]
      _splice(_walk(root, path[:-1]), path[-1], 1, [])
  for row in diff:
    action, path = row.get("action"), row.get("path", [])
    if action in ("values_changed", "type_changes", "data_frame_changed", "mesop_equality_changed", "dictionary_item_added"):
      _set(_walk(root, path[:-1]), path[-1], row.get("value"))
    elif action == "dictionary_item_removed":
      parent = _walk(root, path[:-1])
      key = path[-1] if isinstance(path[-1], str) else js_number(path[-1])
      if isinstance(parent, dict):
        parent.pop(key, None)
    elif action == "iterable_item_added":
      parent = _last_object_segment(root, path)
      _splice(parent, path[-1], 0, [row.get("value")])
    elif action == "set_item_added":
      parent = _last_object_segment(root, path)
      _get(parent, path[-1]).append(row.get("value"))
    elif action == "set_item_removed":
      parent = _last_object_segment(root, path)
      seen: dict[Any, Json] = {}
      for item in _get(parent, path[-1]):
        seen.setdefault(_js_set_key(item), item)
      seen.pop(_js_set_key(row.get("value")), None)
      _set(parent, path[-1], list(seen.values()))
    elif action == "iterable_items_inserted" and row.get("t2_from_index") is not None and row.get("t2_to_index") is not None:
      _splice(_walk(root, path), row["t2_from_index"], 0, list(row.get("value") or []))
    elif action == "iterable_items_deleted" and row.get("t2_from_index") is not None and row.get("t2_to_index") is not None:
      # Exactly what the 1.3.7 client does: t2 indexes, count to - from + 1 (see docs/capture.md).
      _splice(_walk(root, path), row["t2_from_index"], row["t2_to_index"] - row["t2_from_index"] + 1, [])
    # every other action (iterable_items_equal, ...) is ignored by the client
  return js_stringify(root)


# ---------------------------------------------------------------------------------------------
# Field sizes of a mirror JSON text
# ---------------------------------------------------------------------------------------------


def detect_format(text: str) -> tuple[str, Callable[[Json], str]]:
  """Which serializer wrote `text`: the client (JSON.stringify) or the server (Python defaults)."""
  value = json.loads(text)
  for name, dump in (("js", js_stringify), ("python", py_default_dumps)):
    if dump(value) == text:
      return name, dump
  raise OracleError(f"cannot reproduce a state JSON text byte for byte: {text[:80]!r}")


def key_segment(prefix: str, key: str) -> str:
  if _IDENT.match(key):
    return f"{prefix}.{key}" if prefix else key
  return f"{prefix}[{js_string(key)}]"


def field_bytes(text: str) -> tuple[dict[str, int], bool]:
  """Every JSON path -> UTF-8 bytes of its value's JSON text, plus `[*]` aggregates over arrays."""
  _, dump = detect_format(text)
  root = json.loads(text)
  concrete: list[tuple[str, int]] = []
  aggregate: dict[str, int] = {}

  def visit(value: Json, path: str, wild: str) -> None:
    if path:
      size = utf8_len(dump(value))
      concrete.append((path, size))
      if wild != path:
        aggregate[wild] = aggregate.get(wild, 0) + size
    if isinstance(value, dict):
      keys = js_key_order(value) if dump is js_stringify else list(value)
      for k in keys:
        visit(value[k], key_segment(path, k), key_segment(wild, k))
    elif isinstance(value, list):
      for i, item in enumerate(value):
        visit(item, f"{path}[{i}]", f"{wild}[*]")

  visit(root, "", "")
  paths = concrete + list(aggregate.items())
  capped = len(paths) > MAX_PATHS_PER_CLASS
  if capped:
    paths = sorted(paths, key=lambda kv: (-kv[1], kv[0]))[:MAX_PATHS_PER_CLASS]
  return dict(paths), capped


# ---------------------------------------------------------------------------------------------
# Exchange -> expected event
# ---------------------------------------------------------------------------------------------


def decode_request(body: str) -> tuple[pb.UiRequest, int]:
  raw = base64.urlsafe_b64decode(body)
  req = pb.UiRequest()
  req.ParseFromString(raw)
  return req, len(raw)


def request_summary(req: pb.UiRequest, proto_bytes: int, wire: int) -> tuple[dict[str, Any], dict[str, Any]]:
  head: dict[str, Any] = {"kind": "init", "handlerId": None, "key": None, "path": req.path if req.HasField("path") else None}
  upload, states, token = "none", [], None
  if req.WhichOneof("type") == "user_event":
    ev = req.user_event
    head["kind"] = ev.WhichOneof("type") or "unknown"
    head["handlerId"] = ev.handler_id if ev.HasField("handler_id") else None
    head["key"] = ev.key.key if ev.HasField("key") else None
    states = [s.data for s in ev.states.states]
    token = ev.state_token if ev.HasField("state_token") and ev.state_token else None
    if states:
      upload = "full"
    elif token:
      upload = "token"
    elif ev.HasField("states"):
      upload = "empty"
  state_bytes = [utf8_len(s) for s in states]
  summary = {
    "wireBytes": wire, "protoBytes": proto_bytes, "stateUpload": upload, "stateBytes": state_bytes, "token": token,
    "account": account(proto_bytes, states=sum(state_bytes)),
  }
  return head, {"summary": summary, "states": states}


def response_summary(ex: Exchange) -> tuple[dict[str, Any], dict[str, Any]]:
  messages: list[dict[str, Any]] = []
  download, down_states, token, tree, error = "none", [], None, "none", None
  saw_end = False
  for payload in ex.payloads:
    if payload == STREAM_END:
      saw_end = True
      break  # the client ignores anything after the first terminator
    raw = base64.b64decode(payload)
    msg = pb.UiResponse()
    msg.ParseFromString(raw)
    kind = msg.WhichOneof("type") or "unknown"
    messages.append({"type": kind, "protoBytes": len(raw), "account": response_account(msg, len(raw))})
    if kind == "update_state_event":
      u = msg.update_state_event
      which = u.WhichOneof("type")
      download = {"full_states": "full", "diff_states": "diff"}.get(which or "", "none")
      down_states = [s.data for s in getattr(u, which).states] if which else []
      token = u.state_token
    elif kind == "render":
      if msg.render.HasField("root_component"):
        tree = "full"
      elif msg.render.HasField("component_diff") and tree != "full":
        tree = "diff"
    elif kind == "error":
      error = msg.error.exception
  summary = {
    "wireBytes": ex.response_wire, "sawStreamEnd": saw_end, "messages": messages, "stateDownload": download,
    "downStateBytes": [utf8_len(s) for s in down_states], "token": token, "componentTree": tree, "error": error,
  }
  return summary, {"mode": download, "states": down_states}


def build_expected(name: str, har: dict[str, Any]) -> dict[str, Any]:
  transport, exchanges = har_exchanges(har)
  decoded = []
  for ex in exchanges:
    req, proto_bytes = decode_request(ex.body)
    head, req_info = request_summary(req, proto_bytes, len(ex.body))
    resp, resp_info = response_summary(ex)
    decoded.append((head, req_info, resp, resp_info))

  events: list[dict[str, Any]] = []
  mirror: list[str] | None = None  # the client's JSON per class, replayed in Python
  checked = 0
  for i, (head, req_info, resp, resp_info) in enumerate(decoded):
    # The client uploads its copy as it is when the event is sent: check our replay against it.
    if mirror is not None and req_info["states"]:
      if req_info["states"] != mirror:
        raise OracleError(f"{name}: event {i} uploaded states that differ from the replayed mirror:\n"
                          f"uploaded {req_info['states']!r}\nreplayed {mirror!r}")
      checked += 1
    if resp_info["mode"] == "full":
      mirror = list(resp_info["states"])
    elif resp_info["mode"] == "diff":
      if mirror is None or len(mirror) != len(resp_info["states"]):
        raise OracleError(f"{name}: event {i}: a state diff with no matching mirror")
      mirror = [apply_state_diff(s, d) for s, d in zip(mirror, resp_info["states"])]

    nxt = decoded[i + 1][1]["states"] if i + 1 < len(decoded) else []
    if transport == "websocket" or mirror is None:
      mirror_out: dict[str, Any] = {"source": "none", "stateBytes": [], "fieldBytes": [], "fieldBytesCapped": False}
    else:
      fields = [field_bytes(text) for text in mirror]
      mirror_out = {
        "source": "next-upload" if nxt else "python-apply",
        "stateBytes": [utf8_len(text) for text in mirror],
        "fieldBytes": [f for f, _ in fields],
        "fieldBytesCapped": any(c for _, c in fields),
      }
    events.append({**head, "request": req_info["summary"], "response": resp, "mirror": mirror_out})

  return {
    "fixture": name, "mesopVersion": MESOP_VERSION, "transport": transport, "events": events,
    "checks": {"mirrorUploadsCompared": checked},
  }


def main(argv: list[str]) -> int:
  if len(argv) < 2:
    print(__doc__)
    return 2
  for arg in argv[1:]:
    har_path = Path(arg)
    name = har_path.name.removesuffix(".har")
    har = json.loads(har_path.read_text(encoding="utf-8"))
    expected = build_expected(name, har)
    out = har_path.with_name(f"{name}.expected.json")
    out.write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"oracle: {out.name}: {len(expected['events'])} events, "
          f"{expected['checks']['mirrorUploadsCompared']} uploads matched the replayed mirror")
  return 0


if __name__ == "__main__":
  try:
    sys.exit(main(sys.argv))
  except OracleError as err:
    print(f"ORACLE FAILURE: {err}", file=sys.stderr)
    sys.exit(1)
