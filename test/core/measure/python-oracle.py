"""Independent oracle for measureJson on Python-formatted state (json.dumps defaults, as Mesop).

Builds states with the Python json module, then lists every path with the UTF-8 size of
json.dumps(subvalue): with the default separators a subvalue's text is context-free, so that is
exactly its span in the whole text. Paths follow the grammar of src/core/measure/path.ts, written
here from the spec, not from the TypeScript. Prints JSON: [{text, fields, aggregates}].
"""
import base64
import json
import math
import re
import sys

IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def key_seg(key, top):
    if IDENT.match(key):
        return key if top else "." + key
    return "[" + json.dumps(key, ensure_ascii=False) + "]"


def walk(value, path, gen, depth, fields, aggs):
    if depth > 0:
        size = len(json.dumps(value).encode("utf-8"))
        fields.append([path, size])
        if "[*]" in gen:
            entry = aggs.setdefault(gen, [0, 0])
            entry[0] += size
            entry[1] += 1
    if isinstance(value, dict):
        for k, v in value.items():
            seg = key_seg(k, depth == 0)
            walk(v, path + seg, gen + seg, depth + 1, fields, aggs)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            walk(v, path + "[%d]" % i, gen + "[*]", depth + 1, fields, aggs)


png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
states = [
    {"count": 0, "name": "caf\u00e9 \u65e5\u672c", "emoji": "\U0001F642 ok", "items": [], "d": {}},
    {
        "messages": [
            {"role": "user", "content": "Hello \u00e9t\u00e9 \U0001F600", "at": {"__datetime.datetime__": "2025-01-01T10:00:00"}},
            {"role": "assistant", "content": "line\nbreak \"quoted\" back\\slash \t tab", "at": {"__datetime.datetime__": "2025-01-01T10:00:01"}},
        ],
        "image": {"__python.bytes__": base64.b64encode(png).decode()},
        "tags": {"__python.set__": ["a", "b"]},
        "my key": {"caf\u00e9": 1, "a.b": [1.5, -2, 3e-07, 1e+300], "": None, "q\"uote": True},
        "matrix": [[1, 2], [3, 4, 5], []],
        "nan": float("nan"),
        "inf": [float("inf"), float("-inf")],
        "big": 12345678901234567890,
    },
    [{"x": 1}, {"x": 2, "y": [{"z": "deep"}]}, "s", None],
]

out = []
for s in states:
    fields, aggs = [], {}
    walk(s, "", "", 0, fields, aggs)
    out.append(
        {
            "text": json.dumps(s),
            "fields": fields,
            "aggregates": [[p, b, c] for p, (b, c) in aggs.items()],
        }
    )
json.dump(out, sys.stdout)
