/** Dev mode from the agent: the running `mesop-devtools dev` supervisor's state, and a backend switch. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DEV_BACKENDS, type DevState } from '../../core';
import type { ServerContext } from './context';
import { DEFAULT_DEV_URL, devState, devUrl, switchBackend } from './dev-client';
import { answer, guarded } from './tool-kit';

const LOG_LINES = 10;
const urlArg = z.string().optional().describe(`The dev server's address (default ${DEFAULT_DEV_URL}); loopback only`);

const stateShape = {
  url: z.string(),
  backend: z.enum(DEV_BACKENDS).describe('The session backend Mesop runs with now'),
  backends: z.array(z.enum(DEV_BACKENDS)).describe('Backends this machine can run'),
  transport: z
    .enum(['sse', 'websocket'])
    .nullable()
    .describe('From the page Mesop served; WebSocket mode sends no state whatever the backend'),
  app: z.string(),
  child: z.object({
    status: z.string(),
    pid: z.number().nullable(),
    exitCode: z.number().nullable(),
    signal: z.string().nullable(),
    restarts: z.number(),
    startedAt: z.number().nullable(),
  }),
  log: z.array(z.string()).describe(`Mesop's last ${LOG_LINES} output lines`),
};

const view = (url: URL, s: DevState) => ({
  url: url.href,
  backend: s.backend,
  backends: s.backends,
  transport: s.transport,
  app: s.app,
  child: s.child,
  log: s.log.slice(-LOG_LINES),
});

export function registerDevTools(server: McpServer, _ctx: ServerContext): void {
  server.registerTool(
    'dev_status',
    {
      title: 'Dev server status',
      description:
        'When the app runs under `mesop-devtools dev main.py`: which session backend Mesop runs with, which it could run, the transport, ' +
        "and whether Mesop is running or crashed (with its last log lines). Talks to the dev server's control API on this machine only.",
      inputSchema: { url: urlArg },
      outputSchema: stateShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ url }) => {
      const page = devUrl(url);
      const state = await devState(page);
      return answer(
        view(page, state),
        `Mesop ${state.child.status} with backend ${state.backend} (can run ${state.backends.join(', ')}).`,
      );
    }),
  );

  server.registerTool(
    'dev_switch_backend',
    {
      title: 'Switch the session backend',
      description:
        'Restarts Mesop under `mesop-devtools dev` with another MESOP_STATE_SESSION_BACKEND and waits until it serves (a few seconds). ' +
        "Nothing in the app's files or .env changes. Open pages must be reloaded; then record the same flow again (run_flow with url) and compare.",
      inputSchema: {
        backend: z
          .enum(DEV_BACKENDS)
          .describe(
            'none: state goes up and down with every event; memory/file/sql: the server keeps it, the client sends a token',
          ),
        url: urlArg,
      },
      outputSchema: stateShape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(async ({ backend, url }) => {
      const page = devUrl(url);
      const state = await switchBackend(page, backend);
      return answer(
        view(page, state),
        `Mesop now runs with backend ${state.backend}; reload open pages before measuring again.`,
      );
    }),
  );
}
