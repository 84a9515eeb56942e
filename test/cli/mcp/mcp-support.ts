/**
 * Shared by the MCP tests: the built server (`node dist/cli/mesop-devtools.js mcp`) driven over
 * stdio by the MCP SDK's own client, and the answers read back as typed objects.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const ROOT = join(__dirname, '../../..');
export const CLI = join(ROOT, 'dist/cli/mesop-devtools.js');
export const fixture = (name: string) => join(ROOT, 'test/fixtures', name);

export interface Connected {
  client: Client;
  transport: StdioClientTransport;
  stderr(): string;
  close(): Promise<void>;
}

/** Starts the server as a client would (a child on stdio) and connects. */
export async function connect(
  opts: { args?: string[]; cwd?: string; env?: Record<string, string> } = {},
): Promise<Connected> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...(opts.args ?? [])],
    cwd: opts.cwd ?? ROOT,
    env: { ...env, ...(opts.env ?? {}) },
    stderr: 'pipe',
  });
  let err = '';
  transport.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const client = new Client({ name: 'mesop-devtools-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => err, close: () => client.close() };
}

export interface ToolAnswer<T> {
  isError: boolean;
  text: string;
  value: T;
}

/** Calls a tool; the structured answer, and the text (the whole of it, errors included). */
export async function call<T = Record<string, unknown>>(
  c: Connected,
  name: string,
  args: Record<string, unknown> = {},
  timeout = 60_000,
  onprogress?: (message: string) => void,
): Promise<ToolAnswer<T>> {
  const r = await c.client.callTool({ name, arguments: args }, undefined, {
    timeout,
    ...(onprogress
      ? { onprogress: (p: { message?: string }) => onprogress(p.message ?? ''), resetTimeoutOnProgress: true }
      : {}),
  });
  const content = r.content as { type: string; text?: string }[];
  return {
    isError: r.isError === true,
    text: content.map((x) => x.text ?? '').join('\n'),
    value: r.structuredContent as T,
  };
}

/** Processes whose command line contains `marker` (a unique temporary path), other than ps itself. */
export function processesWith(marker: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(marker) && !/\bps -eo\b/.test(l));
}
