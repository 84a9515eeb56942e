/**
 * What the CDP capture keeps per network request, before it becomes core `Exchange`s or a HAR.
 * Plain data: the HAR writer, the exchange builder and the idle detector all read these.
 */

/** One HTTP request seen on the page (Mesop `POST /__ui__`, or any other request we keep). */
export interface HttpRecord {
  kind: 'http';
  requestId: string;
  url: string;
  method: string;
  /** CDP resource type: `XHR`, `Document`, `Fetch`, `Script`... */
  resourceType: string;
  /** True for Mesop UI requests (path ends with `/__ui__`). */
  isUi: boolean;
  /** Epoch milliseconds when the request was sent. */
  startedAt: number;
  /** CDP monotonic timestamp (seconds) of the request, to compute durations. */
  monoStart: number;
  requestHeaders: Record<string, string>;
  /** Request body text; null when there was none or it could not be read. */
  postData: string | null;
  status?: number;
  statusText?: string;
  protocol?: string;
  mimeType?: string;
  responseHeaders?: Record<string, string>;
  /** Epoch milliseconds when loading finished or failed. */
  endedAt?: number;
  /** Loading finished or failed: nothing more will arrive. */
  done: boolean;
  /** `Network.loadingFailed` error text, e.g. `net::ERR_ABORTED` when Mesop's client aborts. */
  failure?: string;
  encodedDataLength?: number;
  /** Body text assembled from `streamResourceContent` + `dataReceived` chunks. */
  streamedText?: string;
  /** Body text from `Network.getResponseBody` after the request ended (null when unavailable). */
  bodyFromGetResponseBody?: string | null;
  /** Why `streamResourceContent` or `getResponseBody` failed (kept for the capture statistics). */
  notes: string[];
}

/** One WebSocket frame, as the capture saw it. */
export interface FrameRecord {
  direction: 'send' | 'receive';
  /** Epoch milliseconds. */
  time: number;
  opcode: number;
  data: string;
}

/** One WebSocket opened by the page. */
export interface SocketRecord {
  kind: 'websocket';
  requestId: string;
  url: string;
  isUi: boolean;
  startedAt: number;
  requestHeaders: Record<string, string>;
  status?: number;
  statusText?: string;
  responseHeaders?: Record<string, string>;
  frames: FrameRecord[];
  closedAt?: number;
}

export type CaptureRecord = HttpRecord | SocketRecord;

/** Where the SSE body of each UI request came from: the numbers behind docs/capture.md. */
export interface CaptureStats {
  uiRequests: number;
  /** UI requests that ended in `loadingFailed` (Mesop's client aborts at `<stream_end>`). */
  aborted: number;
  /** Bodies assembled from streamed chunks. */
  streamed: number;
  /** `getResponseBody` returned nothing after the request ended. */
  getResponseBodyMissing: number;
  /** `getResponseBody` returned text, but shorter than the streamed body. */
  getResponseBodyPartial: number;
  /** Requests with no body from either source. */
  noBody: number;
  /** `streamResourceContent` refused (the response had already finished loading: nothing to stream). */
  streamUnavailable: number;
  /** Distinct failure messages seen (CDP errors, load errors), with counts. */
  notes: Record<string, number>;
}
