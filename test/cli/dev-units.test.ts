/** The pure pieces of the dev supervisor: guards, secret, marker, backend table, log tail. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDevBackend, setupBackend } from '../../src/cli/dev/backends';
import { forwardableHeaders } from '../../src/cli/dev/hop-headers';
import { injectMarker, looksLikeDocument } from '../../src/cli/dev/html-marker';
import { LogTail } from '../../src/cli/dev/log-tail';
import { isAllowedHost, isAllowedOrigin } from '../../src/cli/dev/request-guard';
import { newSecret, secretMatches } from '../../src/cli/dev/secret';
import { transportOfHtml } from '../../src/cli/dev/wait-until-serving';

it('allows loopback names with the exact port only', () => {
  expect(['localhost:4000', '127.0.0.1:4000', '[::1]:4000', 'LocalHost:4000'].every((h) => isAllowedHost(h, 4000))).toBe(true);
  expect(['localhost', 'localhost:4001', 'evil.example:4000', 'localhost.evil.example:4000', '127.0.0.2:4000', '0.0.0.0:4000', undefined]
    .some((h) => isAllowedHost(h, 4000))).toBe(false);
  expect(isAllowedHost('localhost', 80)).toBe(true);
});

it('allows an absent Origin or the page\'s own only', () => {
  expect(isAllowedOrigin({ host: 'localhost:4000' })).toBe(true);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'http://localhost:4000' })).toBe(true);
  expect(isAllowedOrigin({ host: 'localhost:4000', origin: 'http://127.0.0.1:4000' })).toBe(false);
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
  expect(injectMarker(page, 's')).toBe('<!doctype html>\n<html><head><meta name="mesop-devtools-dev" content="1" data-control="/__mesop_devtools__/" data-secret="s">\n<title>x</title></head></html>');
  expect(looksLikeDocument(page)).toBe(true);
  expect(looksLikeDocument('  <HTML lang="en">')).toBe(true);
  expect(looksLikeDocument('1')).toBe(false);
  expect(looksLikeDocument('<p>html fragment</p>')).toBe(false);
});

it('reads the transport from Mesop\'s page', () => {
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
  expect(forwardableHeaders({
    host: 'h', connection: 'keep-alive, x-drop', 'x-drop': '1', 'keep-alive': '5', 'x-mesop-devtools-secret': 's', 'content-type': 't',
  })).toEqual({ host: 'h', 'content-type': 't' });
});

it('keeps the last lines, without colour codes', () => {
  const tail = new LogTail(2);
  tail.push('a\nb\n\u001b[32mc');
  expect(tail.snapshot()).toEqual(['b', 'c']);
  tail.push('d\n');
  expect(tail.snapshot()).toEqual(['b', 'cd']);
});
