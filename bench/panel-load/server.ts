/**
 * A tiny Node server that looks like a Mesop app on the wire, for loading the panel without Python:
 * GET / is a page with `<mesop-app>` and `window.__MESOP_EXPERIMENTS__`; POST /__ui__ answers a
 * UiRequest with a `text/event-stream` of standard-base64 UiResponses ending in `data: <stream_end>`:
 *   init:   render (full component tree) -> update_state_event (full states) -> <stream_end>
 *   click:  render (component diff)      -> update_state_event (diff: count+1) -> <stream_end>
 * Listens on 127.0.0.1, on a free port.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countDiff, messagesJson, stateJson, type LoadSize } from './load-state';
import { parseRequest, renderDiff, renderFull, sseBody, stateEvent } from './mesop-wire';

export interface LoadServer {
  origin: string;
  /** /__ui__ requests answered so far. */
  readonly requests: number;
  stop(): Promise<void>;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Mesop load app</title>
<script>window.__MESOP_EXPERIMENTS__ = {"websocketsEnabled": false, "concurrentUpdatesEnabled": false};</script>
</head><body><mesop-app></mesop-app><script src="/load.js"></script></body></html>`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    req.on('error', reject);
  });
}

/** `pageScript`: path of the built page script (dist/bench/panel-load-page.js). */
export function startLoadServer(pageScript: string): Promise<LoadServer> {
  const script = readFileSync(pageScript, 'utf8');
  const messages = new Map<LoadSize, string>();
  const messagesOf = (size: LoadSize) => {
    let m = messages.get(size);
    if (m === undefined) messages.set(size, (m = messagesJson(size)));
    return m;
  };
  let requests = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
    } else if (req.method === 'GET' && url.pathname === '/load.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (req.method === 'POST' && url.pathname === '/__ui__') {
      void readBody(req).then(
        (body) => {
          requests++;
          // Node's atob is slow on 270 kB bodies; Buffer's base64 decoder reads both alphabets.
          const parsed = parseRequest(new Uint8Array(Buffer.from(body, 'base64')));
          let out: Uint8Array[];
          if (parsed.kind === 'init') {
            const size: LoadSize = parsed.query.size === 'big' ? 'big' : 'small';
            out = [
              renderFull('Mesop load app', ['count 0', `size ${size}`]),
              stateEvent('full', [stateJson(0, messagesOf(size))]),
            ];
          } else {
            const count = Number(/^\{"count": (\d+)/.exec(parsed.states[0] ?? '')?.[1] ?? 0) + 1;
            out = [renderDiff(`count ${count}`), stateEvent('diff', [countDiff(count)])];
          }
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            'x-accel-buffering': 'no',
            'cache-control': 'no-store',
          });
          res.end(sseBody(out));
        },
        () => res.writeHead(400).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        get requests() {
          return requests;
        },
        stop: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
