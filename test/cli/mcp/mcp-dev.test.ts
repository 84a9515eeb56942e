/**
 * dev_status and dev_switch_backend against a real `mesop-devtools dev` supervisor (startDev on a
 * copy of the chat sample, the pinned mesop), and the client's own defences: a page without the
 * marker, and a marker that points the secret at another origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestDev, type TestDev } from '../dev-helpers';
import { call, connect, type Connected } from './mcp-support';

let dev: TestDev;
let mcp: Connected;
const servers: Server[] = [];

/** A plain HTTP server on 127.0.0.1 that serves `html` and records every request. */
async function fakeServer(html: string, seen: string[] = []): Promise<number> {
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  [dev, mcp] = await Promise.all([startTestDev('chat.py', { backend: 'none' }), connect()]);
});
afterAll(async () => {
  await mcp?.close();
  await dev?.cleanup();
  for (const s of servers) s.close();
});

it("reads the supervisor's state and switches the backend through the control API", async () => {
  const url = `${dev.origin}/`;
  const before = await call<{ backend: string; backends: string[]; child: { status: string } }>(mcp, 'dev_status', {
    url,
  });
  expect(before.isError).toBe(false);
  expect(before.value).toMatchObject({ backend: 'none', child: { status: 'running' } });
  expect(before.value.backends).toEqual(expect.arrayContaining(['none', 'memory', 'file']));
  const switched = await call<{ backend: string; child: { status: string } }>(
    mcp,
    'dev_switch_backend',
    { backend: 'memory', url },
    120_000,
  );
  expect(switched.isError).toBe(false);
  expect(switched.value).toMatchObject({ backend: 'memory', child: { status: 'running' } });
  expect((await call<{ backend: string }>(mcp, 'dev_status', { url })).value.backend).toBe('memory');
  // The supervisor itself agrees: what the panel would see.
  expect(dev.supervisor.state().backend).toBe('memory');
  const bad = await call(mcp, 'dev_switch_backend', { backend: 'firestore', url });
  expect(bad.isError).toBe(true);
  expect(bad.text).toMatch(/backend/);
});

it('refuses a page without the marker, and never sends the secret to another origin', async () => {
  const plain = await fakeServer('<html><head><title>not dev</title></head></html>');
  const r = await call(mcp, 'dev_status', { url: `http://127.0.0.1:${plain}/` });
  expect(r.isError).toBe(true);
  expect(r.text).toMatch(/is not served by `mesop-devtools dev`/);

  const elsewhere: string[] = [];
  const trap = await fakeServer('{}', elsewhere);
  const forged = await fakeServer(
    `<html><head><meta name="mesop-devtools-dev" content="1" data-control="//localhost:${trap}/" data-secret="s3cr3t"></head></html>`,
  );
  const f = await call(mcp, 'dev_switch_backend', { backend: 'memory', url: `http://127.0.0.1:${forged}/` });
  expect(f.isError).toBe(true);
  expect(f.text).toMatch(/marker .* is malformed/);
  expect(elsewhere).toEqual([]);
  expect(f.text).not.toContain('s3cr3t');
});
