/**
 * An exchange is one Mesop UI request and everything the server sent back for it, exactly as it
 * was captured, before any decoding. Every capture path produces exchanges: the DevTools network
 * API, a HAR file, CDP in the CLI, the main-world hooks. Decoding never fails on an exchange; it
 * turns problems into a reason on the decoded event.
 */
export type Transport = 'sse' | 'websocket';

export interface Exchange {
  /** Stable id within a capture (HAR entry index, CDP request id, ...). */
  id: string;
  transport: Transport;
  /** Full URL of the request (path ends with `/__ui__`, maybe under a base path). */
  url: string;
  /** Epoch milliseconds when the request was sent. */
  startedAt: number;
  /** Epoch milliseconds when the last response message arrived (or the request ended). */
  endedAt?: number;
  /**
   * Epoch milliseconds when the response's first byte arrived, when the capture path knows it
   * (response-times.ts says how each path finds it). Undefined: not known, not "never".
   */
  firstByteAt?: number;
  /**
   * Epoch milliseconds when each response message arrived, in the order of the messages
   * (`responseText`'s `data:` events, or `responseMessages`), `<stream_end>` included. Shorter than
   * the messages when the capture stopped noting times (then the later ones are unknown); absent
   * when the path has no per-message time.
   */
  messageTimes?: number[];
  /** The request body as sent: URL-safe base64 of a `mesop.UiRequest`. null when it could not be read. */
  requestBody: string | null;
  /**
   * The raw `text/event-stream` body (SSE). null when the browser did not keep it (aborted XHR,
   * over the 20 MB resource limit...); then `responseMessages` may carry the parsed events.
   */
  responseText: string | null;
  /**
   * The response as a list of SSE `data:` payloads (without the `data: ` prefix), in order,
   * `<stream_end>` included when seen. Used for WebSocket frames and for Chromium's
   * `_eventSourceMessages` when the body itself is missing.
   */
  responseMessages?: string[];
  /** HTTP status (SSE); 101 or undefined for WebSocket. */
  status?: number;
  /** What went wrong in capture, in words (e.g. "net::ERR_ABORTED", "body over 20 MB"). */
  captureNote?: string;
  /**
   * Size of a body the capture path saw but could not keep (Chromium's 20 MB resource limit, the
   * extension's message bound): the event still shows what crossed the wire, its content is unknown.
   * Mesop's bodies are base64 text (ASCII), so characters are bytes.
   */
  requestBytesNotCaptured?: number;
  responseBytesNotCaptured?: number;
}

/** One WebSocket frame as DevTools/CDP/HAR report it. */
export interface WebSocketFrame {
  direction: 'send' | 'receive';
  /** Epoch milliseconds. */
  time: number;
  /** Frame text (Mesop only uses text frames). */
  data: string;
  /** 1 = text, 2 = binary. */
  opcode?: number;
  /** Capture order within its socket, when the capturer numbers frames (the extension's hook). */
  seq?: number;
  /** The frame's text was too big to carry (`data` is ''): its length. */
  omittedChars?: number;
  /** Omitted not for its size but by the page's backlog (the panel opened later): hook-exchange.ts backlogNote. */
  keptAsSize?: true;
}
