import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { forwardableHeaders } from './hop-headers';
import { injectMarker, looksLikeDocument } from './html-marker';

/** HTML pages are buffered to insert the marker; anything bigger than this is passed through. */
const MAX_HTML_BYTES = 2 * 1024 * 1024;

export interface ForwardOptions {
  port: number;
  secret: string;
  /** Sees every HTML page Mesop serves (the supervisor reads the transport from it). */
  onHtml(html: string): void;
}

/**
 * Forwards one HTTP request to Mesop on 127.0.0.1:port and streams the answer back chunk by chunk.
 * Nothing is buffered except HTML pages (to insert the marker): `POST /__ui__` answers are
 * `text/event-stream` and the `/__hot-reload__` long poll must reach the page the moment Mesop
 * writes it. `agent: false` gives every request its own connection, so nothing pooled outlives a
 * restarted child.
 */
export function forwardHttp(req: IncomingMessage, res: ServerResponse, options: ForwardOptions): void {
  // accept-encoding dropped: the marker is inserted into plain text (Mesop does not compress).
  const headers = forwardableHeaders(req.headers, ['accept-encoding']);
  const upstream = request({
    host: '127.0.0.1',
    port: options.port,
    method: req.method,
    path: req.url,
    headers,
    agent: false,
  });
  upstream.setNoDelay(true);

  upstream.on('response', (up) => {
    const outHeaders = forwardableHeaders(up.headers);
    const type = String(up.headers['content-type'] ?? '');
    const isPage =
      req.method === 'GET' &&
      (up.statusCode ?? 0) === 200 &&
      /^text\/html\b/i.test(type) &&
      !up.headers['content-encoding'];
    if (!isPage) {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, outHeaders);
      res.flushHeaders();
      up.pipe(res);
      return;
    }
    collect(up, MAX_HTML_BYTES, (prefix) => {
      // Too big to be one of Mesop's pages: pass it on untouched, streamed.
      res.writeHead(up.statusCode ?? 200, up.statusMessage, outHeaders);
      res.write(prefix);
      up.pipe(res);
    }).then(
      (raw) => {
        if (!raw) return;
        const html = raw.toString('utf8');
        if (!looksLikeDocument(html)) {
          res.writeHead(200, up.statusMessage, outHeaders);
          res.end(raw);
          return;
        }
        options.onHtml(html);
        const body = Buffer.from(injectMarker(html, options.secret), 'utf8');
        delete outHeaders['content-length'];
        // Each run has its own secret: a cached page would carry a stale one.
        res.writeHead(200, up.statusMessage, {
          ...outHeaders,
          'content-length': body.length,
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      () => res.destroy(),
    );
  });

  upstream.on('error', (err) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`mesop-devtools dev: Mesop did not answer (${err.message})\n`);
    } else {
      res.destroy();
    }
  });
  // The browser went away (Mesop's client aborts its XHR at <stream_end>; a long poll is cut by a
  // reload): drop the upstream request too instead of leaving it open.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/**
 * The whole body, or null after handing what was read so far to `overflow` once it passes `limit`
 * (the rest of the stream is then the caller's to pipe).
 */
function collect(stream: IncomingMessage, limit: number, overflow: (prefix: Buffer) => void): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      chunks.push(c);
      size += c.length;
      if (size <= limit) return;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause();
      overflow(Buffer.concat(chunks));
      resolve(null);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', reject);
  });
}
