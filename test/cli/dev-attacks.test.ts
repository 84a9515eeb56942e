/**
 * Each attack on the control API of `mesop-devtools dev`, against a real supervisor and a real
 * Mesop: every one must be refused, and none may restart the server. docs/dev-mode.md lists the
 * defences these tests pin down.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { control, raw, secretOf, startTestDev, type TestDev } from './dev-helpers';

let dev: TestDev;
let port: number;
let secret: string;
let pid: number | null;

beforeAll(async () => {
  dev = await startTestDev('chat.py', { allowedHosts: ['box.example.test', '.forward.example'] });
  port = dev.port;
  secret = await secretOf(port);
  pid = dev.supervisor.state().child.pid;
});
afterAll(async () => {
  await dev?.cleanup();
});

const json = (r: { body: string }) => JSON.parse(r.body);
const good = () => ({
  'x-mesop-devtools-secret': secret,
  'content-type': 'application/json',
  origin: `http://127.0.0.1:${port}`,
});

it('listens on 127.0.0.1 only', () => {
  const address = dev.server.server.address();
  expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port });
});

it('serves the state to a well-formed call (the baseline the attacks differ from)', async () => {
  const r = await control(port, secret, 'GET', 'state');
  expect(r.status).toBe(200);
  expect(r.headers['access-control-allow-origin']).toBeUndefined();
  expect(json(r)).toMatchObject({ version: 1, backend: 'none', transport: 'sse', child: { status: 'running' } });
});

it('refuses a foreign Host (DNS rebinding), on the control API and on app pages that carry the secret', async () => {
  for (const host of [
    `evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `box.example.test.evil:${port}`,
    `other.example.test:${port}`,
    `192.168.1.5:${port}`,
    `127.0.0.2:${port}`,
    `localhost.:${port}`,
    `localhost:${port}@evil.example`,
  ]) {
    const r = await raw(port, 'GET', '/__mesop_devtools__/state', { host, 'x-mesop-devtools-secret': secret });
    expect([host, r.status, json(r).error.code]).toEqual([host, 403, 'bad-host']);
    const page = await raw(port, 'GET', '/', { host });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain(secret);
  }
  // No Host at all: 400 from Node's HTTP/1.1 parser; an HTTP/1.0 request reaches the check.
  expect(await statusLine(port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
  expect(await statusLine(port, 'GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 403/);
});

it('answers the names a rebinding page cannot send, on any port (a forwarded one: ssh -L 9000:localhost:PORT)', async () => {
  // Loopback names and literals (browsers resolve *.localhost to loopback themselves, RFC 6761),
  // and a different port: what the browser sends through a forwarded port.
  for (const host of [
    `localhost:${port}`,
    `LOCALHOST:${port}`,
    `[::1]:${port}`,
    `127.0.0.1:${port}`,
    `myapp.localhost:${port}`,
    `0.0.0.0:${port}`,
    'localhost:9000',
    '127.0.0.1',
    `[::1]:${port + 1}`,
  ]) {
    expect([
      host,
      (await raw(port, 'GET', '/__mesop_devtools__/state', { host, 'x-mesop-devtools-secret': secret })).status,
    ]).toEqual([host, 200]);
  }
  // A forwarded port's page calls the control API from its own origin: accepted.
  const viaForward = await raw(port, 'GET', '/__mesop_devtools__/state', {
    host: 'localhost:9000',
    origin: 'http://localhost:9000',
    'x-mesop-devtools-secret': secret,
  });
  expect(viaForward.status).toBe(200);
});

it('answers the hosts given with --allowed-host (a name, or a domain with its subdomains), and their pages carry the marker', async () => {
  for (const host of ['box.example.test:9000', 'BOX.example.test', 'forward.example', 'app-32123.forward.example']) {
    const page = await raw(port, 'GET', '/', { host });
    expect([host, page.status, page.body.includes(`data-secret="${secret}"`)]).toEqual([host, 200, true]);
  }
  // Behind a TLS-terminating forwarder, the page's origin is https on the same name.
  const tls = await raw(port, 'GET', '/__mesop_devtools__/state', {
    host: 'app-32123.forward.example',
    origin: 'https://app-32123.forward.example',
    'x-mesop-devtools-secret': secret,
  });
  expect(tls.status).toBe(200);
  // An allowed name does not let another origin in.
  const foreign = await raw(port, 'GET', '/__mesop_devtools__/state', {
    host: 'box.example.test:9000',
    origin: 'http://evil.example',
    'x-mesop-devtools-secret': secret,
  });
  expect([foreign.status, json(foreign).error.code]).toEqual([403, 'bad-origin']);
});

it('answers two Host headers with 400 (RFC 9112), whichever comes first, on pages, the API and WebSocket upgrades', async () => {
  for (const [first, second] of [
    [`127.0.0.1:${port}`, 'evil.example'],
    ['evil.example', `127.0.0.1:${port}`],
    [`127.0.0.1:${port}`, `127.0.0.1:${port}`],
  ]) {
    for (const path of ['/', '/__mesop_devtools__/state']) {
      const reply = await exchange(
        port,
        `GET ${path} HTTP/1.1\r\nHost: ${first}\r\nHost: ${second}\r\nX-Mesop-DevTools-Secret: ${secret}\r\nConnection: close\r\n\r\n`,
      );
      expect([first, second, path, reply.split('\r\n')[0]]).toEqual([first, second, path, 'HTTP/1.1 400 Bad Request']);
      expect(reply).not.toContain(secret);
    }
    const upgrade = await exchange(
      port,
      `GET /__ui__ HTTP/1.1\r\nHost: ${first}\r\nHost: ${second}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(upgrade.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  }
});

it('refuses a foreign Origin, even with the right secret', async () => {
  for (const origin of [
    'http://evil.example',
    `http://127.0.0.1:${port + 1}`,
    `https://127.0.0.1:${port + 1}`,
    `http://localhost:${port}`,
    `ws://127.0.0.1:${port}`,
    'null',
    'chrome-extension://abcdef',
  ]) {
    const r = await raw(port, 'POST', '/__mesop_devtools__/switch', { ...good(), origin }, '{"backend":"memory"}');
    expect([origin, r.status, json(r).error.code]).toEqual([origin, 403, 'bad-origin']);
  }
  const get = await raw(port, 'GET', '/__mesop_devtools__/state', {
    'x-mesop-devtools-secret': secret,
    origin: 'http://evil.example',
  });
  expect(get.status).toBe(403);
});

it('refuses a missing or wrong secret, on every endpoint', async () => {
  const wrong = [undefined, '', secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), 'a'.repeat(43)];
  for (const s of wrong) {
    const headers = { ...good() } as Record<string, string>;
    if (s === undefined) delete headers['x-mesop-devtools-secret'];
    else headers['x-mesop-devtools-secret'] = s;
    for (const [method, path, body] of [
      ['GET', 'state', undefined],
      ['POST', 'switch', '{"backend":"memory"}'],
      ['POST', 'restart', '{}'],
    ] as const) {
      const r = await raw(port, method, `/__mesop_devtools__/${path}`, headers, body);
      expect([path, r.status, json(r).error.code]).toEqual([path, 403, 'bad-secret']);
    }
  }
  // The secret does not work as a query parameter either: it is never read from a URL.
  expect((await raw(port, 'GET', `/__mesop_devtools__/state?secret=${secret}`)).status).toBe(403);
});

it('accepts only the four known backend names, exactly', async () => {
  const bodies = [
    { backend: 'firestore' },
    { backend: 'MEMORY' },
    { backend: ' memory' },
    { backend: 'memory\n' },
    { backend: 'memory; touch /tmp/pwned' },
    { backend: '$(touch /tmp/pwned)' },
    { backend: '`id`' },
    { backend: 'memory\u0000' },
    { backend: 'memory MESOP_STATE_SESSION_BACKEND_SQL_CONNECTION_URI=x' },
    { backend: ['memory'] },
    { backend: 1 },
    { backend: null },
    {},
    { backend: 'memory', extra: 1 },
    { backend: '__proto__' },
    { backend: 'constructor' },
    { backend: 'toString' },
  ];
  for (const body of bodies) {
    const r = await raw(port, 'POST', '/__mesop_devtools__/switch', good(), JSON.stringify(body));
    expect([body, r.status, json(r).error.code]).toEqual([body, 400, 'bad-backend']);
  }
  const proto = await raw(port, 'POST', '/__mesop_devtools__/switch', good(), '{"__proto__":{"backend":"memory"}}');
  expect(proto.status).toBe(400);
});

it('takes application/json only', async () => {
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    'application/jsonp',
    '',
  ]) {
    const headers = { ...good(), 'content-type': type };
    const r = await raw(port, 'POST', '/__mesop_devtools__/switch', headers, '{"backend":"memory"}');
    expect([type, r.status, json(r).error.code]).toEqual([type, 415, 'bad-content-type']);
  }
});

it('refuses an oversized body, declared or chunked', async () => {
  const big = JSON.stringify({ backend: 'memory', pad: 'x'.repeat(5000) });
  const declared = await raw(port, 'POST', '/__mesop_devtools__/switch', good(), big);
  expect([declared.status, json(declared).error.code]).toEqual([413, 'body-too-large']);

  // No Content-Length: the limit must hold while reading.
  const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/__mesop_devtools__/switch',
        headers: { ...good(), host: `127.0.0.1:${port}`, 'transfer-encoding': 'chunked' },
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < 10; i++) req.write('x'.repeat(500));
    req.end();
  });
  expect([chunked.status, JSON.parse(chunked.body).error.code]).toEqual([413, 'body-too-large']);
});

it('refuses malformed JSON, wrong methods, unknown endpoints and CORS preflights', async () => {
  expect((await raw(port, 'POST', '/__mesop_devtools__/switch', good(), '{backend:memory}')).status).toBe(400);
  expect((await raw(port, 'POST', '/__mesop_devtools__/restart', good(), '{"now":true}')).status).toBe(400);
  expect((await raw(port, 'GET', '/__mesop_devtools__/switch', { 'x-mesop-devtools-secret': secret })).status).toBe(
    405,
  );
  expect((await raw(port, 'POST', '/__mesop_devtools__/state', good(), '{}')).status).toBe(405);
  expect(
    (await raw(port, 'GET', '/__mesop_devtools__/constructor', { 'x-mesop-devtools-secret': secret })).status,
  ).toBe(404);
  expect((await raw(port, 'GET', '/__mesop_devtools__/', { 'x-mesop-devtools-secret': secret })).status).toBe(404);
  const preflight = await raw(port, 'OPTIONS', '/__mesop_devtools__/switch', {
    origin: 'http://evil.example',
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type,x-mesop-devtools-secret',
  });
  expect(preflight.status).toBe(403);
  expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  // An absolute-form target (a proxy request) is not forwarded anywhere.
  expect((await raw(port, 'GET', 'http://example.com/')).status).toBe(400);
});

it('refuses a cross-site WebSocket upgrade to the app', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/__ui__',
      agent: false,
      headers: {
        host: `127.0.0.1:${port}`,
        origin: 'http://evil.example',
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(403);
});

it('was not restarted by any of the above', async () => {
  const state = json(await control(port, secret, 'GET', 'state'));
  expect(state).toMatchObject({ backend: 'none', child: { status: 'running', restarts: 0, pid } });
});

/** Sends bytes as they are (no client library adds or merges a Host) and returns the whole reply. */
function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let got = '';
    socket.on('data', (d) => {
      got += d;
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
  });
}

const statusLine = async (port: number, text: string): Promise<string> =>
  (await exchange(port, text)).split('\r\n')[0] ?? '';
