/** The pure pieces of the dev supervisor: guards, secret, marker, backend table, log tail. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDevBackend, setupBackend } from '../../src/cli/dev/backends';
import { forwardableHeaders } from '../../src/cli/dev/hop-headers';
import { injectMarker, looksLikeDocument } from '../../src/cli/dev/html-marker';
import { LogTail } from '../../src/cli/dev/log-tail';
import { DEFAULT_ALLOWED_HOSTS, hostIsAllowed, parseAllowedHost } from '../../src/cli/dev/allowed-hosts';
import { originOf, parseBindAddress } from '../../src/cli/dev/dev-address';
import { relabelMesopOutput } from '../../src/cli/dev/mesop-output';
import { checkHost, isAllowedOrigin } from '../../src/cli/dev/request-guard';
import { newSecret, secretMatches } from '../../src/cli/dev/secret';
import { markOwner, removeStaleTempRoots, TEMP_PREFIX } from '../../src/cli/dev/stale-temp';
import { transportOfHtml } from '../../src/cli/dev/wait-until-serving';

const raw = (...hosts: string[]): string[] => hosts.flatMap((h) => ['Host', h]);
const verdict = (host: string | undefined, allowed: readonly string[] = DEFAULT_ALLOWED_HOSTS) =>
  checkHost(host === undefined ? [] : raw(host), allowed);

it('answers loopback names and *.localhost on any port, and nothing a rebinding page could send', () => {
  const ok = [
    'localhost:4000',
    '127.0.0.1:4000',
    '[::1]:4000',
    'LocalHost:4000',
    'localhost',
    'localhost:9000',
    'myapp.localhost:4000',
    'a.b.localhost',
    '0.0.0.0:4000',
  ];
  expect(ok.map((h) => [h, verdict(h)])).toEqual(ok.map((h) => [h, 'allowed']));
  const refused = [
    'evil.example:4000',
    'localhost.evil.example:4000',
    'localhost.:4000',
    'evillocalhost:4000',
    '127.0.0.2:4000',
    '10.0.0.1:4000',
    '[::2]:4000',
    '[::1',
    'localhost:99999',
    'localhost:4000:4000',
    'user@localhost:4000',
    'local host',
    '',
    undefined,
  ];
  expect(refused.map((h) => [h, verdict(h)])).toEqual(refused.map((h) => [h, 'refused']));
});

it("answers an allowed host (Vite's allowedHosts: exact name, or a leading dot for the domain and its subdomains)", () => {
  const allowed = [...DEFAULT_ALLOWED_HOSTS, 'box.example.test', '.forward.example'];
  expect(
    ['box.example.test:9000', 'forward.example', 'x-32123.forward.example:443'].map((h) => verdict(h, allowed)),
  ).toEqual(['allowed', 'allowed', 'allowed']);
  expect(
    ['other.example.test:9000', 'a.box.example.test', 'forward.example.evil'].map((h) => verdict(h, allowed)),
  ).toEqual(['refused', 'refused', 'refused']);
  expect(hostIsAllowed('box.example.test:9000', DEFAULT_ALLOWED_HOSTS)).toBe(false);
});

it('answers two Host headers with "duplicate" (400), even when both are allowed', () => {
  expect(checkHost(raw('localhost:4000', 'localhost:4000'), DEFAULT_ALLOWED_HOSTS)).toBe('duplicate');
  expect(checkHost(raw('localhost:4000', 'evil.example'), DEFAULT_ALLOWED_HOSTS)).toBe('duplicate');
  expect(checkHost(['HOST', 'localhost', 'host', 'evil.example'], DEFAULT_ALLOWED_HOSTS)).toBe('duplicate');
  expect(checkHost(['X-Host', 'evil.example', 'Host', 'localhost'], DEFAULT_ALLOWED_HOSTS)).toBe('allowed');
});

it('parses --allowed-host values, and refuses ports, wildcards for everything and junk', () => {
  expect(
    ['App.Example.Test', '*.example.test', '.example.test', '192.168.1.5', '::1', '[fe80::1]'].map(parseAllowedHost),
  ).toEqual(['app.example.test', '.example.test', '.example.test', '192.168.1.5', '[::1]', '[fe80::1]']);
  for (const bad of [
    '*',
    'example.test:9000',
    '[::1]:9000',
    'http://example.test',
    'a b',
    '',
    '.',
    '*.',
    'example.test/x',
  ]) {
    expect([bad, parseAllowedHost(bad) instanceof Error]).toEqual([bad, true]);
  }
  expect(String(parseAllowedHost('example.test:9000'))).toMatch(/without a port/);
});

it('binds loopback addresses only', () => {
  expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1'].map(parseBindAddress)).toEqual([
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '::1',
    '::1',
  ]);
  for (const bad of ['0.0.0.0', '::', '192.168.1.5', 'localhost', 'example.test', '::2', '::ffff:127.0.0.1', '']) {
    expect([bad, parseBindAddress(bad) instanceof Error]).toEqual([bad, true]);
  }
  expect([originOf('::1', 4000), originOf('127.0.0.1', 4000)]).toEqual(['http://[::1]:4000', 'http://127.0.0.1:4000']);
});

it("relabels Mesop's own URL line, which bypasses the proxy", () => {
  const out = relabelMesopOutput('\n\x1b[32mRunning server on: http://localhost:40971\x1b[0m\n * Serving Flask app\n');
  expect(out).not.toMatch(/http:\/\/localhost:40971/);
  expect(out).toBe(
    '\n\x1b[32mMesop runs on internal port 40971 (not for the browser: open the URL below)\x1b[0m\n * Serving Flask app\n',
  );
});

it("allows an absent Origin or the page's own only (http, or https behind a TLS forwarder)", () => {
  expect(isAllowedOrigin({ host: 'localhost:4000' })).toBe(true);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'http://localhost:4000' })).toBe(true);
  expect(isAllowedOrigin({ host: 'x-1.forward.example', origin: 'https://x-1.forward.example' })).toBe(true);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'http://127.0.0.1:4000' })).toBe(false);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'http://localhost:4001' })).toBe(false);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'ws://localhost:4000' })).toBe(false);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'null' })).toBe(false);
});

it('makes 43-character random secrets and compares them exactly', () => {
  const a = newSecret();
  expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(newSecret()).not.toBe(a);
  expect(secretMatches(a, a)).toBe(true);
  expect([undefined, '', a.slice(1), `${a} `, [a]].some((c) => secretMatches(a, c as string))).toBe(false);
});

it('marks documents only, right after <head>', () => {
  const page = '<!doctype html>\n<html><head>\n<title>x</title></head></html>';
  expect(injectMarker(page, 's')).toBe(
    '<!doctype html>\n<html><head><meta name="mesop-devtools-dev" content="1" data-control="/__mesop_devtools__/" data-secret="s">\n<title>x</title></head></html>',
  );
  expect(looksLikeDocument(page)).toBe(true);
  expect(looksLikeDocument('  <HTML lang="en">')).toBe(true);
  expect(looksLikeDocument('1')).toBe(false);
  expect(looksLikeDocument('<p>html fragment</p>')).toBe(false);
});

it("reads the transport from Mesop's page", () => {
  expect(transportOfHtml('window.__MESOP_EXPERIMENTS__ = {"websocketsEnabled": true, "x": 1}')).toBe('websocket');
  expect(transportOfHtml('{"websocketsEnabled": false}')).toBe('sse');
  expect(transportOfHtml('<html>')).toBeNull();
});

it('knows exactly four backends and gives file and sql their own temporary directory', () => {
  expect(['none', 'memory', 'file', 'sql'].every(isDevBackend)).toBe(true);
  expect(['firestore', 'Memory', 'toString', '__proto__', '', 1, null].some(isDevBackend)).toBe(false);
  const root = mkdtempSync(join(tmpdir(), 'dev-units-'));
  try {
    expect(setupBackend('memory', root)).toMatchObject({ dir: null, env: { MESOP_STATE_SESSION_BACKEND: 'memory' } });
    const file = setupBackend('file', root);
    expect(file.env.MESOP_STATE_SESSION_BACKEND_FILE_BASE_DIR).toBe(file.dir);
    const sql = setupBackend('sql', root);
    expect(sql.env.MESOP_STATE_SESSION_BACKEND_SQL_CONNECTION_URI).toBe(`sqlite:///${sql.dir}/sessions.sqlite3`);
    file.dispose();
    sql.dispose();
    expect(existsSync(file.dir!) || existsSync(sql.dir!)).toBe(false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

it('drops hop-by-hop headers and the secret when forwarding', () => {
  expect(
    forwardableHeaders({
      host: 'h',
      connection: 'keep-alive, x-drop',
      'x-drop': '1',
      'keep-alive': '5',
      'x-mesop-devtools-secret': 's',
      'content-type': 't',
    }),
  ).toEqual({ host: 'h', 'content-type': 't' });
});

it('keeps the last lines, without colour codes', () => {
  const tail = new LogTail(2);
  tail.push('a\nb\n\u001b[32mc');
  expect(tail.snapshot()).toEqual(['b', 'c']);
  tail.push('d\n');
  expect(tail.snapshot()).toEqual(['b', 'cd']);
});

it('removes the temporary directories of dead sessions only', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'stale-temp-test-'));
  try {
    const dir = (name: string, owner?: number): string => {
      const path = join(tmp, `${TEMP_PREFIX}${name}`);
      mkdirSync(join(path, 'file'), { recursive: true });
      if (owner !== undefined) markOwner(path, owner);
      return path;
    };
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!; // exited by now
    const dead = dir('dead', deadPid);
    const live = dir('live', process.pid);
    const unowned = dir('unowned');
    const elsewhere = join(tmp, 'not-ours');
    mkdirSync(elsewhere);
    markOwner(elsewhere, deadPid);
    const target = mkdtempSync(join(tmp, 'target-'));
    markOwner(target, deadPid);
    symlinkSync(target, join(tmp, `${TEMP_PREFIX}link`));

    expect(removeStaleTempRoots(tmp)).toEqual([dead]);
    expect([dead, live, unowned, elsewhere, target].map(existsSync)).toEqual([false, true, true, true, true]);
    expect(removeStaleTempRoots(join(tmp, 'no-such-dir'))).toEqual([]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
