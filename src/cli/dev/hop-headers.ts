import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { DEV_SECRET_HEADER } from '../../core';

/** RFC 9110 §7.6.1: connection-specific headers are not forwarded by a proxy. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Headers to pass on, minus hop-by-hop ones (and any the Connection header names), minus the
 * control secret (Mesop never needs to see it), minus any in `drop`.
 */
export function forwardableHeaders(headers: IncomingHttpHeaders, drop: readonly string[] = []): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || named.includes(name) || name === DEV_SECRET_HEADER || drop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}
