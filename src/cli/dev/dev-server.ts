import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { DEV_CONTROL_PREFIX } from '../../core';
import { handleControl, sendJson } from './control-api';
import { forwardHttp } from './forward-http';
import { injectMarker } from './html-marker';
import { checkHost, isAllowedOrigin, type HostVerdict } from './request-guard';
import type { Supervisor } from './supervisor';
import { tunnelUpgrade } from './tunnel-upgrade';

/** Where the dev server listens and whom it answers (start-dev.ts fills in the defaults). */
export interface DevListen {
  port: number;
  /** A loopback address only (dev-address.ts): never reachable from another machine. */
  bindAddress: string;
  /** Host names answered, any port (allowed-hosts.ts). */
  allowedHosts: readonly string[];
}

export interface DevServer {
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * The one listener the user opens: control API under /__mesop_devtools__/, everything else
 * forwarded to the Mesop child (HTTP streamed, Upgrades tunnelled). The Host check guards
 * everything, app traffic included, because the pages carry the secret (request-guard.ts).
 */
export async function startDevServer(listen: DevListen, supervisor: Supervisor, secret: string): Promise<DevServer> {
  const tunnels = new Set<Socket>();
  const { port, bindAddress, allowedHosts } = listen;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const host = checkHost(req.rawHeaders, allowedHosts);
    if (host !== 'allowed') return refuseHost(res, host, req.headers.host);
    const url = req.url ?? '';
    // Only origin-form targets ("/path"): an absolute-form "http://other/..." is a proxy request.
    if (!url.startsWith('/'))
      return sendJson(res, 400, { error: { code: 'not-found', message: 'bad request target' } });
    if (url === DEV_CONTROL_PREFIX.slice(0, -1) || url.startsWith(DEV_CONTROL_PREFIX)) {
      handleControl(req, res, supervisor, secret).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'start-failed', message: (err as Error).message } });
        else res.destroy();
      });
      return;
    }
    supervisor.target().then(
      (target) => {
        if (target === null) return childDown(res, supervisor, secret);
        forwardHttp(req, res, { port: target, secret, onHtml: (html) => supervisor.sawHtml(html) });
      },
      () => res.destroy(),
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // WebSockets are not bound by CORS: without this Origin check any site could open
    // ws://localhost:PORT/__ui__ and drive the app (cross-site WebSocket hijacking).
    const host = checkHost(req.rawHeaders, allowedHosts);
    if (host === 'duplicate') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (host !== 'allowed' || !isAllowedOrigin(req.headers) || (req.url ?? '').startsWith(DEV_CONTROL_PREFIX)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    supervisor.target().then(
      (target) => {
        if (target === null) {
          socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        const upstream = tunnelUpgrade(req, socket, head, target);
        tunnels.add(upstream);
        upstream.on('close', () => tunnels.delete(upstream));
      },
      () => socket.destroy(),
    );
  };

  const server = createServer({ noDelay: true }, onRequest);
  server.on('upgrade', onUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: boundPort,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of tunnels) t.destroy();
        server.close(() => resolve());
        // Long polls and streams would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

function refuseHost(res: ServerResponse, verdict: Exclude<HostVerdict, 'allowed'>, host: string | undefined): void {
  if (verdict === 'duplicate') {
    sendJson(res, 400, { error: { code: 'bad-host', message: 'more than one Host header' } });
    return;
  }
  sendJson(res, 403, {
    error: {
      code: 'bad-host',
      message: `refused Host "${host ?? ''}": open the app at localhost, *.localhost or 127.0.0.1, or start \`mesop-devtools dev\` with --allowed-host <name>`,
    },
  });
}

/**
 * Shown instead of the app while Mesop is down. An HTML page with the marker, so that after a
 * reload the extension still finds the control API and the panel can offer "restart".
 */
function childDown(res: ServerResponse, supervisor: Supervisor, secret: string): void {
  const { child, log } = supervisor.state();
  const text =
    `Mesop is ${child.status} (exit ${child.signal ?? child.exitCode}).\n` +
    'Restart it from the Mesop tab in DevTools, or stop and rerun `mesop-devtools dev`.\n\n' +
    log.slice(-20).join('\n');
  const html = `<!doctype html><html><head><title>Mesop is down</title></head><body><pre>${escapeHtml(text)}</pre></body></html>`;
  const body = Buffer.from(injectMarker(html, secret), 'utf8');
  res.writeHead(502, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(body);
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
