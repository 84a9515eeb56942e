/**
 * `mesop-devtools mcp`: a Model Context Protocol server on stdin/stdout (docs/mcp.md). Built as its
 * own bundle, dist/cli/mcp-server.js, with the MCP SDK and zod inside (scripts/build.mjs): the CLI
 * requires it only for this command. stdout carries the protocol only; progress goes to stderr.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CliProcess } from '../cli-process';
import { TOOL_VERSION } from '../tool-version';
import type { ServerContext } from './context';
import { registerResources } from './resources';
import { SessionStore } from './sessions';
import { registerDevTools } from './tools-dev';
import { registerEventTools } from './tools-events';
import { registerJudgementTools } from './tools-judgement';
import { registerSourceTools } from './tools-sources';

export interface McpOptions {
  includeValues: boolean;
  outDir?: string;
}

const INSTRUCTIONS = `Measures the network payload of Mesop apps: decoded /__ui__ events, state and component-tree bytes, named fields, advice with exact .env lines, budgets.
Start with analyze_har {path} for a recording, or run_flow {} to drive the app's flows like \`mesop-devtools check\`; both return a session id.
Then findings {session} says what to change and why; list_events / get_event / top_fields show where the bytes go; budgets and compare judge them.
Numbers are bytes: "up"/"down" are wire bytes of one event's request/response; state bytes are UTF-8 JSON of the state; "held state" is what the client keeps and, without a server-side backend, uploads with every event.`;

/** Serves until the client closes stdin; then stops the apps it started and exits. */
export async function serveMcp(options: McpOptions, proc: CliProcess): Promise<number> {
  let outDir: string | undefined = options.outDir ? resolve(proc.cwd(), options.outDir) : undefined;
  const ctx: ServerContext = {
    sessions: new SessionStore(),
    proc,
    includeValues: options.includeValues,
    outDir: () => {
      outDir ??= mkdtempSync(join(tmpdir(), 'mesop-devtools-mcp-'));
      mkdirSync(outDir, { recursive: true });
      return outDir;
    },
    apps: new Set(),
  };
  const server = new McpServer(
    { name: 'mesop-devtools', version: TOOL_VERSION },
    { instructions: INSTRUCTIONS, capabilities: { tools: {}, resources: {} } },
  );
  registerSourceTools(server, ctx);
  registerEventTools(server, ctx);
  registerJudgementTools(server, ctx);
  registerDevTools(server, ctx);
  registerResources(server, ctx);

  const closed = new Promise<void>((done) => {
    process.stdin.once('end', done);
    process.stdin.once('close', done);
  });
  await server.connect(new StdioServerTransport());
  proc.stderr.write(
    `mesop-devtools ${TOOL_VERSION} MCP server on stdio${options.includeValues ? ' (values included)' : ''}\n`,
  );
  await closed;
  // A run in progress has an app and a browser: stop the app here; the browser is killed by
  // puppeteer's exit hook, the app's process group also by app-command's.
  await Promise.all([...ctx.apps].map((app) => app.stop().catch(() => undefined)));
  await server.close().catch(() => undefined);
  return 0;
}
