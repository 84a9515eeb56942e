"""Records a Playwright (Python, sync API) page's Mesop `/__ui__` traffic over the Chrome DevTools
Protocol, completely, and writes it as a HAR in the shape Chrome's "Export HAR" writes, which the
bundled CLI's `analyze` reads: the analysis is the CLI's, this only records.

Why CDP and not `page.on("requestfinished")` + `response.body()`: Mesop's client aborts its request as
soon as it reads `data: <stream_end>`, and Chromium may then drop the body of the aborted request, so
`response.body()` can fail or come back empty. As the Node capture (src/cli/capture/cdp-capture.ts)
does, every UI response is streamed with `Network.streamResourceContent`: the bytes buffered so far
come back in its reply and every later chunk in `Network.dataReceived`, so the body survives the
abort. WebSocket frames come from the `Network.webSocketFrame*` events. Chromium only.
"""
from __future__ import annotations

import base64
import time
from datetime import datetime, timezone
from typing import Any

# A probe task two zero-delay timers deep: when it answers, Mesop's client has run the work it had
# queued (serializing state, applying a response) and sent whatever request that work started.
BARRIER = "new Promise((resolve) => setTimeout(() => setTimeout(() => resolve(true), 0), 0))"
QUIET_S = 0.02


def _is_ui(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path.endswith("/__ui__")


def _is_stream_end(data: str) -> bool:
    return data.strip() in ("data: <stream_end>", "data:<stream_end>")


def _iso(ms: float) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class CdpRecorder:
    """Listens on a CDP session of `page` from construction until `stop()`."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.http: dict[str, dict[str, Any]] = {}
        self.sockets: dict[str, dict[str, Any]] = {}
        self.order: list[tuple[str, str]] = []
        self.last_activity = time.monotonic()
        self.stopped = False
        for event, handler in {
            "Network.requestWillBeSent": self._on_request,
            "Network.responseReceived": self._on_response,
            "Network.dataReceived": self._on_data,
            "Network.loadingFinished": self._on_finished,
            "Network.loadingFailed": self._on_failed,
            "Network.webSocketCreated": self._on_socket,
            "Network.webSocketFrameSent": lambda e: self._on_frame(e, "send"),
            "Network.webSocketFrameReceived": lambda e: self._on_frame(e, "receive"),
            "Network.webSocketClosed": self._on_socket_closed,
        }.items():
            self.cdp.on(event, handler)
        # Big buffers: an image in state makes a multi-megabyte response.
        self.cdp.send("Network.enable", {"maxTotalBufferSize": 200_000_000, "maxResourceBufferSize": 100_000_000})

    def _touch(self) -> None:
        self.last_activity = time.monotonic()

    def _on_request(self, e: dict[str, Any]) -> None:
        req = e["request"]
        if not (_is_ui(req["url"]) and req["method"] == "POST") or e["requestId"] in self.http:
            return
        rec: dict[str, Any] = {
            "url": req["url"], "started": e["wallTime"] * 1000, "mono": e["timestamp"], "headers": req.get("headers", {}),
            "post": req.get("postData"), "done": False, "chunks": [], "buffered": None,
        }
        if rec["post"] is None and req.get("postDataEntries"):
            rec["post"] = b"".join(base64.b64decode(x.get("bytes", "")) for x in req["postDataEntries"]).decode("utf-8")
        self.http[e["requestId"]] = rec
        self.order.append(("http", e["requestId"]))
        self._touch()
        if rec["post"] is None and req.get("hasPostData"):
            try:
                rec["post"] = self.cdp.send("Network.getRequestPostData", {"requestId": e["requestId"]})["postData"]
            except Exception:  # noqa: BLE001 - the page went away: the request body stays unknown
                pass

    def _on_response(self, e: dict[str, Any]) -> None:
        rec = self.http.get(e["requestId"])
        if rec is None:
            return
        rec["status"] = e["response"]["status"]
        rec["mime"] = e["response"].get("mimeType", "")
        self._touch()
        try:
            reply = self.cdp.send("Network.streamResourceContent", {"requestId": e["requestId"]})
            rec["buffered"] = base64.b64decode(reply.get("bufferedData", ""))
        except Exception:  # noqa: BLE001 - already finished: getResponseBody below has it all
            rec["buffered"] = None

    def _on_data(self, e: dict[str, Any]) -> None:
        rec = self.http.get(e["requestId"])
        if rec is None:
            return
        self._touch()
        if e.get("data"):
            rec["chunks"].append(base64.b64decode(e["data"]))

    def _end(self, request_id: str, mono: float, error: str | None) -> None:
        rec = self.http.get(request_id)
        if rec is None:
            return
        rec["ended"] = rec["started"] + (mono - rec["mono"]) * 1000
        if error is not None:
            rec["error"] = error
        if rec["buffered"] is None:
            try:
                body = self.cdp.send("Network.getResponseBody", {"requestId": request_id})
                rec["fetched"] = base64.b64decode(body["body"]).decode("utf-8") if body.get("base64Encoded") else body["body"]
            except Exception:  # noqa: BLE001 - dropped with the aborted request
                pass
        rec["done"] = True
        self._touch()

    def _on_finished(self, e: dict[str, Any]) -> None:
        self._end(e["requestId"], e["timestamp"], None)

    def _on_failed(self, e: dict[str, Any]) -> None:
        self._end(e["requestId"], e["timestamp"], e.get("errorText") or ("canceled" if e.get("canceled") else "failed"))

    def _on_socket(self, e: dict[str, Any]) -> None:
        if not _is_ui(e["url"]):
            return
        self.sockets[e["requestId"]] = {"url": e["url"], "started": time.time() * 1000, "frames": [], "closed": False}
        self.order.append(("ws", e["requestId"]))
        self._touch()

    def _on_frame(self, e: dict[str, Any], direction: str) -> None:
        rec = self.sockets.get(e["requestId"])
        if rec is None:
            return
        rec["frames"].append({"type": direction, "time": time.time(), "opcode": e["response"]["opcode"], "data": e["response"]["payloadData"]})
        self._touch()

    def _on_socket_closed(self, e: dict[str, Any]) -> None:
        rec = self.sockets.get(e["requestId"])
        if rec is not None:
            rec["closed"] = True
            self._touch()

    def busy(self) -> bool:
        """A UI request in flight: an SSE POST loading, or a WebSocket request without `<stream_end>`."""
        if any(not r["done"] for r in self.http.values()):
            return True
        for s in self.sockets.values():
            sent = sum(1 for f in s["frames"] if f["type"] == "send")
            ended = sum(1 for f in s["frames"] if f["type"] == "receive" and _is_stream_end(f["data"]))
            if sent > ended and not s["closed"]:
                return True
        return False

    def settle(self, timeout_s: float = 30.0) -> None:
        """Waits until nothing is in flight, the network was quiet a moment, and a main-thread probe saw nothing new."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and not self.stopped:
            if not self.busy() and time.monotonic() - self.last_activity >= QUIET_S:
                before = (len(self.order), self.last_activity)
                try:
                    self.cdp.send("Runtime.evaluate", {"expression": BARRIER, "awaitPromise": True, "returnByValue": True})
                except Exception:  # noqa: BLE001 - the page closed: what was captured is all there is
                    return
                if (len(self.order), self.last_activity) == before and not self.busy():
                    return
            self.page.wait_for_timeout(5)  # lets Playwright dispatch the CDP events

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        try:
            self.cdp.detach()
        except Exception:  # noqa: BLE001 - the page may already be closed
            pass

    def har(self) -> dict[str, Any]:
        entries = []
        for kind, request_id in self.order:
            if kind == "http":
                r = self.http[request_id]
                if r["buffered"] is not None:
                    text: str | None = (r["buffered"] + b"".join(r["chunks"])).decode("utf-8")
                else:
                    text = r.get("fetched")
                entry: dict[str, Any] = {
                    "startedDateTime": _iso(r["started"]), "time": max(0.0, r.get("ended", r["started"]) - r["started"]),
                    "request": {"method": "POST", "url": r["url"], "httpVersion": "HTTP/1.1",
                                "headers": [{"name": k, "value": v} for k, v in r["headers"].items() if k.lower() != "cookie"],
                                "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len((r["post"] or "").encode("utf-8"))},
                    "response": {"status": r.get("status", 0), "statusText": "", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                                 "content": {"size": len((text or "").encode("utf-8")), "mimeType": r.get("mime", "")},
                                 "redirectURL": "", "headersSize": -1, "bodySize": -1},
                    "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}, "_resourceType": "xhr",
                }
                if r["post"] is not None:
                    entry["request"]["postData"] = {"mimeType": "application/x-protobuf", "text": r["post"]}
                if text is not None:
                    entry["response"]["content"]["text"] = text
                if "error" in r:
                    entry["response"]["_error"] = r["error"]
            else:
                s = self.sockets[request_id]
                entry = {
                    "startedDateTime": _iso(s["started"]), "time": 0,
                    "request": {"method": "GET", "url": s["url"], "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                                "cookies": [], "headersSize": -1, "bodySize": 0},
                    "response": {"status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1", "headers": [],
                                 "cookies": [], "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "",
                                 "headersSize": -1, "bodySize": 0},
                    "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}, "_resourceType": "websocket",
                    "_webSocketMessages": s["frames"],
                }
            entries.append(entry)
        return {"log": {"version": "1.2", "creator": {"name": "mesop-devtools (pytest)", "version": "1"}, "pages": [], "entries": entries}}
