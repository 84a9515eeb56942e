/**
 * The MCP server as a client of `mesop-devtools dev`'s control API (docs/dev-mode.md, "Contract
 * for the extension"), with the extension's rules: loopback addresses only, the per-run secret
 * read from the served page's marker each time (as the content script reads it), sent only in
 * the secret header to a control path on the page's own origin, and never shown or logged.
 */
import { request } from 'node:http';
import {
  DEV_CONTROL_PREFIX,
  DEV_CONTROL_VERSION,
  DEV_META_NAME,
  DEV_SECRET_HEADER,
  type DevBackend,
  type DevState,
} from '../../core';
import { ToolInputError } from './tool-kit';

export const DEFAULT_DEV_URL = 'http://127.0.0.1:32123/';
/** A switch waits for the new Mesop to serve; the supervisor gives up at 60 s. */
const SWITCH_TIMEOUT_MS = 90_000;
const STATE_TIMEOUT_MS = 10_000;
const MAX_BODY = 4 * 1024 * 1024;
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

interface Reply {
  status: number;
  body: string;
}

/** The dev server's page URL, refused unless it is plain HTTP on a loopback name. */
export function devUrl(text: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(text ?? DEFAULT_DEV_URL);
  } catch {
    throw new ToolInputError(`"${text}" is not a URL; give the dev server's address, e.g. ${DEFAULT_DEV_URL}.`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK.includes(url.hostname)) {
    throw new ToolInputError(
      `Only a dev server on this machine is reachable (http://127.0.0.1, localhost or [::1]), not ${url.origin}.`,
    );
  }
  return url;
}

function call(
  url: URL,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy(new Error('answer too large'));
        else chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The marker of the page at `page`: control URL and secret, or a clear refusal. */
async function marker(page: URL): Promise<{ control: URL; secret: string }> {
  let reply: Reply;
  try {
    reply = await call(page, 'GET', { accept: 'text/html' }, undefined, STATE_TIMEOUT_MS);
  } catch (e) {
    throw new ToolInputError(
      `Nothing answers at ${page.href} (${(e as Error).message}); start the app with \`mesop-devtools dev main.py\`.`,
    );
  }
  const tag = reply.body.match(new RegExp(`<meta\\s[^>]*name="${DEV_META_NAME}"[^>]*>`))?.[0];
  if (!tag)
    throw new ToolInputError(
      `${page.href} is not served by \`mesop-devtools dev\` (its page has no dev-mode marker); run \`mesop-devtools dev main.py\` to switch backends.`,
    );
  if (attr(tag, 'content') !== String(DEV_CONTROL_VERSION))
    throw new ToolInputError(
      `The dev server at ${page.origin} speaks another control version (${attr(tag, 'content')}); use the same mesop-devtools version for both.`,
    );
  const path = attr(tag, 'data-control') ?? DEV_CONTROL_PREFIX;
  const secret = attr(tag, 'data-secret') ?? '';
  // Only a path on the page's own origin: a marker pointing elsewhere would send the secret away.
  const control = new URL(path, page.origin);
  if (!path.startsWith('/') || control.origin !== page.origin || !secret)
    throw new ToolInputError(`The dev-mode marker at ${page.origin} is malformed.`);
  return { control, secret };
}

const isState = (x: unknown): x is DevState =>
  typeof x === 'object' &&
  x !== null &&
  (x as DevState).version === DEV_CONTROL_VERSION &&
  typeof (x as DevState).backend === 'string';

async function control(page: URL, method: 'GET' | 'POST', name: string, body?: object): Promise<DevState> {
  const m = await marker(page);
  const headers: Record<string, string> = { [DEV_SECRET_HEADER]: m.secret };
  // The page's own origin, as the content script's fetch sends it on a POST.
  if (body) Object.assign(headers, { 'content-type': 'application/json', origin: page.origin });
  let reply: Reply;
  try {
    reply = await call(
      new URL(name, m.control),
      method,
      headers,
      body ? JSON.stringify(body) : undefined,
      method === 'POST' ? SWITCH_TIMEOUT_MS : STATE_TIMEOUT_MS,
    );
  } catch (e) {
    throw new ToolInputError(`The dev server at ${page.origin} did not answer ${name} (${(e as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(reply.body);
  } catch {
    json = undefined;
  }
  if (reply.status === 200 && isState(json)) return json;
  const err = json as { error?: { code?: string; message?: string }; state?: DevState } | undefined;
  if (err?.error?.message) {
    const log =
      isState(err.state) && err.state.log.length
        ? `; Mesop's last line: ${err.state.log[err.state.log.length - 1]}`
        : '';
    throw new ToolInputError(`The dev server refused ${name}: ${err.error.message} (${err.error.code})${log}.`);
  }
  throw new ToolInputError(
    `The dev server at ${page.origin} answered ${name} with HTTP ${reply.status} and no dev-control answer.`,
  );
}

export const devState = (page: URL): Promise<DevState> => control(page, 'GET', 'state');
export const switchBackend = (page: URL, backend: DevBackend): Promise<DevState> =>
  control(page, 'POST', 'switch', { backend });
