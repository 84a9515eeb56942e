import { isIPv4, isIPv6 } from 'node:net';

/** Where `mesop-devtools dev` listens unless told otherwise (Mesop's own server binds localhost too). */
export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

/**
 * A `--host` value, checked to be a loopback address: 127.0.0.0/8 or ::1 (brackets allowed).
 * Anything else would make the dev server, which can restart a process and read its log,
 * reachable from other machines; to reach it from elsewhere, forward a port to it
 * (`ssh -L`, an editor's port forwarding) and allow that name with --allowed-host. Returns the
 * address as `listen` takes it, or an Error that says why not.
 */
export function parseBindAddress(value: string): string | Error {
  const v = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (isIPv4(v) && v.startsWith('127.')) return v;
  if (isIPv6(v) && isIPv6Loopback(v)) return '::1';
  if (v === 'localhost') return new Error('--host takes an address: 127.0.0.1 or ::1 (localhost can mean either)');
  return new Error(
    `--host must be a loopback address (127.0.0.1 or ::1), got "${value}": the dev server is never exposed to the network; forward a port to it instead (docs/dev-mode.md)`,
  );
}

/** ::1 however it is written (0:0:0:0:0:0:0:1, ::0:1 ...). */
function isIPv6Loopback(v: string): boolean {
  const [head = '', tail = ''] = v.split('::');
  const groups = v.includes('::')
    ? [...head.split(':').filter(Boolean), ...tail.split(':').filter(Boolean)]
    : v.split(':');
  const nums = groups.map((g) => parseInt(g, 16));
  return nums.length > 0 && nums.at(-1) === 1 && nums.slice(0, -1).every((n) => n === 0);
}

/** An address as URLs and Host headers write it (IPv6 in brackets). */
export const urlHost = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** The URL a browser opens for a bound address and port. */
export const originOf = (address: string, port: number): string => `http://${urlHost(address)}:${port}`;
