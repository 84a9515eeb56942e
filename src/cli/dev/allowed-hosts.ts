import { isIPv6 } from 'node:net';

/**
 * Which `Host` names the dev server answers (the DNS-rebinding defence, docs/dev-mode.md), modelled
 * on Vite's `server.allowedHosts`: names only, any port (a forwarded port such as
 * `ssh -L 9000:localhost:32123` makes the browser send `Host: localhost:9000`), and a leading dot
 * allows a domain with its subdomains (`.example.test` = `example.test` and `*.example.test`).
 */

/**
 * Always allowed: names a browser never asks DNS for, so a rebinding attacker cannot make a page
 * send them. `.localhost`: every `*.localhost` name is loopback in browsers (RFC 6761).
 * 0.0.0.0 is an address literal too, and what some users type to reach a local server.
 */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '.localhost', '127.0.0.1', '[::1]', '0.0.0.0'];

const LABEL = '[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?';
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
/** `[v6]` with a valid IPv6 address inside (how URLs and Host headers write it). */
const isBracketedV6 = (name: string): boolean =>
  name.startsWith('[') && name.endsWith(']') && isIPv6(name.slice(1, -1));

/** A Host header value split into its name (lower case, IPv6 in brackets) and port; null when malformed. */
export function hostName(host: string): string | null {
  const m = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(host.toLowerCase());
  if (!m) return null;
  const name = m[1]!;
  if (m[2] !== undefined && Number(m[2]) > 65535) return null;
  return DOMAIN.test(name) || isBracketedV6(name) ? name : null;
}

/**
 * One `--allowed-host` value, normalised (lower case, `*.x` as `.x`, a bare IPv6 address in
 * brackets), or an Error that says what is wrong with it (the CLI turns it into a usage error).
 * No wildcard for "any host": that would switch the rebinding defence off.
 */
export function parseAllowedHost(value: string): string | Error {
  let v = value.trim().toLowerCase();
  if (isIPv6(v)) v = `[${v}]`;
  if (isBracketedV6(v)) return v;
  if (v.startsWith('*.')) v = v.slice(1);
  if (DOMAIN.test(v.startsWith('.') ? v.slice(1) : v)) return v;
  if (/:\d+$/.test(v) && hostName(v) !== null)
    return new Error(`--allowed-host takes a name without a port ("${value}"): every port is accepted`);
  return new Error(
    `--allowed-host "${value}" is not a host name: give a name (app.example.test), a domain with its subdomains (.example.test) or an IP address`,
  );
}

/** Whether a request's Host header names an allowed host (any port). */
export function hostIsAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined) return false;
  const name = hostName(host);
  if (name === null) return false;
  return allowed.some((a) => (a.startsWith('.') ? name === a.slice(1) || name.endsWith(a) : name === a));
}
