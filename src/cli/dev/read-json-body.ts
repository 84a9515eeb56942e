import type { IncomingMessage } from 'node:http';
import type { DevErrorCode } from '../../core';

/** A control body is `{"backend":"memory"}`: 1 KiB is generous and bounds what we hold in memory. */
export const MAX_CONTROL_BODY = 1024;

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: DevErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON object body. Only `application/json` (charset, if given, utf-8): besides being
 * what we parse, it is not a CORS "simple" content type, so a cross-origin page cannot even send
 * it without a preflight, which the dev server never grants.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_CONTROL_BODY): Promise<Record<string, unknown>> {
  const [type = '', ...params] = String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    throw new BodyError(415, 'bad-content-type', 'control calls take Content-Type: application/json');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, 'body-too-large', `body over ${limit} bytes`);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Chunked uploads carry no Content-Length: count as they come and stop reading at the limit.
    if (size > limit) throw new BodyError(413, 'body-too-large', `body over ${limit} bytes`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'bad-json', 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BodyError(400, 'bad-json', 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
