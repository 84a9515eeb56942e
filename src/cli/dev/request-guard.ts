import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to the dev server. Pure checks on headers, one defence each (docs/dev-mode.md,
 * "Threat model").
 */

/** Names that always mean this machine: a browser never resolves them through DNS. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * DNS rebinding: a page at http://evil.example:PORT whose name later resolves to 127.0.0.1 is
 * "same origin" with itself, so the browser sends `Host: evil.example:PORT`. Only loopback names
 * with our exact port pass (a bare name only when the port is 80, where browsers omit it).
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => h === `${name}:${port}` || (port === 80 && h === name));
}

/**
 * The page's own origin, built from a Host that already passed `isAllowedHost`. The dev server
 * speaks plain HTTP only, so the scheme is fixed.
 */
export function ownOrigin(host: string): string {
  return `http://${host.toLowerCase()}`;
}

/**
 * Cross-site requests: a browser always sends Origin on cross-origin requests and on same-origin
 * POSTs, so an Origin that is not the page's own means another site is calling. An absent Origin
 * (a same-origin GET, or a non-browser local client) is left to the secret check.
 * "null" (sandboxed frames, file: pages) is foreign.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  return typeof headers.host === 'string' && origin.toLowerCase() === ownOrigin(headers.host);
}
