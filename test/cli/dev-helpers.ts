/**
 * Shared by the dev-mode tests: a real `startDev` on a copy of a sample app (so Mesop's file
 * watcher never sees test/apps), raw HTTP requests (fetch forbids setting Host and Origin), and
 * the secret read from the served page exactly as the content script will read it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEV_META_NAME, type DevBackend } from '../../src/core/dev-control/contract';
import { startDev, type DevHandle } from '../../src/cli/dev/start-dev';

export const ROOT = resolve(__dirname, '../..');
export const MESOP = join(ROOT, '.venv/bin/mesop');

export interface TestDev extends DevHandle {
  appDir: string;
  output(): string;
  cleanup(): Promise<void>;
}

export async function startTestDev(
  app = 'chat.py',
  opts: { backend?: DevBackend; env?: Record<string, string>; allowedHosts?: string[] } = {},
): Promise<TestDev> {
  const appDir = mkdtempSync(join(tmpdir(), 'dev-test-app-'));
  copyFileSync(join(ROOT, 'test/apps', app), join(appDir, 'main.py'));
  let out = '';
  const dev = await startDev({
    app: join(appDir, 'main.py'),
    mesopBin: MESOP,
    port: 0,
    backend: opts.backend ?? 'none',
    extraArgs: [],
    allowedHosts: opts.allowedHosts ?? [],
    cwd: appDir,
    env: { ...process.env, ...(opts.env ?? {}) },
    onOutput: (text) => {
      out += text;
    },
  });
  return {
    ...dev,
    appDir,
    output: () => out,
    cleanup: async () => {
      await dev.stop();
      rmSync(appDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP/1.1 request with exactly these headers (Host defaults to 127.0.0.1:port). */
export function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The per-run secret, from the marker on the page (what the content script does). */
export async function secretOf(port: number): Promise<string> {
  const page = await raw(port, 'GET', '/');
  const m = new RegExp(
    `<meta name="${DEV_META_NAME}" content="1" data-control="/__mesop_devtools__/" data-secret="([A-Za-z0-9_-]{43})">`,
  ).exec(page.body);
  if (!m) throw new Error(`no marker in:\n${page.body.slice(0, 500)}`);
  return m[1]!;
}

/** A well-formed control call from the app's own origin. */
export function control(
  port: number,
  secret: string,
  method: 'GET' | 'POST',
  name: string,
  body?: unknown,
): Promise<RawResponse> {
  const headers: Record<string, string> = { 'x-mesop-devtools-secret': secret };
  if (method === 'POST')
    Object.assign(headers, { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` });
  return raw(
    port,
    method,
    `/__mesop_devtools__/${name}`,
    headers,
    body === undefined ? undefined : JSON.stringify(body),
  );
}
