import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDevBackend } from './backends';
import { DEV_CONTROL_PREFIX, DEV_SECRET_HEADER, type DevError, type DevErrorCode, type DevState } from '../../core';
import { BodyError, readJsonBody } from './read-json-body';
import { isAllowedOrigin } from './request-guard';
import { secretMatches } from './secret';
import { SupervisorBusy, type Supervisor } from './supervisor';

/**
 * The control API under /__mesop_devtools__/ (docs/dev-mode.md has the contract):
 *   GET  state    -> DevState
 *   POST switch   {"backend": "none"|"memory"|"file"|"sql"} -> DevState once the new Mesop answers
 *   POST restart  {} -> DevState once Mesop answers again (after a crash)
 * The Host check has already passed (dev-server.ts). Here: Origin, secret, method, body.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  supervisor: Supervisor,
  secret: string,
): Promise<void> {
  try {
    if (!isAllowedOrigin(req.headers))
      return fail(res, 403, 'bad-origin', "control calls must come from the app's own origin");
    if (!secretMatches(secret, req.headers[DEV_SECRET_HEADER])) {
      return fail(res, 403, 'bad-secret', `missing or wrong ${DEV_SECRET_HEADER} header`);
    }
    const path = (req.url ?? '').split('?')[0]!.slice(DEV_CONTROL_PREFIX.length);
    const route = ROUTES[path as keyof typeof ROUTES];
    if (!Object.hasOwn(ROUTES, path) || !route) return fail(res, 404, 'not-found', `no control endpoint "${path}"`);
    if (req.method !== route.method) {
      res.setHeader('allow', route.method);
      return fail(res, 405, 'method-not-allowed', `${path} takes ${route.method}`);
    }
    await route.run(req, res, supervisor);
  } catch (err) {
    if (err instanceof BodyError) return fail(res, err.status, err.code, err.message);
    if (err instanceof SupervisorBusy) return fail(res, 409, 'busy', err.message, supervisor.state());
    throw err;
  }
}

type Route = { method: 'GET' | 'POST'; run(req: IncomingMessage, res: ServerResponse, s: Supervisor): Promise<void> };

const ROUTES: Record<'state' | 'switch' | 'restart', Route> = {
  state: { method: 'GET', run: async (_req, res, s) => sendJson(res, 200, s.state()) },

  switch: {
    method: 'POST',
    async run(req, res, s) {
      const body = await readJsonBody(req);
      const keys = Object.keys(body);
      const backend = body.backend;
      // Looked up in a fixed list, never used as given: "memory; rm -rf ~" or "MEMORY" is refused.
      if (keys.length !== 1 || keys[0] !== 'backend' || !isDevBackend(backend)) {
        return fail(res, 400, 'bad-backend', 'body must be {"backend": "none"|"memory"|"file"|"sql"}');
      }
      if (!s.state().backends.includes(backend)) {
        return fail(
          res,
          409,
          'backend-unavailable',
          `backend "${backend}" cannot run here (for sql: pip install SQLAlchemy into mesop's environment)`,
        );
      }
      await runOp(res, s, () => s.switchTo(backend));
    },
  },

  restart: {
    method: 'POST',
    async run(req, res, s) {
      const body = await readJsonBody(req);
      if (Object.keys(body).length !== 0) return fail(res, 400, 'bad-json', 'restart takes an empty object {}');
      await runOp(res, s, () => s.restart());
    },
  },
};

async function runOp(res: ServerResponse, s: Supervisor, op: () => Promise<void>): Promise<void> {
  try {
    await op();
  } catch (err) {
    if (err instanceof SupervisorBusy) throw err;
    return fail(res, 502, 'start-failed', (err as Error).message, s.state());
  }
  sendJson(res, 200, s.state());
}

function fail(res: ServerResponse, status: number, code: DevErrorCode, message: string, state?: DevState): void {
  const body: DevError = { error: { code, message }, ...(state ? { state } : {}) };
  sendJson(res, status, body);
}

/** No CORS headers, ever: cross-origin scripts get neither a preflight pass nor a readable answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}
