"""Sample app: a large image kept in state (the classic Mesop payload problem).

"Load image" puts a ~800 KB random PNG into state as a base64 data URL (~1.07 MB of JSON string)
plus a small `bytes` field; "Touch" only bumps a counter, so its request shows the whole image
going up again when no session backend is configured. The image is not rendered (that would put
another copy in the component tree and make the fixture too big to keep in the repo); the page
only shows its size. Run: `.venv/bin/mesop test/apps/image.py --port 32123`.
"""

import base64
import random
import struct
import zlib

import mesop as me

# Raw RGB bytes of the image; random bytes do not compress, so the PNG stays this big.
_WIDTH, _HEIGHT = 520, 512


def _png_chunk(kind: bytes, data: bytes) -> bytes:
  """One PNG chunk: length, type, data, CRC of type+data."""
  crc = zlib.crc32(kind + data) & 0xFFFFFFFF
  return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def make_random_png(width: int, height: int, seed: int = 7) -> bytes:
  """A valid, incompressible 8-bit RGB PNG built with zlib + struct (no PIL)."""
  rng = random.Random(seed)
  rows = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))  # filter 0 per row
  header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit truecolor
  return (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", header)
    + _png_chunk(b"IDAT", zlib.compress(rows, 9))
    + _png_chunk(b"IEND", b"")
  )


@me.stateclass
class State:
  image_data_url: str = ""  # "data:image/png;base64,..." once loaded
  thumbnail: bytes = b""  # a small binary field: {"__python.bytes__": "<base64>"} on the wire
  touches: int = 0


def on_load_image(e: me.ClickEvent) -> None:
  state = me.state(State)
  png = make_random_png(_WIDTH, _HEIGHT)
  state.image_data_url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
  state.thumbnail = random.Random(11).randbytes(3000)


def on_touch(e: me.ClickEvent) -> None:
  me.state(State).touches += 1


@me.page(path="/", title="Image")
def page() -> None:
  state = me.state(State)
  me.text(f"Image data URL: {len(state.image_data_url)} characters; touches: {state.touches}")
  me.button("Load image", key="load", on_click=on_load_image)
  me.button("Touch", key="touch", on_click=on_touch)
