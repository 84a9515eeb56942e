import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/** A tiny static server on 127.0.0.1 (workers do not load from file:// URLs). */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.har': 'application/json',
  '.map': 'application/json',
};

/** `mounts`: URL prefix -> directory, e.g. { '/': 'dist/panel-dev', '/fixtures/': 'test/fixtures' }. */
export async function startStaticServer(mounts: Record<string, string>): Promise<StaticServer> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = prefixes.find((p) => url.pathname.startsWith(p));
    const base = prefix ? resolve(mounts[prefix]!) : '';
    const file = prefix ? normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length)))) : '';
    if (!prefix || !file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
