import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { DEV_SECRET_HEADER } from '../../core';

/**
 * Tunnels an HTTP Upgrade (Mesop's WebSocket mode, `ws://host/__ui__`, docs/protocol.md §2) to
 * Mesop as raw bytes: the handshake is replayed as received, then both sockets are piped. No
 * WebSocket library in between, so frames reach the page exactly as Mesop wrote them and the
 * capture measures Mesop's bytes, not a re-framing of ours. Returns the upstream socket so the
 * server can close every tunnel on shutdown.
 */
export function tunnelUpgrade(req: IncomingMessage, client: Duplex, head: Buffer, port: number): Socket {
  const upstream = connect({ host: '127.0.0.1', port });
  upstream.setNoDelay(true);
  const close = (): void => {
    upstream.destroy();
    client.destroy();
  };
  upstream.on('error', close);
  client.on('error', close);
  upstream.on('close', close);
  client.on('close', close);
  upstream.on('connect', () => {
    let handshake = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      if (name.toLowerCase() === DEV_SECRET_HEADER) continue;
      handshake += `${name}: ${req.rawHeaders[i + 1]}\r\n`;
    }
    upstream.write(`${handshake}\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  return upstream;
}
