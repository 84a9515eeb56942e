import type { IncomingHttpHeaders } from 'node:http';
import { hostIsAllowed } from './allowed-hosts';

/**
 * Who may talk to the dev server. Pure checks on headers, one defence each (docs/dev-mode.md,
 * "Threat model").
 */

/** What the Host check says about a request: answered, refused (403) or malformed (400). */
export type HostVerdict = 'allowed' | 'refused' | 'duplicate';

/**
 * DNS rebinding: a page at http://evil.example:PORT whose name later resolves to 127.0.0.1 is
 * "same origin" with itself, so the browser sends `Host: evil.example:PORT`. Only the allowed
 * names pass (allowed-hosts.ts: loopback names by default, any port). Two Host headers are a
 * malformed request (RFC 9112 §3.2: 400), not "the first one wins" as Node's parser would have it:
 * a front proxy that read the other one would have checked a different host than the one we did.
 * `rawHeaders` is Node's [name, value, name, value, ...] list, as received.
 */
export function checkHost(rawHeaders: readonly string[], allowed: readonly string[]): HostVerdict {
  const hosts: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === 'host') hosts.push(rawHeaders[i + 1]!);
  if (hosts.length > 1) return 'duplicate';
  return hostIsAllowed(hosts[0], allowed) ? 'allowed' : 'refused';
}

/**
 * Cross-site requests: a browser always sends Origin on cross-origin requests and on same-origin
 * POSTs, so an Origin that is not the page's own means another site is calling. An absent Origin
 * (a same-origin GET, or a non-browser local client) is left to the secret check.
 * "null" (sandboxed frames, file: pages) is foreign. The page's own origin is its Host (which
 * already passed `checkHost`) under http, or under https when a TLS-terminating forwarder (a
 * Codespaces-style URL given with --allowed-host) serves it: either way the same authority, so
 * the same server, this one.
 */
export function isAllowedOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (typeof headers.host !== 'string') return false;
  const host = headers.host.toLowerCase();
  const o = origin.toLowerCase();
  return o === `http://${host}` || o === `https://${host}`;
}
